import {
  type DataFrame,
  type Field,
  type FieldConfigSource,
  type GrafanaTheme2,
  LoadingState,
  type PanelData,
} from '@grafana/data';
import { isTrackFrame, readTrackOutline, trackPartOf, type TrackOutline } from '@eracing/telemetry-core/frames';
import { parseLapChoice, type LapChoice } from '@eracing/telemetry-core/laps';
import { type GeoOrigin } from '@eracing/telemetry-core/track';
import { useMemo, useRef } from 'react';

import { findPositionTraces } from '../positions';
import { type MapCar, carField, readCars } from '../scene/cars';
import { type ColourScale, colourScale, valueRange } from '../scene/colour-scale';
import {
  buildLine,
  chooseLineLap,
  type ColouredLine,
  lapCandidates,
  type LapSlice,
  outlineLap,
  readLapTable,
  slicePositions,
  sliceValues,
} from '../scene/line';
import type { TrackMapOptions } from '../types';

/** While data streams, the lap choice and the line are reconsidered at most this often. */
const LINE_REFRESH_MS = 1000;

export interface TrackScene {
  track?: TrackOutline;
  cars: MapCar[];
  line?: ColouredLine;
  scale?: ColourScale;
  colourField?: Field;
  /** What the view fits: the track's centre line, else the outline lap. */
  outline?: { x: ArrayLike<number>; y: ArrayLike<number> };
  /** Why there is no line, for the legend. */
  lineProblem?: string;
  live: boolean;
}

interface LineCache {
  inputs: string;
  at: number;
  sliceKey?: string;
  line?: ColouredLine;
  scale?: ColourScale;
  colourField?: Field;
  outlineKey?: string;
  outline?: { x: Float64Array; y: Float64Array };
  problem?: string;
  fieldConfig?: FieldConfigSource;
  /** The line's lap time when it is a complete lap, seconds. */
  lapTime?: number;
}

/** The line of a lap coloured by the colour field, through Grafana's field config. */
function colourLine(
  slice: LapSlice,
  options: TrackMapOptions,
  fieldConfig: FieldConfigSource,
  theme: GrafanaTheme2,
): Pick<LineCache, 'line' | 'scale' | 'colourField' | 'problem'> {
  const field = carField(slice.car, options.colourField);
  const values = field ? sliceValues(slice, options.colourField) : new Float64Array(slice.end - slice.start).fill(0);
  const lapRange = valueRange(values) ?? { min: 0, max: 1 };
  const fieldRange = { min: field?.config.min ?? lapRange.min, max: field?.config.max ?? lapRange.max };
  const range = options.colourRange === 'field' ? fieldRange : lapRange;
  const scale = field ? colourScale(field, range, theme, fieldConfig.defaults.color) : undefined;
  const line = buildLine(slice, values, scale?.edges ?? new Float64Array(0), scale?.colours.length ?? 1);
  return {
    line,
    scale,
    colourField: field,
    problem: field ? undefined : `no field "${options.colourField}" to colour by`,
  };
}

function sliceKey(slice: LapSlice | undefined): string | undefined {
  if (!slice) return undefined;
  const t = slice.car.time;
  const first = t ? t[slice.start] : slice.start;
  const last = t ? t[slice.end - 1] : slice.end;
  return `${slice.car.car}|${slice.lap}|${first}|${last}|${slice.end - slice.start}`;
}

/** The track frames' identity: the same track keeps the same outline object across live updates. */
function trackKey(series: readonly DataFrame[]): string {
  return series
    .filter(isTrackFrame)
    .map((f) => `${trackPartOf(f)}:${f.meta?.custom?.track}:${f.length}`)
    .join('|');
}

function describeChoice(choice: LapChoice | undefined, text: string): string {
  if (!choice) return `"${text}" is not a lap number`;
  if (choice.kind === 'number') return `lap ${choice.lap} is not in the data`;
  return choice.kind === 'best' ? 'no complete lap in the data yet' : 'no lap in the data';
}

