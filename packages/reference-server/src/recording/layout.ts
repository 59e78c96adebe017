/**
 * Where recorded sessions live on disk:
 *
 *   <dataDir>/sessions/<sessionId>/session.json   what the session is: summary, cars, channels, track, epoch, source
 *   <dataDir>/sessions/<sessionId>/batches.ercb   append-only records: uint32 LE length + one binary ERCB batch
 *   <dataDir>/sessions/<sessionId>/batches.idx    seq → file offset of each record (a cache, rebuilt from the data)
 *   <dataDir>/sessions/<sessionId>/events.jsonl   events the source reported (flags, pit lane), one JSON per line
 *   <dataDir>/sessions/<sessionId>/laps.json      laps computed from the data (a cache)
 *   <dataDir>/sessions/.tmp-*                     an import in progress; renamed into place when it succeeds
 */
import path from 'node:path';

export const DEFAULT_DATA_DIR = './data';
export const DATA_DIR_ENV = 'ERACING_DATA_DIR';

export const SESSION_FILE = 'session.json';
export const BATCHES_FILE = 'batches.ercb';
export const INDEX_FILE = 'batches.idx';
export const EVENTS_FILE = 'events.jsonl';
export const LAPS_FILE = 'laps.json';
export const TEMP_PREFIX = '.tmp-';

/** The data directory: the explicit option, else `$ERACING_DATA_DIR`, else `./data`, resolved against `cwd`. */
export function resolveDataDir(option?: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, option || env[DATA_DIR_ENV] || DEFAULT_DATA_DIR);
}

export function sessionsDir(dataDir: string): string {
  return path.join(dataDir, 'sessions');
}

export function sessionDir(dataDir: string, sessionId: string): string {
  checkSessionId(sessionId);
  return path.join(sessionsDir(dataDir), sessionId);
}

/** Session ids name directories and travel in protocol messages (at most 64 characters). */
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function isSessionId(id: string): boolean {
  return SESSION_ID.test(id) && !id.includes('..');
}

export function checkSessionId(id: string): string {
  if (!isSessionId(id)) {
    throw new Error(
      `"${id}" is not a usable session id: use 1–64 letters, digits, "_", "-" or ".", starting with a letter or digit`,
    );
  }
  return id;
}

/** A session id from free text, e.g. a file name: `Silverstone FP1.csv` → `silverstone-fp1`. */
export function slugSessionId(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56);
  return slug || 'session';
}
