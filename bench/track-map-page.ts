/**
 * The browser side of the track map bench: our canvas renderer (the panel's own module) and the OpenLayers peers,
 * bundled into one script that the bench adds to a blank page. Each `run*` function draws once and returns the
 * milliseconds until getImageData(0, 0, 1, 1) returns, which waits for the pixels.
 */
import { bucketRuns, bucketValues, NO_BUCKET, uniformEdges } from '@eracing/panel-kit/colour-buckets';
import { fitView, zoomAt, zoomedView, NO_ZOOM, type ViewTransform } from '@eracing/panel-kit/view';
import { cleanTrace, thinLine, thinningSpacing } from '@eracing/telemetry-core/track';
import OlMap from 'ol/Map';
import View from 'ol/View';
import Feature from 'ol/Feature';
import LineString from 'ol/geom/LineString';
import MultiLineString from 'ol/geom/MultiLineString';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import Style from 'ol/style/Style';
import Stroke from 'ol/style/Stroke';
import type { FeatureLike } from 'ol/Feature';

import { type Palette, prepareCanvas } from '../panels/track-map/src/render/canvas';
import { MarkerAnimator } from '../panels/track-map/src/render/marker-animator';
import {
  type ColouredLineLayer,
  CONTINUOUS_BUCKETS,
  drawRacingLine,
} from '../panels/track-map/src/render/track-layers';
import { drawTrails, type Trail } from '../panels/track-map/src/render/trails';

export const WIDTH = 1200;
export const HEIGHT = 800;
const BUCKETS = CONTINUOUS_BUCKETS; // as the panel samples a continuous scheme
const LINE_WIDTH = 3;

const palette: Palette = {
  track: '#3d434d',
  trackEdge: '#22252b',
  text: '#ccccdc',
  textHalo: '#111217',
  sector: '#999',
  font: '12px sans-serif',
};

/** Green → yellow → red in BUCKETS steps, as a continuous scheme sampled per bucket. */
const colours = Array.from({ length: BUCKETS }, (_, k) => {
  const t = k / (BUCKETS - 1);
  const r = Math.round(t < 0.5 ? 115 + t * 2 * 140 : 255);
  const g = Math.round(t < 0.5 ? 191 : 191 - (t - 0.5) * 2 * 150);
  return `rgb(${r},${g},60)`;
});

/** A 3.6 km closed circuit with corners of varied radius, sampled at `n` points, and a speed trace along it. */
export function syntheticLap(n: number) {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const speed = new Float64Array(n);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i / n) * 2 * Math.PI;
    const r = 480 + 140 * Math.sin(3 * t) + 70 * Math.cos(5 * t + 0.4) + 25 * Math.sin(11 * t);
    x[i] = r * Math.cos(t) * 1.3;
    y[i] = r * Math.sin(t) * 0.8;
    speed[i] = 170 + 90 * Math.sin(7 * t) + 15 * Math.sin(23 * t);
    time[i] = 1_700_000_000_000 + i * 0.9;
  }
  return { x, y, speed, time };
}

const lap = syntheticLap(100_000);

function canvas(dpr: number): HTMLCanvasElement {
  const element = document.createElement('canvas');
  element.style.width = `${WIDTH}px`;
  element.style.height = `${HEIGHT}px`;
  document.body.append(element);
  prepareCanvas(element, WIDTH, HEIGHT, dpr);
  return element;
}

function pixels(element: HTMLCanvasElement): void {
  element.getContext('2d')!.getImageData(0, 0, 1, 1);
}

/** What the panel does once per data change: clean, bucket and group the lap into runs. */
function prepareLine(): ColouredLineLayer & { fit: ViewTransform } {
  const clean = cleanTrace(lap.x, lap.y, lap.time);
  const buckets = bucketValues(lap.speed, uniformEdges(80, 280, BUCKETS));
  const runs = bucketRuns(clean.x, clean.y, buckets, BUCKETS, clean.breakBefore);
  const thinned = thinLine(clean.x, clean.y, thinningSpacing(clean.x, clean.y));
  const fit = fitView([clean], { width: WIDTH, height: HEIGHT, padding: 32 })!;
  return { x: clean.x, y: clean.y, runs, colours, thinned, fit };
}

