import type { ColumnAggregate, TyrePresetChoice } from '@eracing/telemetry-core/tyres';

export type TyreViewMode = 'car' | 'heatmap';
export type HeatmapColumns = 'laps' | 'time';
/** How the manual field pickers name the tread zones: inner/middle/outer, or left/middle/right seen from behind. */
export type ManualZoneNaming = 'tyre' | 'source';

export interface TyreHeatmapOptions {
  mode: TyreViewMode;
  /** The car whose frame to show when the data has several; empty: the first car with tyre data. Takes variables. */
  car: string;
  columns: HeatmapColumns;
  /** Width of a time-bucket column, seconds. */
  bucketSeconds: number;
  aggregate: ColumnAggregate;
  showSpread: boolean;
  showPressure: boolean;
  showBrake: boolean;
  showCore: boolean;
  preset: TyrePresetChoice;
  /** Use the field pickers below; off: detection alone. */
  mapByHand: boolean;
  manualZones: ManualZoneNaming;
  /** Field name per slot, keys as the core's `ManualTyreMapping`: `fl_inner`, `fr_left`, `rl_pressure`, … */
  manual: Record<string, string>;
}

export const DEFAULT_OPTIONS: TyreHeatmapOptions = {
  mode: 'car',
  car: '',
  columns: 'laps',
  bucketSeconds: 60,
  aggregate: 'mean',
  showSpread: true,
  showPressure: true,
  showBrake: true,
  showCore: true,
  preset: 'auto',
  mapByHand: false,
  manualZones: 'tyre',
  manual: {},
};
