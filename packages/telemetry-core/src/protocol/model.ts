/**
 * The race model shared by the server, the datasource and the panels: sessions, cars, laps, track and events.
 * Times are epoch milliseconds; lap and sector times are seconds; distances are metres.
 */
import type { ChannelInfo } from '../channels/known-channels';

export type SessionKind = 'live' | 'recorded' | 'replay';

export interface SessionSummary {
  id: string;
  name: string;
  kind: SessionKind;
  /** True while data is still arriving. */
  live: boolean;
  startTime: number;
  /** Time of the last sample, or undefined while live. */
  endTime?: number;
  track: string;
  carCount: number;
}

export interface CarInfo {
  /** Stable id, the car's race number as a string. Used as the `car` label everywhere. */
  id: string;
  number: number;
  driver: string;
  team: string;
  /** The car's colour from the shared assignment (`carColour`). */
  colour: string;
}

export interface Point {
  x: number;
  y: number;
}

export interface TrackSector {
  /** 1-based sector number. */
  number: number;
  name: string;
  /** Lap distance where the sector starts and ends. */
  start: number;
  end: number;
}

export interface TrackCorner {
  /** 1-based corner number in driving order. */
  number: number;
  name: string;
  /** Lap distance of the apex. */
  distance: number;
  /** Apex position in metres. */
  apex: Point;
  /** Radius at the apex in metres. */
  radius: number;
  direction: 'left' | 'right';
}

export interface TrackGeometry {
  name: string;
  /** Length of the centre line in metres. */
  length: number;
  /** Geographic origin of the local metric frame (x east, y north). */
  origin: { lat: number; lon: number };
  /** Centre line sampled in driving order from the start/finish line; the last point joins the first. */
  centreLine: { distance: number[]; x: number[]; y: number[]; lat: number[]; lon: number[] };
  /** The start/finish line as a segment across the track. */
  startFinish: { a: Point; b: Point };
  sectors: TrackSector[];
  corners: TrackCorner[];
}

export interface LapFlags {
  /** First lap of a run, started from the pit lane or the grid. */
  outLap: boolean;
  /** Lap that ends in the pit lane. */
  inLap: boolean;
  /** Any part of the lap was in the pit lane. */
  pit: boolean;
  /** The lap has not finished, or data is missing. */
  incomplete: boolean;
}

export interface LapRecord {
  car: string;
  /** 1-based lap number. */
  lap: number;
  startTime: number;
  /** Undefined while the lap is in progress. */
  endTime?: number;
  /** Seconds; undefined while in progress. */
  lapTime?: number;
  /** Seconds, one per completed sector. */
  sectorTimes: number[];
  /** True when none of the flags is set: only valid laps count as "best". */
  valid: boolean;
  flags: LapFlags;
  /** Distance covered in the lap, metres. */
  length?: number;
  /** Energy drawn from the battery during the lap, kWh; absent for a car without energy or power channels. */
  energyUsed?: number;
  /** Energy recovered into the battery during the lap, kWh; absent like `energyUsed`. */
  energyRegen?: number;
}

export type RaceEventKind = 'lap' | 'sector' | 'pit_in' | 'pit_out' | 'flag';
export type FlagState = 'green' | 'yellow' | 'safety_car' | 'red' | 'chequered';

export interface RaceEvent {
  time: number;
  kind: RaceEventKind;
  /** Absent for session-wide events such as flags. */
  car?: string;
  lap?: number;
  /** For `sector`: the sector just completed. */
  sector?: number;
  /** For `lap` and `sector`: the time it took, seconds. */
  duration?: number;
  /** For `flag`. */
  flag?: FlagState;
  text: string;
}

/** Catalog detail of one session. */
export interface SessionDetail extends SessionSummary {
  cars: CarInfo[];
  channels: ChannelInfo[];
  laps: LapRecord[];
  track: string;
  geometry?: TrackGeometry;
}