let prepared: ReturnType<typeof prepareLine> | undefined;
const canvases = new Map<string, HTMLCanvasElement>();
function layer(name: string, dpr: number): HTMLCanvasElement {
  const key = `${name}@${dpr}`;
  if (!canvases.has(key)) canvases.set(key, canvas(dpr));
  return canvases.get(key)!;
}

function drawLine(target: HTMLCanvasElement, dpr: number, line: ColouredLineLayer, view: ViewTransform): void {
  const ctx = prepareCanvas(target, WIDTH, HEIGHT, dpr)!;
  drawRacingLine(ctx, { line, sectors: [], corners: [] }, view, palette, {
    showSectors: false,
    showCorners: false,
    lineWidth: LINE_WIDTH,
    trackWidth: 10,
  });
  pixels(target);
}

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** First render: the data prepared from the raw lap, then drawn. */
export function oursFirst(dpr: number): number {
  const target = layer('line', dpr);
  return timed(() => {
    prepared = prepareLine();
    drawLine(target, dpr, prepared, prepared.fit);
  });
}

/** The draw alone, with the prepared line (what a size or option change costs). */
export function oursDraw(dpr: number): number {
  prepared ??= prepareLine();
  const line = prepared;
  const target = layer('line', dpr);
  return timed(() => drawLine(target, dpr, line, line.fit));
}

/** Re-render after zooming 4× about the centre. */
export function oursZoom(dpr: number): number {
  prepared ??= prepareLine();
  const line = prepared;
  const target = layer('line', dpr);
  const view = zoomedView(line.fit, zoomAt(NO_ZOOM, 4, WIDTH / 2, HEIGHT / 2));
  return timed(() => drawLine(target, dpr, line, view));
}

/** 20 cars with 300-point trails (3 s at 100 Hz), and their markers. */
const liveScene = (() => {
  const trails: Trail[] = [];
  const positions: Array<{ car: string; colour: string; x: number; y: number }> = [];
  const fit = fitView([lap], { width: WIDTH, height: HEIGHT, padding: 32 })!;
  for (let car = 0; car < 20; car++) {
    const start = car * 4900;
    // 300 samples 3 points apart on the 100k lap: about 100 m of track, as 3 s at racing speed.
    const x = new Float64Array(300);
    const y = new Float64Array(300);
    for (let i = 0; i < 300; i++) {
      x[i] = lap.x[start + i * 3];
      y[i] = lap.y[start + i * 3];
    }
    const colour = colours[(car * 3) % BUCKETS];
    trails.push({ x, y, colour, from: 0, to: 300 });
    positions.push({ car: String(car + 1), colour, x: x[299], y: y[299] });
  }
  return { trails, positions, fit };
})();

const markerLayers = new Map<number, MarkerAnimator>();
const markerCanvases = new Map<MarkerAnimator, HTMLCanvasElement>();
const markersCanvas = (animator: MarkerAnimator) => markerCanvases.get(animator)!;
let liveStep = 0;

/** A live frame: the trails layer redrawn, and every marker given a new position and drawn (the panel's own code). */
export function oursLive(dpr: number): number {
  const trailsLayer = layer('trails', dpr);
  if (!markerLayers.has(dpr)) {
    const target = canvas(dpr);
    const animator = new MarkerAnimator(target);
    markerCanvases.set(animator, target);
    animator.configure(liveScene.fit, WIDTH, HEIGHT, dpr, palette, true);
    markerLayers.set(dpr, animator);
  }
  const markers = markerLayers.get(dpr)!;
  const shift = ++liveStep % 2 ? 1 : -1; // every frame the cars are somewhere new
  const moved = liveScene.positions.map((p) => ({ ...p, x: p.x + shift, y: p.y }));
  return timed(() => {
    drawTrails(prepareCanvas(trailsLayer, WIDTH, HEIGHT, dpr)!, liveScene.trails, liveScene.fit, palette.textHalo);
    markers.update(moved);
    markers.render(performance.now() + 1000);
    pixels(trailsLayer);
    pixels(markersCanvas(markers));
  });
}

// --- OpenLayers peers -------------------------------------------------------------------------------------------

function olTarget(): HTMLDivElement {
  const div = document.createElement('div');
  div.style.width = `${WIDTH}px`;
  div.style.height = `${HEIGHT}px`;
  div.style.position = 'relative';
  document.body.append(div);
  return div;
}

