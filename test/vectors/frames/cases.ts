/**
 * The cases of the frames vectors: each a request against the recorded fixture session and the properties of the
 * contract (docs/frames.md) its frames must have besides matching the stored file. `npm run vectors` writes one
 * JSON file per case into this folder.
 */
import path from 'node:path';
import type { DataFrameJSON } from '@grafana/data';

import type { TelemetryQuery } from '../../../datasource/src/types';

export const VECTORS_DIR = __dirname;
export const FIXTURE_DATA_DIR = path.join(__dirname, '..', '..', 'fixtures', 'frames-session', 'data');
export const FIXTURE_SESSION = 'fixture-fp1';
/** The fixture session's first sample: 2026-03-14 10:00:00 UTC. It ends 340 s later, in the middle of lap 3. */
export const FIXTURE_START = Date.parse('2026-03-14T10:00:00Z');

const at = (seconds: number) => FIXTURE_START + seconds * 1000;
const whole = { from: at(-60), to: at(400) };

export interface VectorCase {
  name: string;
  description: string;
  from: number;
  to: number;
  maxDataPoints?: number;
  intervalMs?: number;
  query: Omit<TelemetryQuery, 'refId'>;
  /** Properties the answer must have, whatever the stored file says. */
  check?: (frames: DataFrameJSON[]) => void;
}

type Schema = NonNullable<DataFrameJSON['schema']>;
type FieldSchema = Schema['fields'][number] & { typeInfo?: { frame: string; nullable?: boolean } };

function fail(message: string): never {
  throw new Error(message);
}

/** Dataplane `timeseries-wide`: time first, ascending, unique, not null; every value field numeric and labelled. */
export function checkTimeSeries(frames: DataFrameJSON[], expect: { cars?: string[]; fields?: string[] } = {}): void {
  for (const frame of frames) {
    const schema = frame.schema!;
    if (schema.meta?.type !== 'timeseries-wide') fail(`${schema.name}: meta.type ${schema.meta?.type}`);
    if (JSON.stringify(schema.meta?.typeVersion) !== '[0,1]') fail(`${schema.name}: typeVersion`);
    if (schema.fields.length === 0) {
      if (frames.length !== 1) fail('a no-data frame comes alone');
      continue;
    }
    const [time, ...values] = schema.fields as FieldSchema[];
    if (time.type !== 'time' || time.labels) fail(`${schema.name}: the first field is an unlabelled time field`);
    const times = frame.data!.values[0] as Array<number | null>;
    times.forEach((t, i) => {
      if (t === null) fail(`${schema.name}: null time at row ${i}`);
      if (i > 0 && !(t > times[i - 1]!)) fail(`${schema.name}: time not strictly ascending at row ${i}`);
    });
    for (const field of values) {
      if (field.type !== 'number') fail(`${schema.name}.${field.name}: ${field.type} in a time series`);
      if (!field.labels?.car || !field.labels.session) fail(`${schema.name}.${field.name}: no car and session labels`);
    }
    if (expect.fields) {
      const names = values.map((field) => field.name);
      if (JSON.stringify(names) !== JSON.stringify(expect.fields)) fail(`${schema.name}: fields ${names}`);
    }
  }
  if (expect.cars) {
    const cars = frames.map((frame) => frame.schema!.fields[1]?.labels?.car);
    if (JSON.stringify(cars) !== JSON.stringify(expect.cars)) fail(`cars ${cars}, want ${expect.cars}`);
  }
  const identities = frames.flatMap((frame) =>
    frame.schema!.fields.slice(1).map((field) => `${field.name}${JSON.stringify(field.labels)}`),
  );
  if (new Set(identities).size !== identities.length) fail('two series with the same name and labels');
}

function checkColours(frames: DataFrameJSON[], wanted: boolean): void {
  for (const frame of frames) {
    for (const field of frame.schema!.fields.slice(1)) {
      if (Boolean(field.config?.color) !== wanted) fail(`${field.name}: config.color ${wanted ? 'missing' : 'set'}`);
    }
  }
}

function column(frame: DataFrameJSON, name: string): unknown[] {
  const i = frame.schema!.fields.findIndex((field) => field.name === name);
  if (i < 0) fail(`${frame.schema!.name}: no field ${name}`);
  return frame.data!.values[i];
}

