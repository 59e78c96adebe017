/**
 * The telemetry frame of one car, the data contract every panel of the suite reads (docs/frames.md): a dataplane
 * `timeseries-wide` frame named `car <n>`, a `time` field, then one number field per channel named by its canonical
 * name, each with `labels: { car, session }`, the Grafana unit, the catalog's display name and range, and the car's
 * colour only when the query asks for it.
 */
import { carColour, channelInfo, type ChannelInfo } from '@eracing/telemetry-core/channels';
import { type ChannelColumn } from '@eracing/telemetry-core/protocol';
import {
  FieldColorModeId,
  FieldType,
  type DataFrame,
  type Field,
  type FieldConfig,
  type QueryResultMeta,
} from '@grafana/data';

import type { Extremes } from '../live/block-extremes';
import { telemetryFrameType } from './frame-types';

/** The channels that place a sample on the lap: added to a query's channels when it asks for the lap position. */
export const LAP_CHANNELS = ['lap', 'lap_distance'] as const;

/** What a frame needs to know about a channel. */
export type TraceChannel = Pick<ChannelInfo, 'name' | 'displayName' | 'grafanaUnit' | 'min' | 'max' | 'type'>;

/** The channel as the session's catalog describes it, else as the suite's catalog does, else a bare number. */
export function describeChannel(name: string, catalog: readonly TraceChannel[] = []): TraceChannel {
  const known = catalog.find((channel) => channel.name === name) ?? channelInfo(name);
  if (known) return known;
  return { name, displayName: name, grafanaUnit: 'none', min: NaN, max: NaN, type: 'f32' };
}

/** The requested channels with `lap` and `lap_distance` first when the session has them; duplicates dropped. */
export function withLapChannels(channels: readonly string[], available: readonly string[]): string[] {
  const present = LAP_CHANNELS.filter((name) => available.includes(name));
  return [...new Set([...present, ...channels])];
}

/** The frame of a telemetry query that has no samples to show: no fields, the type, and what there is to say. */
export function noDataFrame(refId: string, meta: QueryResultMeta = {}): DataFrame {
  return { refId, fields: [], length: 0, meta: { ...telemetryFrameType(), ...meta } };
}

export interface CarFrameOptions {
  car: string;
  session: string;
  refId: string;
  channels: readonly TraceChannel[];
  /** Colour every field by the car (the query's "colour by car"): `config.color` then beats the panel's colours. */
  carColours: boolean;
}

type FieldTemplate = Omit<Field, 'values'>;

/** Builds a car's frames again and again from new columns, sharing the field names, configs and labels. */
export class CarFrameBuilder {
  private readonly fields: FieldTemplate[];
  private readonly name: string;

  constructor(private readonly options: CarFrameOptions) {
    const { car, session, channels } = options;
    const labels = { car, session };
    const colour = options.carColours ? { mode: FieldColorModeId.Fixed, fixedColor: carColour(car) } : undefined;
    this.name = `car ${car}`;
    this.fields = [
      { name: 'time', type: FieldType.time, config: {} },
      ...channels.map((channel): FieldTemplate => {
        const config: FieldConfig = {
          unit: channel.grafanaUnit,
          displayNameFromDS: `${channel.displayName} · car ${car}`,
        };
        if (Number.isFinite(channel.min)) config.min = channel.min;
        if (Number.isFinite(channel.max)) config.max = channel.max;
        if (colour) config.color = colour;
        return { name: channel.name, type: FieldType.number, config, labels };
      }),
    ];
  }

  get car(): string {
    return this.options.car;
  }

  /**
   * A frame over the columns. `extremes` (min and max per column, when the caller keeps them) go into each field's
   * `state.calcs`, where Grafana's reducers look before scanning the values.
   */
  frame(
    time: Float64Array,
    columns: readonly ChannelColumn[],
    meta?: QueryResultMeta,
    extremes?: readonly Extremes[],
  ): DataFrame {
    const values: ArrayLike<number>[] = [time, ...columns];
    const frame: DataFrame = {
      name: this.name,
      refId: this.options.refId,
      length: time.length,
      // Typed arrays stand in for number[]: Grafana only indexes them and reads their length.
      // Built field by field: an object spread here costs more than everything else in the frame.
      fields: this.fields.map(({ name, type, config, labels }, i) => {
        const field: Field = { name, type, config, labels, values: values[i] as number[] };
        const known = i > 0 ? extremes?.[i - 1] : undefined;
        if (known) field.state = { calcs: { min: known.min, max: known.max } };
        return field;
      }),
    };
    frame.meta = { ...telemetryFrameType(), ...meta };
    return frame;
  }
}

/** Cars in race-number order: 2 before 11; names that are not numbers after, alphabetically. */
export function byCarNumber(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  if (Number.isFinite(na) !== Number.isFinite(nb)) return Number.isFinite(na) ? -1 : 1;
  return a.localeCompare(b);
}
