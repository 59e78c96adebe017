import { css } from '@emotion/css';
import {
  DataHoverClearEvent,
  DataHoverEvent,
  dateTimeFormat,
  formattedValueToString,
  type GrafanaTheme2,
  getFieldDisplayName,
  type PanelProps,
} from '@grafana/data';
import { EmptyState, useStyles2, useTheme2 } from '@grafana/ui';
import { cursorPayload, readCursor } from '@eracing/panel-kit/cursor';
import { fitView, NO_ZOOM, zoomedView, type ZoomState } from '@eracing/panel-kit/view';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

import { wantedFields } from '../positions';
import { type Palette, prepareCanvas } from '../render/canvas';
import { drawRacingLine, drawTrack, drawTrackLabels } from '../render/track-layers';
import { MarkerAnimator } from '../render/marker-animator';
import { labelSide } from '../scene/labels';
import { cursorOf, cursorPosition, type HoverSample, tooltipRows } from '../scene/hover';
import { liveCars } from '../scene/live';
import { startFinishMark } from '../scene/start-finish';
import { DEFAULT_OPTIONS, type TrackMapOptions } from '../types';
import { Legend } from './legend';
import { Tooltip } from './tooltip';
import { useMapInteraction } from './use-map-interaction';
import { useTrailsLayer } from './use-trails-layer';
import { useTrackScene } from './use-track-scene';

function palette(theme: GrafanaTheme2): Palette {
  return {
    track: theme.isDark ? '#3d434d' : '#d5d8de',
    trackEdge: theme.isDark ? '#22252b' : '#aab0ba',
    text: theme.colors.text.primary,
    textHalo: theme.colors.background.primary,
    sector: theme.colors.text.secondary,
    font: `${theme.typography.bodySmall.fontSize} ${theme.typography.fontFamily}`,
  };
}

