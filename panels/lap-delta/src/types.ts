import type { ReferenceChoice } from '@eracing/telemetry-core/delta';

/** Which laps are drawn against the reference: every other lap in the data, or the newest (live: the one running). */
export type CompareChoice = 'all' | 'latest';

export interface LapDeltaOptions {
  /** A {@link ReferenceChoice}, or a variable holding one (e.g. `$reference`). */
  reference: ReferenceChoice | string;
  /** Car of the reference (`car-lap`, `session-lap`); template variables allowed. Empty: the analysed car. */
  referenceCar: string;
  /** Lap number of the reference (`lap`, `car-lap`, `session-lap`); template variables allowed. */
  referenceLap: string;
  /** Session of the reference (`session-lap`); template variables allowed. */
  referenceSession: string;
  compare: CompareChoice;
  /** Channels traced below the delta, comma-separated canonical names; template variables allowed. */
  channels: string;
  /** How many loss zones to list. 0 hides the list. */
  zones: number;
  showSectors: boolean;
}

export const DEFAULT_REFERENCE: ReferenceChoice = 'car-best';

export const DEFAULT_OPTIONS: LapDeltaOptions = {
  reference: DEFAULT_REFERENCE,
  referenceCar: '',
  referenceLap: '',
  referenceSession: '',
  compare: 'all',
  channels: 'speed, throttle, brake',
  zones: 5,
  showSectors: true,
};
