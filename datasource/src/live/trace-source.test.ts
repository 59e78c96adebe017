/**
 * @jest-environment jsdom
 */
import { decodeBinaryBatch, decodeJsonBatch, encodeBinaryBatch, encodeJsonBatch } from '@eracing/telemetry-core/codec';
import { type TelemetryBatch } from '@eracing/telemetry-core/protocol';
import type { DataFrame } from '@grafana/data';

import { describeChannel } from '../frames/telemetry-frame';
import { TelemetryLink } from '../link/telemetry-link';
import { TelemetryWindow } from './telemetry-window';

/** Two cars, three rows each, from `t0` on: speed = row, lat = 52 + row / 1e7, brake = −row. */
function batch(t0: number, channels: readonly string[] = ['speed', 'lat', 'brake']): TelemetryBatch {
  const time = Float64Array.from([0, 1, 2, 0, 1, 2], (i) => t0 + 10 * i);
  const column = (name: string) => {
    const value = (row: number) => (name === 'speed' ? row : name === 'lat' ? 52 + row / 1e7 : -row);
    const values = Array.from({ length: 6 }, (_, row) => value(t0 / 10 + row));
    return name === 'lat' ? Float64Array.from(values) : Float32Array.from(values);
  };
  return {
    session: 'live',
    epoch: 'e1',
    seq: t0,
    time,
    cars: [
      { car: '7', start: 0, length: 3 },
      { car: '11', start: 3, length: 3 },
    ],
    channels: Object.fromEntries(channels.map((name) => [name, column(name)])),
  };
}

function liveWindow(channels = ['speed', 'lat', 'brake']) {
  return new TelemetryWindow(new TelemetryLink({ url: 'ws://127.0.0.1:9' }), {
    refId: 'A',
    channels: channels.map((name) => describeChannel(name)),
    windowMs: 60_000,
    capacity: 1000,
    carColours: false,
  });
}

const values = (frames: DataFrame[], car: number, name: string) =>
  Array.from(frames[car].fields.find((field) => field.name === name)!.values as ArrayLike<number>);

describe('the live window picks channels out of each batch', () => {
  it('copies a binary batch straight from its message', () => {
    const window = liveWindow();
    window.ingest(decodeBinaryBatch(encodeBinaryBatch(batch(0))));
    window.ingest(decodeBinaryBatch(encodeBinaryBatch(batch(30))));
    const frames = window.frames({});
    expect(values(frames, 0, 'speed')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(values(frames, 0, 'lat')[5]).toBe(52 + 5 / 1e7);
    expect(values(frames, 1, 'brake')).toEqual([-3, -4, -5, -6, -7, -8]);
    expect(frames[0].fields.find((field) => field.name === 'speed')!.state?.calcs).toMatchObject({ min: 0, max: 5 });
  });

  it('converts the float64 columns of a JSON batch to the window’s float32 channels', () => {
    const window = liveWindow();
    window.ingest(decodeJsonBatch(JSON.parse(encodeJsonBatch(batch(0)))));
    const frames = window.frames({});
    expect(values(frames, 0, 'speed')).toEqual([0, 1, 2]);
    expect(values(frames, 1, 'brake')).toEqual([-3, -4, -5]);
    expect(values(frames, 1, 'lat')[2]).toBe(52 + 5 / 1e7);
  });

  it('converts a binary channel sent in another type than the catalog gives it', () => {
    const sent = batch(0);
    sent.channels.speed = Float64Array.from(sent.channels.speed);
    sent.channels.lat = Float32Array.from(sent.channels.lat);
    const window = liveWindow();
    window.ingest(decodeBinaryBatch(encodeBinaryBatch(sent)));
    const frames = window.frames({});
    expect(values(frames, 0, 'speed')).toEqual([0, 1, 2]);
    expect(values(frames, 0, 'lat')[0]).toBe(Math.fround(52));
  });

  it('fills a channel a batch lacks with NaN, and follows a change of layout', () => {
    const window = liveWindow();
    window.ingest(decodeBinaryBatch(encodeBinaryBatch(batch(0, ['speed', 'lat']))));
    window.ingest(decodeBinaryBatch(encodeBinaryBatch(batch(30, ['brake', 'speed']))));
    const frames = window.frames({});
    expect(values(frames, 0, 'speed')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(values(frames, 0, 'brake')).toEqual([NaN, NaN, NaN, -3, -4, -5]);
    expect(values(frames, 0, 'lat').slice(3).every(Number.isNaN)).toBe(true);
  });
});
