/**
 * The lap table as one frame named `laps` (a dataplane `table`): a row per car and lap, with lap and sector times
 * in whole milliseconds, validity, flags, energy, and per-lap aggregates (`<channel>_mean`, `_min`, `_max`) of the
 * channels asked for.
 */
import { FRAME_NAMES } from '@eracing/telemetry-core/frames';
import { bestValidLap, lapTimeMs } from '@eracing/telemetry-core/laps';
import { type LapRow } from '@eracing/telemetry-core/protocol';
import { FieldType, type DataFrame, type Field } from '@grafana/data';

import { nullable, tableFrameType } from './frame-types';

import { describeLapFlags } from '../lap-time';
import { byCarNumber, type TraceChannel } from './telemetry-frame';

/**
 * Lap and sector times are whole milliseconds (rounded as `formatLapTime` rounds) in Grafana's millisecond clock
 * format, `01m:31s:695ms`: Grafana's table then shows the digits the variables and panels show (`1:31.695`). A
 * time in seconds with the `clocks` unit would be truncated, a millisecond off.
 */
export const LAP_TIME_UNIT = 'clockms';

/** Times on the wire are whole epoch milliseconds; lap and sector times whole milliseconds. */
const ms = (seconds: number | undefined): number | null => (seconds === undefined ? null : lapTimeMs(seconds));

const AGGREGATES = ['mean', 'min', 'max'] as const;

function field(name: string, type: FieldType, values: unknown[], config: Field['config'] = {}): Field {
  return { name, type, config, values };
}

export function lapTableFrame(
  laps: readonly LapRow[],
  aggregates: readonly TraceChannel[],
  refId: string,
  session: string,
): DataFrame {
  const rows = [...laps].sort((a, b) => byCarNumber(a.car, b.car) || a.lap - b.lap);
  const bestOfCar = new Map<string, LapRow | undefined>();
  for (const car of new Set(rows.map((lap) => lap.car))) {
    bestOfCar.set(car, bestValidLap(rows.filter((lap) => lap.car === car && lap.endTime !== undefined)));
  }
  const sectors = Math.max(0, ...rows.map((lap) => lap.sectorTimes.length));
  const column = <T>(read: (lap: LapRow) => T) => rows.map(read);
  const time = { unit: LAP_TIME_UNIT };

  const fields: Field[] = [
    field(
      'car',
      FieldType.string,
      column((lap) => lap.car),
    ),
    field(
      'lap',
      FieldType.number,
      column((lap) => lap.lap),
    ),
    field(
      'start',
      FieldType.time,
      column((lap) => Math.round(lap.startTime)),
    ),
    nullable(
      field(
        'end',
        FieldType.time,
        column((lap) => (lap.endTime === undefined ? null : Math.round(lap.endTime))),
      ),
      'time.Time',
    ),
    nullable(
      field(
        'lap_time',
        FieldType.number,
        column((lap) => ms(lap.lapTime)),
        { ...time, displayNameFromDS: 'Lap time' },
      ),
      'float64',
    ),
    ...Array.from({ length: sectors }, (_, s) =>
      nullable(
        field(
          `sector_${s + 1}`,
          FieldType.number,
          column((lap) => ms(lap.sectorTimes[s])),
          { ...time, displayNameFromDS: `Sector ${s + 1}` },
        ),
        'float64',
      ),
    ),
    field(
      'valid',
      FieldType.boolean,
      column((lap) => lap.valid),
    ),
    field(
      'best',
      FieldType.boolean,
      column((lap) => bestOfCar.get(lap.car) === lap),
    ),
    field(
      'flags',
      FieldType.string,
      column((lap) => describeLapFlags(lap.flags)),
    ),
    nullable(
      field(
        'length',
        FieldType.number,
        column((lap) => lap.length ?? null),
        { unit: 'lengthm' },
      ),
      'float64',
    ),
    field(
      'energy_used',
      FieldType.number,
      column((lap) => lap.energyUsed ?? null),
      { unit: 'kwatth' },
    ),
    field(
      'energy_regen',
      FieldType.number,
      column((lap) => lap.energyRegen ?? null),
      { unit: 'kwatth' },
    ),
    ...aggregates.flatMap((channel) =>
      AGGREGATES.map((stat) =>
        nullable(
          field(
            `${channel.name}_${stat}`,
            FieldType.number,
            column((lap) => lap.aggregates?.[channel.name]?.[stat] ?? null),
            { unit: channel.grafanaUnit, displayNameFromDS: `${channel.displayName} ${stat}` },
          ),
          'float64',
        ),
      ),
    ),
  ];
  return {
    name: FRAME_NAMES.laps,
    refId,
    length: rows.length,
    fields,
    meta: { ...tableFrameType(), custom: { session } },
  };
}
