/** Tests' data: forty minutes of a simulated three-car session, as the datasource's frames answer the panel's queries. */
import { type LapRecord } from '@eracing/telemetry-core/protocol';
import { type DataFrame, FieldType } from '@grafana/data';

import { lapTableFrame } from '../../../../datasource/src/frames/lap-table';
import { trackFrames } from '../../../../datasource/src/frames/track-frames';
import { createSimulatorSource } from '../../../../packages/reference-server/src/simulator';
import { readPanelData } from '../data/frames';
import { buildView } from '../model/lap-view';
import type { ViewRequest } from '../model/types';

const start = Date.UTC(2026, 10, 25, 12);
export const source = createSimulatorSource({ seed: 5, startTime: start, cars: 3 });
export const laps = source.laps(start + 40 * 60 * 1000);
export const SESSION = 'sim';
export const [car, otherCar] = source.cars.map((c) => c.id);
export const carLaps = laps.filter((l) => l.car === car);
export const valid = carLaps.filter((l) => l.valid);
export const invalid = carLaps.find((l) => l.flags.inLap)!; // starts at the line, unlike the session's first lap

/** A telemetry frame of the laps' samples, as the datasource answers a history query by lap. */
export function telemetry(records: LapRecord[], refId: string): DataFrame {
  const parts = records.map((r) => source.range(r.startTime, r.endTime!, [r.car]));
  const join = (read: (p: (typeof parts)[number]) => ArrayLike<number>) => {
    const out: number[] = [];
    for (const p of parts) out.push(...Array.from(read(p)));
    return out;
  };
  const labels = { car: records[0].car, session: SESSION };
  const field = (name: string, unit?: string) => ({
    name,
    type: FieldType.number,
    config: unit ? { unit } : {},
    labels,
    values: join((p) => p.channels[name]),
  });
  const time = join((p) => p.time);
  return {
    name: `car ${records[0].car}`,
    refId,
    length: time.length,
    fields: [
      { name: 'time', type: FieldType.time, config: {}, values: time },
      field('lap'),
      field('lap_distance', 'lengthm'),
      field('speed', 'velocitykmh'),
    ],
  };
}

export const table = lapTableFrame(laps, [], 'D', SESSION);
export const request = (overrides: Partial<ViewRequest> = {}): ViewRequest => ({
  reference: 'car-best',
  compare: 'all',
  channels: ['speed', 'throttle'],
  zones: 3,
  ...overrides,
});
export const view = (series: DataFrame[], overrides: Partial<ViewRequest> = {}) =>
  buildView(readPanelData(series, ['A', 'B', 'C', 'D', 'E']), request(overrides));
export const track = trackFrames(source.track, 'E', SESSION);
export const best = valid.reduce((a, b) => (b.lapTime! < a.lapTime! ? b : a));
export const other = valid.find((l) => l !== best)!;
