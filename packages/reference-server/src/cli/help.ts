/** `--help`: usage, every option from the option table, and notes on the data directory, import and replay. */
import { COMMANDS, OPTIONS } from './option-table';

const USAGE = `Usage: eracing-server [command] [options]

Commands:
  serve                     Serve the simulated live session, record it, and serve the recorded sessions (default)
  replay <session>          Serve a replay of a recorded session as the live session, with the recorded sessions
  import <file>             Import a logger file (.ibt, .ld, MoTeC / AiM CSV, CSV) as a recorded session
  list                      List the sessions in the data directory
  export <session|sim>      Write a session's samples as CSV ("sim": the simulator, from --session-start)`;

const NOTES = `Data directory: <data-dir>/sessions/<id>/ holds session.json (what the session is), batches.ercb (append-only
binary batches), batches.idx (their index), events.jsonl (reported events) and laps.json (computed laps).

Import: the format is found from the file's content. iRacing .ibt and MoTeC .ld (with its .ldx) need no mapping:
known channels (the core's list) are mapped by name with their units converted, the others kept under their own names.
MoTeC i2 and AiM Race Studio CSV exports are recognised by their header. Every import prints a report (laps and
their times, track length, sectors, GPS dropouts, channels), also kept in session.json. Generic CSV: the header row
is required. Columns named like a channel (speed, lap, lap_distance, x, y, lat, lon, …) and
"time" (epoch ms) and "car" are read without a mapping, as written by export. Other columns are mapped with --column
or a mapping file; columns nothing maps are reported and skipped. Units are converted to each channel's unit
(m/s, mph → km/h; psi, kPa → bar; °F, K → °C; W → kW; Wh → kWh; rad → deg; fraction → %). Mapping file:
  { "time": { "column": "Time", "unit": "s" }, "startTime": "2025-05-17T10:00:00Z",
    "channels": { "speed": { "column": "Ground Speed", "unit": "km/h" }, "tyre_temp_fl_inner": { "column": "LFtempR" } },
    "car": "7", "cars": { "7": { "driver": "A. Driver", "team": "Team" } }, "sectors": [1200, 2650] }
Flags override the file. Laps come from a lap column, else the lap_distance wraps, else x/y (or lat/lon) crossing a
line placed where the car first moves. A bad line stops the import with file:line: reason and leaves nothing behind.

Replay: runs at --speed from the recording's first batch, as the live session, under a new epoch. At the end it
stops being live, or with --loop starts again, each pass later by the recording's length with lap numbers going on.`;

export function helpText(version: string): string {
  const lines = [`eracing-server ${version} — reference telemetry server`, '', USAGE, '', 'Options:'];
  for (const o of OPTIONS) {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` <${o.value}>` : ''}`;
    const where = o.commands.length === COMMANDS.length ? '' : ` [${o.commands.join(', ')}]`;
    const fallback =
      o.name === 'help' || o.name === 'version'
        ? ''
        : ` (default: ${o.default ?? (o.type === 'boolean' ? 'off' : 'none')})`;
    lines.push(`  ${flag}`, `        ${o.description}${fallback}${where}`);
  }
  return [...lines, '', NOTES, ''].join('\n');
}