export function useTrackScene(
  data: PanelData,
  options: TrackMapOptions,
  fieldConfig: FieldConfigSource,
  theme: GrafanaTheme2,
  replaceVariables: (text: string) => string,
): TrackScene {
  const trackCache = useRef<{ key: string; track?: TrackOutline }>({ key: '' });
  const originRef = useRef<GeoOrigin | undefined>(undefined);
  const lineCache = useRef<LineCache>({ inputs: '', at: 0 });
  const { positions, xField, yField, latField, lonField } = options;

  const key = trackKey(data.series);
  if (key !== trackCache.current.key) trackCache.current = { key, track: readTrackOutline(data.series) };
  const track = trackCache.current.track;

  const cars = useMemo(() => {
    const traces = findPositionTraces(data.series, { positions, xField, yField, latField, lonField });
    const read = readCars(traces, track?.origin ?? originRef.current);
    originRef.current = read.origin;
    return read.cars;
  }, [data.series, track, positions, xField, yField, latField, lonField]);

  const streaming = data.state === LoadingState.Streaming;
  const lapText = options.lap === 'chosen' ? replaceVariables(options.lapNumber ?? '') : options.lap;
  const choice = parseLapChoice(lapText);
  const lineCar = replaceVariables(options.lineCar ?? '').trim() || undefined;
  const inputs = JSON.stringify([
    lapText,
    lineCar,
    options.colourField,
    options.colourRange,
    theme.isDark,
    key,
    cars.length,
  ]);
  const cache = lineCache.current;
  const now = Date.now();
  const stale =
    cache.inputs !== inputs || !streaming || now - cache.at >= LINE_REFRESH_MS || cache.fieldConfig !== fieldConfig;
  if (stale && cars.length > 0) {
    const candidates = lapCandidates(cars, readLapTable(data.series), track?.length);
    const chosen = choice ? chooseLineLap(candidates, choice, lineCar) : undefined;
    const sameInputs = cache.inputs === inputs && cache.fieldConfig === fieldConfig;
    // While live, the best lap stays until a faster one arrives, even after it leaves the data window.
    const keepBest =
      choice?.kind === 'best' &&
      streaming &&
      sameInputs &&
      cache.line !== undefined &&
      cache.lapTime !== undefined &&
      (!chosen || chosen.lapTime === undefined || chosen.lapTime >= cache.lapTime);
    if (keepBest) {
      lineCache.current = { ...cache, at: now };
    } else {
      const next: LineCache = {
        inputs,
        at: now,
        fieldConfig,
        sliceKey: sliceKey(chosen?.slice),
        lapTime: chosen?.lapTime,
      };
      if (!chosen) next.problem = describeChoice(choice, lapText);
      else if (next.sliceKey === cache.sliceKey && sameInputs) {
        Object.assign(next, {
          line: cache.line,
          scale: cache.scale,
          colourField: cache.colourField,
          problem: cache.problem,
        });
      } else {
        Object.assign(next, colourLine(chosen.slice, options, fieldConfig, theme));
        if (chosen.partial) next.problem = next.problem ?? 'no complete lap yet: the longest lap in the data';
      }
      if (!track) {
        const lap = outlineLap(candidates);
        next.outlineKey = sliceKey(lap);
        if (next.outlineKey === cache.outlineKey) next.outline = cache.outline;
        else if (lap) next.outline = next.outlineKey === next.sliceKey && next.line ? next.line : slicePositions(lap);
      }
      lineCache.current = next;
    }
  } else if (cars.length === 0) {
    lineCache.current = { inputs: '', at: 0 };
  }
  const result = lineCache.current;
  const lastTime = cars.reduce(
    (latest, car) => Math.max(latest, car.time?.[car.time.length - 1] ?? -Infinity),
    -Infinity,
  );
  return {
    track,
    cars,
    line: result.line,
    scale: result.scale,
    colourField: result.colourField,
    outline: track ?? result.outline,
    lineProblem: result.problem,
    live: streaming || lastTime > now - 60_000,
  };
}
