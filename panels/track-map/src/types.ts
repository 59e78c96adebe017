/** Where the panel reads positions from: detected by field name, or named fields. */
export type PositionMode = 'auto' | 'xy' | 'latlon';
/** Which lap the coloured line shows. */
export type LapMode = 'current' | 'best' | 'chosen';
/** The colour range: this lap's own values, or the field's min and max from the field config. */
export type ColourRange = 'lap' | 'field';

export interface TrackMapOptions {
  positions: PositionMode;
  xField?: string;
  yField?: string;
  latField?: string;
  lonField?: string;
  /** The field that colours the racing line. */
  colourField: string;
  colourRange: ColourRange;
  lap: LapMode;
  /** The lap number when `lap` is `chosen`; template variables allowed. */
  lapNumber?: string;
  /** The car whose lap is drawn; empty: any car. Template variables allowed. */
  lineCar?: string;
  showTrails: boolean;
  trailSeconds: number;
  showCarLabels: boolean;
  showSectors: boolean;
  showCorners: boolean;
  showLegend: boolean;
  /** Clockwise, degrees. */
  rotation: number;
  flipHorizontal: boolean;
  flipVertical: boolean;
}

export const DEFAULT_OPTIONS: TrackMapOptions = {
  positions: 'auto',
  colourField: 'speed',
  colourRange: 'lap',
  lap: 'best',
  showTrails: true,
  trailSeconds: 10,
  showCarLabels: true,
  showSectors: true,
  showCorners: true,
  showLegend: true,
  rotation: 0,
  flipHorizontal: false,
  flipVertical: false,
};
