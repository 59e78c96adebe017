/** What the lap chart draws and how: the series of each row, the colours, the size and the cursor's receivers. */
export interface TraceSeries {
  label: string;
  color: string;
  /** One value per distance; null where there is none (uPlot draws a gap only for null, not for NaN). */
  values: ArrayLike<number | null>;
  dash?: number[];
}

export interface ChannelPlot {
  name: string;
  label: string;
  /** Axis and readout text of a value (unit included). */
  format: (value: number) => string;
  series: TraceSeries[];
  min?: number;
  max?: number;
}

export interface ChartModel {
  /** Reference lap distance, metres, ascending: the x of every row. */
  distance: ArrayLike<number>;
  /** Δt of each compared lap, seconds; the first is shaded green where it gains and red where it loses. */
  deltas: TraceSeries[];
  channels: ChannelPlot[];
  /** Sector boundaries, metres. */
  sectors: number[];
  /** Loss zones to mark on the delta, metres. */
  zones: Array<{ start: number; end: number }>;
}

export interface ChartStyle {
  text: string;
  grid: string;
  gain: string;
  loss: string;
  sector: string;
  zone: string;
  font: string;
}

export interface ChartOptions {
  width: number;
  height: number;
  style: ChartStyle;
  /** Cursor sync key: one per panel instance. */
  syncKey: string;
  /**
   * The reference lap distance under the pointer, or null when it leaves the rows. Only for the user's moves: not for
   * `LapChart.setCursorDistance`, nor for uPlot's redraws.
   */
  onCursor?: (distance: number | null) => void;
  /** Receives a one-line readout of the values under the cursor. */
  readout?: HTMLElement;
}
