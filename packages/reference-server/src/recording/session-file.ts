/** `session.json`: what a recorded session is. Written once when the recording starts or the import ends. */
import fs from 'node:fs';
import path from 'node:path';
import type { ChannelInfo } from '@eracing/telemetry-core/channels';
import type { CarInfo, SessionSummary, TrackGeometry } from '@eracing/telemetry-core/protocol';
import { writeFileAtomic } from './files';
import type { ImportReport } from '../import/report';
import { SESSION_FILE } from './layout';

export const SESSION_FORMAT = 'eracing-session';
export const SESSION_FORMAT_VERSION = 1;

/** Where the data came from. A simulator recording is continued after a restart when seed and car count match. */
export type SessionOrigin =
  | { type: 'simulator'; seed: number; cars: number }
  | { type: 'csv'; file: string; rows: number; columns: Record<string, string> }
  | { type: 'file'; format: string; file: string; bytes: number; rows: number }
  | { type: 'other'; description: string };

export interface SessionFile {
  format: typeof SESSION_FORMAT;
  version: number;
  /** As the source described itself; `startTime` is also the origin of the batch numbering. */
  summary: SessionSummary;
  cars: CarInfo[];
  channels: ChannelInfo[];
  track: TrackGeometry;
  /** The epoch of the recorded batches; the same seq always names the same batch within it. */
  epoch: string;
  batchMs: number;
  source: SessionOrigin;
  /** Epoch ms when the session directory was created. */
  createdAt: number;
  /** What an import found and did (see `src/import/report.ts`). */
  report?: ImportReport;
  /** Lap times (s) the logger itself recorded, by car and lap number: preferred to the samples' for complete laps. */
  loggerLapTimes?: Record<string, Record<string, number>>;
}

export function readSessionFile(dir: string): SessionFile {
  const file = path.join(dir, SESSION_FILE);
  let value: SessionFile;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const problem = checkSessionFile(value);
  if (problem) throw new Error(`${file}: ${problem}`);
  return value;
}

function checkSessionFile(value: SessionFile): string | undefined {
  if (typeof value !== 'object' || value === null || value.format !== SESSION_FORMAT)
    return `not an ${SESSION_FORMAT} file`;
  if (value.version !== SESSION_FORMAT_VERSION) return `format version ${value.version} is not supported`;
  if (typeof value.summary?.id !== 'string' || !Number.isFinite(value.summary.startTime))
    return 'summary needs id and startTime';
  if (typeof value.epoch !== 'string' || !value.epoch) return 'epoch is missing';
  if (!(value.batchMs > 0)) return 'batchMs must be positive';
  if (!Array.isArray(value.cars) || !Array.isArray(value.channels)) return 'cars and channels must be arrays';
  if (typeof value.track !== 'object' || value.track === null) return 'track geometry is missing';
  return undefined;
}

/** Writes `session.json` so that a crash leaves either the old file or the new one, never half of one. */
export function writeSessionFile(dir: string, session: SessionFile): void {
  writeFileAtomic(path.join(dir, SESSION_FILE), JSON.stringify(session, null, 1));
}