function checkLaps(frames: DataFrameJSON[], laps: number[]): void {
  for (const frame of frames) {
    const seen = [...new Set(column(frame, 'lap'))].sort();
    if (JSON.stringify(seen) !== JSON.stringify(laps)) fail(`${frame.schema!.name}: laps ${seen}, want ${laps}`);
  }
}

const telemetry = (query: Omit<TelemetryQuery, 'refId'>): Omit<TelemetryQuery, 'refId'> => ({
  queryType: 'telemetry',
  session: FIXTURE_SESSION,
  mode: 'history',
  ...query,
});

export const VECTOR_CASES: VectorCase[] = [
  {
    name: 'telemetry-range-one-car',
    description: 'History by time range, one car, three channels, under maxDataPoints: every sample, no colours.',
    from: at(130),
    to: at(140),
    query: telemetry({ cars: ['1'], channels: ['speed', 'throttle', 'brake'], lapChoice: 'range' }),
    check: (frames) => {
      checkTimeSeries(frames, { cars: ['1'], fields: ['speed', 'throttle', 'brake'] });
      checkColours(frames, false);
      if (frames[0].data!.values[0].length !== 200) fail('10 s at 20 Hz is 200 samples');
    },
  },
  {
    name: 'telemetry-range-several-cars-coloured',
    description: 'History by time range, two cars, "colour by car" on: config.color is the car colour.',
    from: at(130),
    to: at(133),
    query: telemetry({ cars: ['7', '1'], channels: ['speed', 'power'], lapChoice: 'range', colourByCar: true }),
    check: (frames) => {
      checkTimeSeries(frames, { cars: ['1', '7'], fields: ['speed', 'power'] });
      checkColours(frames, true);
    },
  },
  {
    name: 'telemetry-range-one-channel-all-cars',
    description: 'One channel of every car (no cars named): one labelled series per car, no colours.',
    from: at(60),
    to: at(62),
    query: telemetry({ channels: ['battery_soc'], lapChoice: 'range' }),
    check: (frames) => {
      checkTimeSeries(frames, { cars: ['1', '7', '22'], fields: ['battery_soc'] });
      checkColours(frames, false);
    },
  },
  {
    name: 'telemetry-range-decimated',
    description: 'Two minutes thinned on the server to maxDataPoints 100 by whole samples, with a notice.',
    from: at(0),
    to: at(120),
    maxDataPoints: 100,
    query: telemetry({ cars: ['22'], channels: ['speed', 'gear'], lapChoice: 'range' }),
    check: (frames) => {
      checkTimeSeries(frames, { cars: ['22'], fields: ['speed', 'gear'] });
      const meta = frames[0].schema!.meta!;
      if (meta.custom?.decimated !== true || !meta.notices?.length) fail('decimated, with a notice');
      if (frames[0].data!.values[0].length > 100) fail('at most maxDataPoints rows');
    },
  },
  {
    name: 'telemetry-range-missing-channel',
    description: 'A channel the session lacks: a warning notice names it, the other channels answer.',
    from: at(10),
    to: at(11),
    query: telemetry({ cars: ['1'], channels: ['speed', 'tyre_temp_fl_inner'], lapChoice: 'range' }),
    check: (frames) => {
      checkTimeSeries(frames, { cars: ['1'], fields: ['speed'] });
      const notices = frames[0].schema!.meta!.notices ?? [];
      if (!notices.some((notice) => notice.text.includes('"tyre_temp_fl_inner"'))) fail('a notice names the channel');
    },
  },
  {
    name: 'telemetry-range-empty',
    description:
      'A time range before the session: one frame with no fields, the type and the metadata, and a notice of when the session ran.',
    from: at(-60),
    to: at(-30),
    query: telemetry({ cars: ['1'], channels: ['speed'], lapChoice: 'range' }),
    check: (frames) => {
      checkTimeSeries(frames);
      if (frames.length !== 1 || frames[0].schema!.fields.length !== 0) fail('one frame without fields');
      const notices = frames[0].schema!.meta?.notices ?? [];
      if (!notices.some((n) => /holds none of session fixture-fp1: it ran from .+ UTC to .+ UTC/.test(n.text)))
        fail('a notice of when the session ran');
    },
  },
  {
    name: 'telemetry-lap-numbers',
    description: 'Lap 1 of car 7 at full resolution, with the lap position (lap, lap_distance) asked for.',
    ...whole,
    maxDataPoints: 50,
    query: telemetry({ cars: ['7'], channels: ['speed'], lapChoice: 'laps', laps: '1', lapPosition: true }),
    check: (frames) => {
      checkTimeSeries(frames, { cars: ['7'], fields: ['lap', 'lap_distance', 'speed'] });
      checkLaps(frames, [1]);
    },
  },
  {
    name: 'telemetry-lap-zero',
    description: 'Lap 0, the out-lap a logger counts from 0, cut by the start of the recording.',
    ...whole,
    query: telemetry({ cars: ['1'], channels: ['speed'], lapChoice: 'laps', laps: '0', lapPosition: true }),
    check: (frames) => {
      checkTimeSeries(frames, { cars: ['1'], fields: ['lap', 'lap_distance', 'speed'] });
      checkLaps(frames, [0]);
    },
  },
  {
    name: 'telemetry-incomplete-lap',
    description: 'Lap 3 of car 22, cut by the end of the recording: the samples there are.',
    ...whole,
    query: telemetry({ cars: ['22'], channels: ['speed'], lapChoice: 'laps', laps: '3', lapPosition: true }),
    check: (frames) => {
      checkTimeSeries(frames, { cars: ['22'], fields: ['lap', 'lap_distance', 'speed'] });
      checkLaps(frames, [3]);
    },
  },
  {
    name: 'telemetry-best-lap',
    description: "Each car's best valid lap, two cars, without the lap position: only the channel asked for.",
    ...whole,
    query: telemetry({ cars: ['1', '7'], channels: ['speed'], lapChoice: 'best' }),
    check: (frames) => checkTimeSeries(frames, { cars: ['1', '7'], fields: ['speed'] }),
  },
  {
    name: 'telemetry-last-laps',
    description: 'The last two completed laps of car 1, with the lap position.',
    ...whole,
    query: telemetry({ cars: ['1'], channels: ['throttle'], lapChoice: 'last', lastLaps: 2, lapPosition: true }),
    check: (frames) => {
      checkTimeSeries(frames, { cars: ['1'], fields: ['lap', 'lap_distance', 'throttle'] });
      checkLaps(frames, [1, 2]);
    },
  },
  {
    name: 'laps-with-aggregates',
    description: 'The lap table of every car, laps from 0, incomplete laps at both ends, two aggregate channels.',
    ...whole,
    query: { queryType: 'laps', session: FIXTURE_SESSION, channels: ['speed', 'battery_soc'] },
    check: (frames) => {
      const [laps] = frames;
      if (String(laps.schema!.meta?.type) !== 'table') fail('the laps frame is a table');
      if (!column(laps, 'lap').includes(0)) fail('lap 0 is in the table');
      if (!column(laps, 'lap_time').includes(null)) fail('an incomplete lap has no time');
      for (const time of column(laps, 'lap_time')) if (time !== null && !Number.isInteger(time)) fail('whole ms');
    },
  },
  {
    name: 'laps-one-car',
    description: 'The lap table of car 22, whose pit stop makes laps invalid, without aggregates.',
    ...whole,
    query: { queryType: 'laps', session: FIXTURE_SESSION, cars: ['22'] },
  },
  {
    name: 'track',
    description: 'The track: centre line, start/finish, sectors, corners.',
    ...whole,
    query: { queryType: 'track', session: FIXTURE_SESSION },
    check: (frames) => {
      const parts = frames.map((frame) => frame.schema!.meta?.custom?.trackPart);
      if (JSON.stringify(parts) !== JSON.stringify(['centreLine', 'startFinish', 'sectors', 'corners'])) fail('parts');
    },
  },
  {
    name: 'events-history',
    description: 'Every event of the session: laps, sectors, flags and a pit stop, in time order.',
    ...whole,
    query: { queryType: 'events', session: FIXTURE_SESSION, mode: 'history' },
  },
  {
    name: 'events-pit-of-one-car',
    description: 'The pit events of car 22: the pit entry spans to the pit exit.',
    ...whole,
    query: {
      queryType: 'events',
      session: FIXTURE_SESSION,
      mode: 'history',
      cars: ['22'],
      kinds: ['pit_in', 'pit_out'],
    },
    check: (frames) => {
      const ends = column(frames[0], 'timeEnd');
      if (ends[0] !== column(frames[0], 'time')[1]) fail('the pit entry ends at the pit exit');
    },
  },
];
