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

/** A number column that may hold `null` (a lap without that time or reading). */
function nullableNumbers(name: string, values: Array<number | null>, config: Field['config']): Field {
  return nullable(field(name, FieldType.number, values, config), 'float64');
}

/** Each car's best valid completed lap, if it has one. */
function bestLapOfEachCar(rows: readonly LapRow[]): Map<string, LapRow | undefined> {
  const bestOfCar = new Map<string, LapRow | undefined>();
  for (const car of new Set(rows.map((lap) => lap.car))) {
    bestOfCar.set(car, bestValidLap(rows.filter((lap) => lap.car === car && lap.endTime !== undefined)));
  }
  return bestOfCar;
}

/** Car, lap, when it started and ended, its lap time and its sector times. */
function timingFields(rows: readonly LapRow[]): Field[] {
  const sectors = Math.max(0, ...rows.map((lap) => lap.sectorTimes.length));
  const time = { unit: LAP_TIME_UNIT };
  return [
    field(
      'car',
      FieldType.string,
      rows.map((lap) => lap.car),
    ),
    field(
      'lap',
      FieldType.number,
      rows.map((lap) => lap.lap),
    ),
    field(
      'start',
      FieldType.time,
      rows.map((lap) => Math.round(lap.startTime)),
    ),
    nullable(
      field(
        'end',
        FieldType.time,
        rows.map((lap) => (lap.endTime === undefined ? null : Math.round(lap.endTime))),
      ),
      'time.Time',
    ),
    nullableNumbers(
      'lap_time',
      rows.map((lap) => ms(lap.lapTime)),
      { ...time, displayNameFromDS: 'Lap time' },
    ),
    ...Array.from({ length: sectors }, (_, s) =>
      nullableNumbers(
        `sector_${s + 1}`,
        rows.map((lap) => ms(lap.sectorTimes[s])),
        { ...time, displayNameFromDS: `Sector ${s + 1}` },
      ),
    ),
  ];
}

/** Whether the lap counts, whether it is its car's best, and what happened on it. */
function verdictFields(rows: readonly LapRow[]): Field[] {
  const bestOfCar = bestLapOfEachCar(rows);
  return [
    field(
      'valid',
      FieldType.boolean,
      rows.map((lap) => lap.valid),
    ),
    field(
      'best',
      FieldType.boolean,
      rows.map((lap) => bestOfCar.get(lap.car) === lap),
    ),
    field(
      'flags',
      FieldType.string,
      rows.map((lap) => describeLapFlags(lap.flags)),
    ),
  ];
}

/** The distance driven and the energy used and recovered on the lap. */
function energyFields(rows: readonly LapRow[]): Field[] {
  return [
    nullableNumbers(
      'length',
      rows.map((lap) => lap.length ?? null),
      { unit: 'lengthm' },
    ),
    field(
      'energy_used',
      FieldType.number,
      rows.map((lap) => lap.energyUsed ?? null),
      { unit: 'kwatth' },
    ),
    field(
      'energy_regen',
      FieldType.number,
      rows.map((lap) => lap.energyRegen ?? null),
      { unit: 'kwatth' },
    ),
  ];
}

/** `<channel>_mean`, `_min` and `_max` per lap of each channel asked for. */
function aggregateFields(rows: readonly LapRow[], aggregates: readonly TraceChannel[]): Field[] {
  return aggregates.flatMap((channel) =>
    AGGREGATES.map((stat) =>
      nullableNumbers(
        `${channel.name}_${stat}`,
        rows.map((lap) => lap.aggregates?.[channel.name]?.[stat] ?? null),
        { unit: channel.grafanaUnit, displayNameFromDS: `${channel.displayName} ${stat}` },
      ),
    ),
  );
}

export function lapTableFrame(
  laps: readonly LapRow[],
  aggregates: readonly TraceChannel[],
  refId: string,
  session: string,
): DataFrame {
  const rows = [...laps].sort((a, b) => byCarNumber(a.car, b.car) || a.lap - b.lap);
  return {
    name: FRAME_NAMES.laps,
    refId,
    length: rows.length,
    fields: [
      ...timingFields(rows),
      ...verdictFields(rows),
      ...energyFields(rows),
      ...aggregateFields(rows, aggregates),
    ],
    meta: { ...tableFrameType(), custom: { session } },
  };
}
