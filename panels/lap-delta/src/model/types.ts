/** What the panel shows, as the model builds it from the frames: a view, or a message saying what is missing. */
import type { LapComparison, ReferenceChoice, WindowedLapTrace, ZonePlace } from '@eracing/telemetry-core/delta';
import type { Field } from '@grafana/data';

export interface ViewLap {
  key: string;
  /** The query the lap's frame answered. */
  refId?: string;
  car: string;
  session?: string;
  lap: number;
  label: string;
  valid: boolean;
  /** The laps table's flags, e.g. `out-lap, pit`; empty when valid or unknown. */
  flags: string;
  /** Epoch ms of the line crossing that started the lap. */
  startTime: number;
  trace: WindowedLapTrace;
  /** Seconds, the laps table's when the data has one; undefined while running. */
  lapTime?: number;
  sectorTimes: number[];
  inProgress: boolean;
  fields: ReadonlyMap<string, Field>;
}

export interface ChannelMeta {
  name: string;
  /** The field of the first lap that has the channel: unit, display name, range. */
  field: Field;
}

export interface SectorCell {
  time: number;
  /** Seconds against the reference lap's sector, of the shown milliseconds. */
  delta: number;
  /** The fastest valid time of the sector in the session (all cars in the laps table, else the laps shown). */
  sessionBest: boolean;
  /** The car's fastest valid time of the sector. */
  personalBest: boolean;
}

/** A loss zone of the first compared lap, and where it is by the track's corners. */
export interface LossZone {
  /** Reference lap distance, m. */
  start: number;
  end: number;
  /** Seconds lost over the zone. */
  timeLost: number;
  /** Undefined without a corners track frame. */
  place?: ZonePlace;
}

export interface LapDeltaView {
  kind: 'view';
  reference: ViewLap;
  /** The reference is an invalid lap, chosen explicitly. */
  flagged: boolean;
  laps: ViewLap[];
  comparison: LapComparison;
  channels: ChannelMeta[];
  /** Sector boundaries, reference lap distance (m). */
  sectors: number[];
  /** The first compared lap's biggest losses, biggest first. */
  zones: LossZone[];
  /** Per lap (reference first, then the compared laps), per sector. */
  sectorCells: Map<string, SectorCell[]>;
  /**
   * Per compared lap with a lap time: its time against the reference's, seconds of the shown milliseconds. The legend
   * and the sector table show this one figure.
   */
  lapDeltas: Map<string, number>;
  /** The analysed car's theoretical best (sum of its best valid sectors) and best valid lap, seconds. */
  theoreticalBest?: { car: string; time: number; bestLap?: number };
}

export interface ViewMessage {
  kind: 'message';
  title: string;
  text: string;
}

export type LapDeltaState = LapDeltaView | ViewMessage;

export interface ViewRequest {
  reference: ReferenceChoice;
  referenceCar?: string;
  referenceLap?: number;
  referenceSession?: string;
  compare: 'all' | 'latest';
  channels: string[];
  zones: number;
}
