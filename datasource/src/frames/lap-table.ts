/**
 * The lap table as one frame named `laps`: a row per car and lap, with lap and sector times, validity, flags,
 * energy, and per-lap aggregates (`<channel>_mean`, `_min`, `_max`) of the channels asked for.
 */
import { bestValidLap, type LapRow } from '@eracing/telemetry-core';
import { FieldType, type DataFrame, type Field } from '@grafana/data';

import { describeLapFlags } from '../lap-time';
import { byCarNumber, type TraceChannel } from './telemetry-frame';

/** Grafana's clock format shows seconds as `01m:31s:695ms`, keeping the values sortable numbers of seconds. */
export const LAP_TIME_UNIT = 'clocks';

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
      column((lap) => lap.startTime),
    ),
    field(
      'end',
      FieldType.time,
      column((lap) => lap.endTime ?? null),
    ),
    field(
      'lap_time',
      FieldType.number,
      column((lap) => lap.lapTime ?? null),
      { ...time, displayNameFromDS: 'Lap time' },
    ),
    ...Array.from({ length: sectors }, (_, s) =>
      field(
        `sector_${s + 1}`,
        FieldType.number,
        column((lap) => lap.sectorTimes[s] ?? null),
        {
          ...time,
          displayNameFromDS: `Sector ${s + 1}`,
        },
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
    field(
      'length',
      FieldType.number,
      column((lap) => lap.length ?? null),
      { unit: 'lengthm' },
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
        field(
          `${channel.name}_${stat}`,
          FieldType.number,
          column((lap) => lap.aggregates?.[channel.name]?.[stat] ?? null),
          {
            unit: channel.grafanaUnit,
            displayNameFromDS: `${channel.displayName} ${stat}`,
          },
        ),
      ),
    ),
  ];
  return { name: 'laps', refId, length: rows.length, fields, meta: { custom: { session } } };
}
