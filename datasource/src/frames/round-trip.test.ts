/** @jest-environment jsdom */
// The datasource writes the frames, the core's frames reader reads them for every panel: what the reader gives back
// is what the writer was given.
import {
  carOf,
  channelField,
  isEventsFrame,
  isLapsFrame,
  isTelemetryFrame,
  isTrackFrame,
  readEventsFrame,
  readLapsFrame,
  readTrackFrames,
  readTrackOutline,
  sessionOf,
  timeField,
} from '@eracing/telemetry-core/frames';
import { type LapRow, type RaceEvent, type TrackGeometry } from '@eracing/telemetry-core/protocol';
import { localProjection } from '@eracing/telemetry-core/track';

import { eventFrame } from './event-frames';
import { lapTableFrame } from './lap-table';
import { CarFrameBuilder, describeChannel } from './telemetry-frame';
import { trackFrames } from './track-frames';

const START = Date.UTC(2026, 2, 14, 10);

const laps: LapRow[] = [
  {
    car: '7',
    lap: 0,
    startTime: START,
    endTime: START + 95_123.4,
    sectorTimes: [30.1234, 31.0006],
    valid: false,
    flags: { outLap: true, inLap: false, pit: false, incomplete: true },
    energyUsed: 0.5,
    energyRegen: 0.1,
  },
  {
    car: '7',
    lap: 1,
    startTime: START + 95_123.4,
    endTime: START + 175_479,
    lapTime: 80.3555,
    sectorTimes: [28.4575, 25.9, 25.998],
    valid: true,
    flags: { outLap: false, inLap: false, pit: false, incomplete: false },
    length: 3500,
    energyUsed: 0.61,
    energyRegen: 0.12,
  },
  {
    car: '11',
    lap: 1,
    startTime: START + 1000,
    sectorTimes: [],
    valid: false,
    flags: { outLap: false, inLap: false, pit: false, incomplete: false },
    energyUsed: 0,
    energyRegen: 0,
  },
];

