import { panelLayout, SIDEBAR_GAP, SIDEBAR_WIDTH } from './layout';

describe('panelLayout', () => {
  const options = { showSectors: true, zones: 5 };

  it('puts the sidebar beside the charts on a wide panel', () => {
    expect(panelLayout(1200, 500, 40, options)).toEqual({
      chartWidth: 1200 - SIDEBAR_WIDTH - SIDEBAR_GAP,
      chartHeight: 460,
      sidebar: { sectors: true, zones: true },
    });
  });

  it('draws the charts only on a narrow panel, or when neither the sectors nor the zones are wanted', () => {
    expect(panelLayout(700, 500, 40, options)).toMatchObject({ chartWidth: 700, sidebar: undefined });
    expect(panelLayout(1200, 500, 40, { showSectors: false, zones: 0 })).toMatchObject({ chartWidth: 1200 });
    expect(panelLayout(1200, 500, 40, { showSectors: false, zones: 3 }).sidebar).toEqual({
      sectors: false,
      zones: true,
    });
  });

  it('keeps the charts a minimum size', () => {
    expect(panelLayout(50, 60, 70, options)).toMatchObject({ chartWidth: 100, chartHeight: 80 });
  });
});
