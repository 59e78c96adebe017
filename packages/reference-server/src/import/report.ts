/** What an import found and did: printed by the CLI and kept in `session.json` as `report`. */
import { formatLapTime } from '@eracing/telemetry-core/laps';
import { type LapRecord } from '@eracing/telemetry-core/protocol';

export interface ImportReport {
  /** e.g. "iRacing .ibt", "MoTeC .ld", "CSV". */
  format: string;
  file: string;
  bytes: number;
  rows: number;
  durationS: number;
  /** Rows per second over the session. */
  rateHz: number;
  car: string;
  track: string;
  /** Where the complete laps' times come from. */
  lapTimes: { source: 'logger' | 'samples'; channel?: string; note?: string };
  laps: ReportLap[];
  trackLength: { metres: number; source: 'lap distance' | 'GPS' | 'given' | 'session info' | 'none' };
  sectors: { ends: number[]; source: 'given' | 'session info' | 'thirds of the lap' | 'none' };
  /** GPS fixes that were dropouts (0,0, out of range): no position. */
  gpsDropouts: number;
  channels: { mapped: string[]; kept: string[]; ignored: string[] };
  notes: string[];
}

export interface ReportLap {
  lap: number;
  /** Seconds, complete laps only: the logger's when it has one. */
  time?: number;
  /** Seconds from the samples' line crossings, when different from `time`'s source. */
  samplesTime?: number;
  flags: string[];
  startTime: number;
  endTime?: number;
}

export function reportLaps(laps: readonly LapRecord[], samplesTimes: ReadonlyMap<string, number>): ReportLap[] {
  return laps.map((lap) => {
    const flags = (Object.keys(lap.flags) as (keyof LapRecord['flags'])[]).filter((f) => lap.flags[f]);
    const row: ReportLap = { lap: lap.lap, flags, startTime: lap.startTime };
    if (lap.endTime !== undefined) row.endTime = lap.endTime;
    if (lap.lapTime !== undefined) row.time = round3(lap.lapTime);
    const fromSamples = samplesTimes.get(`${lap.car}|${lap.lap}`);
    if (fromSamples !== undefined && lap.lapTime !== undefined && Math.abs(fromSamples - lap.lapTime) > 1e-6)
      row.samplesTime = round3(fromSamples);
    return row;
  });
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

const FLAG_WORDS: Record<string, string> = { outLap: 'out-lap', inLap: 'in-lap', pit: 'pit', incomplete: 'incomplete' };

/** The report as lines for the terminal. */
export function formatReport(report: ImportReport): string[] {
  const lines = [
    `${report.format}: ${report.file} (${(report.bytes / 1e6).toFixed(2)} MB)`,
    `  car ${report.car} at ${report.track}`,
    `  ${report.rows.toLocaleString('en')} rows, ${report.durationS.toFixed(1)} s at ${report.rateHz.toFixed(1)} Hz`,
    `  track length ${report.trackLength.metres > 0 ? `${report.trackLength.metres.toFixed(1)} m` : 'unknown'} (${report.trackLength.source})`,
    `  sectors ${report.sectors.ends.length ? report.sectors.ends.map((e) => `${e.toFixed(0)} m`).join(', ') : 'none'} (${report.sectors.source})`,
    `  lap times from ${report.lapTimes.source === 'logger' ? `the logger (${report.lapTimes.channel})` : 'the samples (line crossings)'}${report.lapTimes.note ? `: ${report.lapTimes.note}` : ''}`,
    `  ${report.laps.length} lap(s):`,
  ];
  for (const lap of report.laps) {
    const time = lap.time !== undefined ? formatLapTime(lap.time) : '—';
    const samples = lap.samplesTime !== undefined ? ` (samples ${formatLapTime(lap.samplesTime)})` : '';
    const flags = lap.flags.length ? ` [${lap.flags.map((f) => FLAG_WORDS[f] ?? f).join(', ')}]` : '';
    lines.push(`    lap ${lap.lap}: ${time}${samples}${flags}`);
  }
  lines.push(`  GPS dropouts dropped: ${report.gpsDropouts}`);
  const { mapped, kept, ignored } = report.channels;
  lines.push(`  channels mapped (${mapped.length}): ${mapped.join('; ') || 'none'}`);
  lines.push(`  channels kept under their own names (${kept.length}): ${kept.join(', ') || 'none'}`);
  lines.push(`  channels ignored (${ignored.length}): ${ignored.join(', ') || 'none'}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return lines;
}