describe('frames written by the datasource, read by the core', () => {
  it('telemetry: the car, session, time and channels', () => {
    const channels = ['speed', 'lap'].map((name) => describeChannel(name));
    const builder = new CarFrameBuilder({ car: '7', session: 'fp1', refId: 'A', channels, carColours: false });
    const time = Float64Array.from([START, START + 10, START + 20]);
    const speed = Float32Array.from([100, 101.5, 102]);
    const lap = Float32Array.from([0, 0, 1]);
    const frame = builder.frame(time, [speed, lap]);
    expect(isTelemetryFrame(frame)).toBe(true);
    expect([isLapsFrame(frame), isTrackFrame(frame), isEventsFrame(frame)]).toEqual([false, false, false]);
    expect(carOf(frame)).toBe('7');
    expect(sessionOf(frame)).toBe('fp1');
    expect(timeField(frame)?.values).toBe(time);
    expect(channelField(frame, 'speed')?.values).toBe(speed);
    expect(channelField(frame, 'lap')?.values).toBe(lap);
    expect(channelField(frame, 'throttle')).toBeUndefined();
  });

  it('laps: every row, times back in seconds to the millisecond, cars in number order', () => {
    const frame = lapTableFrame(laps, [], 'B', 'fp1');
    expect(isLapsFrame(frame)).toBe(true);
    expect(isTelemetryFrame(frame)).toBe(false);
    const rows = readLapsFrame(frame);
    expect(rows.map((row) => `${row.car}/${row.lap}`)).toEqual(['7/0', '7/1', '11/1']);
    const [outLap, lap1, running] = rows;
    expect(lap1).toMatchObject({
      session: 'fp1',
      startTime: Math.round(START + 95_123.4),
      endTime: START + 175_479,
      lapTime: 80.356,
      sectorTimes: [28.458, 25.9, 25.998],
      valid: true,
      best: true,
      flags: '',
      length: 3500,
    });
    expect(outLap).toMatchObject({ lapTime: undefined, sectorTimes: [30.123, 31.001], flags: 'out-lap, incomplete' });
    expect(running).toMatchObject({ endTime: undefined, lapTime: undefined, sectorTimes: [], best: false });
  });

  it('track: each part and the track it belongs to', () => {
    const geometry: TrackGeometry = {
      name: 'Lowmere',
      length: 1000,
      origin: { lat: 52, lon: -1 },
      centreLine: { distance: [0, 500], x: [0, 10], y: [0, 5], lat: [52, 52.0001], lon: [-1, -0.9999] },
      startFinish: { a: { x: -5, y: 0 }, b: { x: 5, y: 0 } },
      sectors: [{ number: 1, name: 'S1', start: 0, end: 1000 }],
      corners: [],
    } as unknown as TrackGeometry;
    const frames = trackFrames(geometry, 'C', 'fp1');
    const { parts, meta } = readTrackFrames(frames);
    expect(Object.keys(parts)).toEqual(['centreLine', 'startFinish', 'sectors', 'corners']);
    expect(meta).toEqual({ track: 'Lowmere', length: 1000, origin: { lat: 52, lon: -1 }, session: 'fp1' });
    expect(frames.every(isTrackFrame)).toBe(true);
    expect(frames.some(isTelemetryFrame)).toBe(false);
  });

  it('track: the outline a map draws is the geometry written, projected from lat/lon when x/y are left out', () => {
    const geometry = {
      name: 'Lowmere',
      length: 1000,
      origin: { lat: 52, lon: -1 },
      centreLine: { distance: [0, 500, 1000], x: [0, 100, 0], y: [0, 50, 0], lat: [], lon: [] },
      startFinish: { a: { x: -5, y: 0 }, b: { x: 5, y: 0 } },
      sectors: [
        { number: 1, name: 'S1', start: 0, end: 500 },
        { number: 2, name: 'S2', start: 500, end: 1000 },
      ],
      corners: [{ number: 1, name: 'Hairpin', distance: 500, apex: { x: 100, y: 50 }, radius: 12, direction: 'right' }],
    } as unknown as TrackGeometry;
    const projection = localProjection(geometry.origin);
    const line = geometry.centreLine as unknown as { lat: number[]; lon: number[] };
    for (let i = 0; i < 3; i++) {
      const { lat, lon } = projection.toLatLon(geometry.centreLine.x[i], geometry.centreLine.y[i]);
      line.lat.push(lat);
      line.lon.push(lon);
    }
    const frames = trackFrames(geometry, 'C', 'fp1');
    const outline = readTrackOutline(frames)!;
    expect(outline).toMatchObject({ name: 'Lowmere', length: 1000, origin: { lat: 52, lon: -1 } });
    expect(Array.from(outline.x)).toEqual([0, 100, 0]);
    expect(outline.startFinish).toEqual([
      { x: -5, y: 0 },
      { x: 5, y: 0 },
    ]);
    expect(outline.sectors).toEqual([
      { number: 1, name: 'S1', start: 0, at: { x: 0, y: 0 } },
      { number: 2, name: 'S2', start: 500, at: { x: 100, y: 50 } },
    ]);
    expect(outline.corners).toEqual([{ number: 1, name: 'Hairpin', at: { x: 100, y: 50 }, direction: 'right' }]);

    // A writer that sends lat/lon only: the reader projects them around the origin.
    const geoOnly = frames.map((frame) => ({
      ...frame,
      fields: frame.fields.filter((f) => f.name !== 'x' && f.name !== 'y'),
    }));
    const projected = readTrackOutline(geoOnly)!;
    projected.x.forEach((x, i) => expect(x).toBeCloseTo(outline.x[i], 6));
    projected.y.forEach((y, i) => expect(y).toBeCloseTo(outline.y[i], 6));
    expect(projected.corners[0].at.x).toBeCloseTo(100, 6);
    expect(readTrackOutline(frames.filter((frame) => frame.name !== 'centre line'))).toBeUndefined();
  });

  it('events: every event, in time order, with what it says', () => {
    const events: RaceEvent[] = [
      { time: START + 5000, kind: 'pit_out', car: '7', lap: 2, text: 'Car 7 leaves the pit lane' },
      { time: START + 1000, kind: 'pit_in', car: '7', lap: 1, text: 'Car 7 into the pit lane' },
      { time: START + 500, kind: 'flag', flag: 'yellow', text: 'Yellow flag' },
      { time: START + 4000, kind: 'lap', car: '7', lap: 1, duration: 80.356, text: 'Car 7 lap 1' },
    ];
    const frame = eventFrame(events, 'D');
    expect(isEventsFrame(frame)).toBe(true);
    expect(readEventsFrame(frame)).toEqual([
      { time: START + 500, kind: 'flag', flag: 'yellow', text: 'Yellow flag' },
      { time: START + 1000, timeEnd: START + 5000, kind: 'pit_in', car: '7', lap: 1, text: 'Car 7 into the pit lane' },
      { time: START + 4000, kind: 'lap', car: '7', lap: 1, duration: 80.356, text: 'Car 7 lap 1' },
      { time: START + 5000, kind: 'pit_out', car: '7', lap: 2, text: 'Car 7 leaves the pit lane' },
    ]);
  });
});