function olPixels(target: HTMLDivElement): void {
  for (const element of target.querySelectorAll('canvas')) element.getContext('2d')!.getImageData(0, 0, 1, 1);
}

function coordinates(): number[][] {
  const coords: number[][] = new Array(lap.x.length);
  for (let i = 0; i < lap.x.length; i++) coords[i] = [lap.x[i], lap.y[i]];
  return coords;
}

const speedBuckets = bucketValues(lap.speed, uniformEdges(80, 280, BUCKETS));

/** Geomap's route layer: one LineString feature, and a style function making a Style per segment. */
function geomapLayer(): VectorLayer {
  const feature = new Feature(new LineString(coordinates()));
  const style = (f: FeatureLike): Style[] => {
    const styles: Style[] = [];
    const geometry = f.getGeometry() as LineString;
    let i = 0;
    geometry.forEachSegment((start, end) => {
      i++;
      const bucket = speedBuckets[i];
      styles.push(
        new Style({
          geometry: new LineString([start, end]),
          stroke: new Stroke({ color: colours[bucket === NO_BUCKET ? 0 : bucket], width: LINE_WIDTH }),
        }),
      );
    });
    return styles;
  };
  return new VectorLayer({ source: new VectorSource({ features: [feature] }), style });
}

/** The best OpenLayers configuration: one MultiLineString per colour bucket, OpenLayers simplifying. */
function bucketedLayer(): VectorLayer {
  const lines: number[][][][] = Array.from({ length: BUCKETS }, () => []);
  let current: number[][] | undefined;
  let currentBucket = -1;
  for (let i = 1; i < lap.x.length; i++) {
    const b = speedBuckets[i];
    if (b !== currentBucket || !current) {
      current = [[lap.x[i - 1], lap.y[i - 1]]];
      currentBucket = b;
      lines[b].push(current);
    }
    current.push([lap.x[i], lap.y[i]]);
  }
  const features = lines.flatMap((parts, k) =>
    parts.length
      ? [
          (() => {
            const feature = new Feature(new MultiLineString(parts));
            feature.setStyle(new Style({ stroke: new Stroke({ color: colours[k], width: LINE_WIDTH }) }));
            return feature;
          })(),
        ]
      : [],
  );
  return new VectorLayer({ source: new VectorSource({ features }) });
}

const maps = new Map<string, { map: OlMap; target: HTMLDivElement }>();

function olMap(kind: 'geomap' | 'buckets', dpr: number) {
  const target = olTarget();
  const map = new OlMap({
    target,
    pixelRatio: dpr,
    controls: [],
    interactions: [],
    layers: [kind === 'geomap' ? geomapLayer() : bucketedLayer()],
    view: new View(),
  });
  map.getView().fit([-900, -600, 900, 600], { size: [WIDTH, HEIGHT], padding: [32, 32, 32, 32] });
  return { map, target };
}

/** First render: layer and features built from the lap, then the map rendered. */
export function olFirst(kind: 'geomap' | 'buckets', dpr: number): number {
  const previous = maps.get(`${kind}@${dpr}`);
  previous?.map.setTarget(undefined);
  previous?.target.remove();
  let created: { map: OlMap; target: HTMLDivElement } | undefined;
  const ms = timed(() => {
    created = olMap(kind, dpr);
    created.map.renderSync();
    olPixels(created.target);
  });
  maps.set(`${kind}@${dpr}`, created!);
  return ms;
}

/** Re-render after zooming 4× about the centre, from the fitted view. */
export function olZoom(kind: 'geomap' | 'buckets', dpr: number): number {
  if (!maps.has(`${kind}@${dpr}`)) olFirst(kind, dpr);
  const { map, target } = maps.get(`${kind}@${dpr}`)!;
  const view = map.getView();
  if (view.get('fitted') === undefined) view.set('fitted', view.getResolution());
  const fitted = view.get('fitted') as number;
  view.setResolution(fitted);
  map.renderSync();
  return timed(() => {
    view.setResolution(fitted / 4);
    map.renderSync();
    olPixels(target);
  });
}

Object.assign(window, {
  trackMapBench: { oursFirst, oursDraw, oursZoom, oursLive, olFirst, olZoom },
});