export function TrackMapPanel(props: PanelProps<TrackMapOptions>) {
  const { data, width, height, eventBus, fieldConfig, timeZone } = props;
  const options = useMemo(() => ({ ...DEFAULT_OPTIONS, ...props.options }), [props.options]);
  const replaceVariables = props.replaceVariables ?? ((text: string) => text);
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const colours = useMemo(() => palette(theme), [theme]);
  const scene = useTrackScene(data, options, fieldConfig ?? { defaults: {}, overrides: [] }, theme, replaceVariables);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;

  const trackRef = useRef<HTMLCanvasElement>(null);
  const lineRef = useRef<HTMLCanvasElement>(null);
  const labelsRef = useRef<HTMLCanvasElement>(null);
  const trailsRef = useRef<HTMLCanvasElement>(null);
  const animator = useRef<MarkerAnimator | null>(null);
  const [zoom, setZoom] = useState<ZoomState>(NO_ZOOM);
  const [hover, setHover] = useState<{ x: number; y: number; sample: HoverSample }>();

  const { outline, line } = scene;
  const { rotation, flipHorizontal, flipVertical } = options;
  const fitted = useMemo(
    () =>
      fitView(outline ? [outline] : line ? [line] : [], {
        width,
        height,
        padding: 32,
        rotation,
        flipHorizontal,
        flipVertical,
      }),
    [outline, line, width, height, rotation, flipHorizontal, flipVertical],
  );
  const view = useMemo(() => fitted && zoomedView(fitted, zoom), [fitted, zoom]);

  const live = useMemo(
    () => (scene.live ? liveCars(scene.cars, options.trailSeconds) : []),
    [scene.live, scene.cars, options.trailSeconds],
  );

  // The cached layers (the track and the racing line under the trails, the labels over the markers): only data,
  // size, zoom and option changes redraw them.
  const trackWidth = Math.min(14, Math.max(6, (fitted ? Math.hypot(fitted.a, fitted.b) : 1) * zoom.scale * 12));
  useLayoutEffect(() => {
    const ctx = trackRef.current && prepareCanvas(trackRef.current, width, height, dpr);
    if (ctx && view && outline) drawTrack(ctx, outline, view, colours, trackWidth);
  }, [view, outline, width, height, dpr, colours, trackWidth]);

  const track = scene.track;
  const racingLine = useMemo(
    () => ({
      line: line && { ...line, colours: scene.scale?.colours ?? [theme.colors.primary.main] },
      startFinish: track && startFinishMark(track, track.startFinish),
      sectors:
        track?.sectors
          .filter((s) => s.start > 0)
          .map((s) => ({ at: s.at, label: `S${s.number}`, side: labelSide(track, s.at) })) ?? [],
      corners:
        track?.corners.map((c) => ({ at: c.at, label: `T${c.number}`, side: labelSide(track, c.at, c.direction) })) ??
        [],
    }),
    [line, scene.scale, track, theme],
  );
  const { showSectors, showCorners } = options;
  useLayoutEffect(() => {
    const line = lineRef.current && prepareCanvas(lineRef.current, width, height, dpr);
    const labels = labelsRef.current && prepareCanvas(labelsRef.current, width, height, dpr);
    if (!view) return;
    const layerOptions = { showSectors, showCorners, lineWidth: 3, trackWidth };
    if (line) drawRacingLine(line, racingLine, view, colours, layerOptions);
    if (labels) drawTrackLabels(labels, racingLine, view, colours, layerOptions);
  }, [racingLine, view, width, height, dpr, colours, showSectors, showCorners, trackWidth]);

  // Trails as data arrives, at most ten times a second.
  useTrailsLayer(trailsRef, live, view, width, height, dpr, options.showTrails, colours.textHalo);

  // Markers glide at display rate between updates.
  const [markerLayer, setMarkerLayer] = useState<HTMLCanvasElement | null>(null);
  const [markers, setMarkers] = useState<MarkerAnimator>();
  useEffect(() => {
    if (!markerLayer) return;
    const created = new MarkerAnimator(markerLayer);
    animator.current = created;
    setMarkers(created);
    return () => {
      created.dispose();
      animator.current = null;
    };
  }, [markerLayer]);
  useEffect(() => {
    markers?.configure(view, width, height, dpr, colours, options.showCarLabels);
  }, [markers, view, width, height, dpr, colours, options.showCarLabels]);
  useEffect(() => {
    markers?.update(live);
  }, [markers, live]);

  // Other panels' cursor: a dot at that time or lap distance.
  const sceneRef = useRef(scene);
  sceneRef.current = scene;
  const rootRef = useRef<HTMLDivElement | null>(null);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  rootRef.current = root;
  useEffect(() => {
    /** Draws the shared cursor's dot, and names where it is (metres) on the panel's element, for tests. */
    const showCursor = (at: { x: number; y: number } | undefined) => {
      animator.current?.setCursor(at);
      const element = rootRef.current;
      if (!element) return;
      if (at) element.dataset.cursor = `${at.x.toFixed(1)},${at.y.toFixed(1)}`;
      else delete element.dataset.cursor;
    };
    const hovers = eventBus.getStream(DataHoverEvent).subscribe((event) => {
      if (event.origin === eventBus) return;
      const cursor = readCursor(event.payload);
      const { cars, line } = sceneRef.current;
      showCursor(cursor && cursorPosition(cursor, cars, line));
    });
    const clears = eventBus.getStream(DataHoverClearEvent).subscribe((event) => {
      if (event.origin !== eventBus) showCursor(undefined);
    });
    return () => {
      hovers.unsubscribe();
      clears.unsubscribe();
    };
  }, [eventBus]);

  useMapInteraction(root, {
    view,
    scene,
    live,
    setZoom,
    onHover: (found) => {
      setHover(found);
      const cursor = found && cursorOf(found.sample);
      // Grafana types `point` as numbers only; the shared cursor also names the car, which readers expect.
      if (cursor) eventBus.publish(new DataHoverEvent(cursorPayload(cursor)));
      else eventBus.publish(new DataHoverClearEvent());
    },
  });

  if (scene.cars.length === 0 && !scene.track) {
    return (
      <EmptyState variant="not-found" hideImage message="No data">
        This panel needs frames with {wantedFields(options)} fields.
      </EmptyState>
    );
  }
  if (!view) {
    return (
      <EmptyState variant="not-found" hideImage message="No positions">
        Every sample of {wantedFields(options)} is missing or a dropout.
      </EmptyState>
    );
  }

  const formatTime = (time: number) => dateTimeFormat(time, { format: 'HH:mm:ss.SSS', timeZone });
  const colourTitle = scene.colourField
    ? (scene.colourField.config.displayName ??
      scene.colourField.config.displayNameFromDS?.replace(/ · car .*$/, '') ??
      getFieldDisplayName(scene.colourField))
    : options.colourField;
  const lineTitle = line
    ? `${colourTitle} · car ${line.slice.car.car}${Number.isFinite(line.slice.lap) ? `, lap ${line.slice.lap}` : ''}`
    : colourTitle;
  return (
    <div
      ref={setRoot}
      className={styles.root}
      style={{ width, height }}
      data-testid="trackmap"
      data-zoom={zoom.scale.toFixed(3)}
    >
      <canvas ref={trackRef} className={styles.layer} data-testid="trackmap-track" />
      <canvas ref={lineRef} className={styles.layer} data-testid="trackmap-line" />
      <canvas ref={trailsRef} className={styles.layer} data-testid="trackmap-trails" />
      <canvas ref={setMarkerLayer} className={styles.layer} data-testid="trackmap-markers" />
      <canvas ref={labelsRef} className={styles.layer} data-testid="trackmap-labels" />
      {options.showLegend && <Legend title={lineTitle} scale={scene.scale} problem={scene.lineProblem} />}
      {hover && (
        <Tooltip
          x={hover.x}
          y={hover.y}
          width={width}
          height={height}
          rows={tooltipRows(hover.sample, formatTime, {
            field: options.colourField,
            title: colourTitle,
            display: scene.scale && ((value) => formattedValueToString(scene.scale!.display(value))),
          })}
        />
      )}
    </div>
  );
}

const getStyles = () => ({
  root: css({ position: 'relative', overflow: 'hidden', outline: 'none', cursor: 'crosshair', userSelect: 'none' }),
  layer: css({ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }),
});
