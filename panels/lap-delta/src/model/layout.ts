/** How the panel shares its size between the legend, the charts and the sidebar. */
import type { LapDeltaOptions } from '../types';

/** The legend on one line and the readout below it. */
export const HEADER_HEIGHT = 40;
export const SIDEBAR_WIDTH = 340;
/** Narrower than this, the panel draws the charts only. */
const SIDEBAR_MIN_PANEL_WIDTH = 760;
export const SIDEBAR_GAP = 8;

export interface PanelLayout {
  chartWidth: number;
  chartHeight: number;
  /** The sidebar shows the sector table and the loss zones; absent when neither is wanted or the panel is narrow. */
  sidebar?: { sectors: boolean; zones: boolean };
}

/** `headerHeight`: the legend's and readout's as measured (several laps wrap the legend onto more lines). */
export function panelLayout(
  width: number,
  height: number,
  headerHeight: number,
  options: Pick<LapDeltaOptions, 'showSectors' | 'zones'>,
): PanelLayout {
  const sectors = options.showSectors !== false;
  const zones = (options.zones ?? 5) > 0;
  const sidebar = width >= SIDEBAR_MIN_PANEL_WIDTH && (sectors || zones);
  return {
    chartWidth: Math.max(100, sidebar ? width - SIDEBAR_WIDTH - SIDEBAR_GAP : width),
    chartHeight: Math.max(80, height - headerHeight),
    sidebar: sidebar ? { sectors, zones } : undefined,
  };
}
