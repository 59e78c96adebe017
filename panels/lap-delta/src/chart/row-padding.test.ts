import { rowHeights, X_AXIS_HEIGHT } from './rows';
import { LABEL_GAP_PX, labelOverhang, rowPadding } from './row-padding';

/** The boxes of the y labels at a row's plot edges, px from the top of the chart. */
function edgeLabels(heights: number[]): Array<{ row: number; top: number; bottom: number }> {
  const overhang = labelOverhang();
  let rowTop = 0;
  return heights.flatMap((height, row) => {
    const bottom = row === heights.length - 1;
    const [padTop, , padBottom] = rowPadding({ delta: row === 0, bottom });
    // The bottom row's plot ends above the distance axis.
    const plotBottom = rowTop + height - padBottom - (bottom ? X_AXIS_HEIGHT : 0);
    const labels = [
      { row, top: rowTop + padTop - overhang, bottom: rowTop + padTop + overhang },
      { row, top: plotBottom - overhang, bottom: plotBottom + overhang },
    ];
    rowTop += height;
    return labels;
  });
}

describe('row padding', () => {
  it.each([
    ['the packaged dashboard (4 channels)', 900, 4],
    ['the smallest rows', 400, 3],
  ])('keeps the y labels at the plot edges inside their own rows: %s', (_case, height, channels) => {
    const heights = rowHeights(height, channels);
    expect(heights.length).toBe(channels + 1);
    const labels = edgeLabels(heights);
    let rowTop = 0;
    heights.forEach((h, row) => {
      for (const label of labels.filter((l) => l.row === row)) {
        expect(label.top).toBeGreaterThanOrEqual(rowTop + LABEL_GAP_PX);
        expect(label.bottom).toBeLessThanOrEqual(rowTop + h - LABEL_GAP_PX);
      }
      rowTop += h;
    });
    // "0 km/h" at the bottom of speed and "100%" at the top of throttle: apart.
    for (let k = 1; k < labels.length; k++) expect(labels[k].top).toBeGreaterThan(labels[k - 1].bottom);
  });

  it('leaves the delta its headroom for the sector names', () => {
    expect(rowPadding({ delta: true, bottom: false })[0]).toBeGreaterThanOrEqual(14);
  });
});
