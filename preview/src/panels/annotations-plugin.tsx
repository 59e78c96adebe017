import type { DataFrame } from '@grafana/data';
import type { UPlotConfigBuilder } from '@grafana/ui';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type uPlot from 'uplot';

import { annotationMarks, drawMarks, placeMarks, samePlacement, type PlacedMark } from './annotation-marks';

const MARKER_SIZE = 8;

/**
 * The annotations of a time series, as Grafana's AnnotationsPlugin2 draws them (which @grafana/ui does not export):
 * a line or shaded region on the canvas at each draw, and a marker along the bottom of the plot with the text on
 * hover.
 */
export function AnnotationsPlugin({ config, annotations }: { config: UPlotConfigBuilder; annotations?: DataFrame[] }) {
  const marks = useMemo(() => annotationMarks(annotations), [annotations]);
  const latest = useRef(marks);
  latest.current = marks;
  const [plot, setPlot] = useState<uPlot>();
  const [placed, setPlaced] = useState<PlacedMark[]>([]);

  useLayoutEffect(() => {
    config.addHook('init', (u: uPlot) => setPlot(u));
    config.addHook('draw', (u: uPlot) => {
      const { min, max } = u.scales.x;
      if (min === undefined || max === undefined) return;
      drawMarks(u.ctx, latest.current, u.bbox, (time) => u.valToPos(time, 'x', true), devicePixelRatio);
      const next = placeMarks(latest.current, { min, max }, (time) => u.valToPos(time, 'x'));
      setPlaced((previous) => (samePlacement(previous, next) ? previous : next));
    });
  }, [config]);

  useLayoutEffect(() => plot?.redraw(false, false), [plot, marks]);

  if (!plot) return null;
  return createPortal(
    <div data-testid="preview-annotations" data-count={placed.length}>
      {placed.map((mark, i) => (
        <div
          key={`${mark.time}-${i}`}
          role="img"
          data-testid="preview-annotation"
          data-time={mark.time}
          data-time-end={mark.region ? mark.timeEnd : undefined}
          aria-label={mark.text}
          title={mark.text}
          style={{
            position: 'absolute',
            bottom: 0,
            left: mark.left - (mark.width ? 0 : MARKER_SIZE / 2),
            width: mark.width || MARKER_SIZE,
            height: MARKER_SIZE / 2,
            background: mark.color,
            borderRadius: 2,
          }}
        />
      ))}
    </div>,
    plot.over,
  );
}
