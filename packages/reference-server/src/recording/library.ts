/** The sessions stored in a data directory. */
import fs from 'node:fs';
import path from 'node:path';
import { isSessionId, sessionsDir, SESSION_FILE } from './layout';
import { RecordedSessionSource } from './recorded-source';
import { readSessionFile, type SessionFile } from './session-file';

export interface StoredSession {
  id: string;
  dir: string;
  session: SessionFile;
}

export interface Library {
  sessions: StoredSession[];
  /** Directories that look like sessions but cannot be read, with the reason. */
  problems: string[];
}

/** Every session directory with a readable `session.json`, oldest first. */
export function listSessions(dataDir: string): Library {
  const root = sessionsDir(dataDir);
  const sessions: StoredSession[] = [];
  const problems: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return { sessions, problems };
  }
  for (const name of names.sort()) {
    const dir = path.join(root, name);
    if (!isSessionId(name) || !fs.existsSync(path.join(dir, SESSION_FILE))) continue;
    try {
      sessions.push({ id: name, dir, session: readSessionFile(dir) });
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  sessions.sort((a, b) => a.session.summary.startTime - b.session.summary.startTime || a.id.localeCompare(b.id));
  return { sessions, problems };
}

/** Opens every stored session for serving, except `exclude` (the one being recorded live). */
export function openRecordedSessions(
  dataDir: string,
  exclude?: string,
): { sources: RecordedSessionSource[]; problems: string[] } {
  const { sessions, problems } = listSessions(dataDir);
  const sources: RecordedSessionSource[] = [];
  for (const stored of sessions) {
    if (stored.id === exclude) continue;
    try {
      sources.push(RecordedSessionSource.open(stored.dir));
    } catch (error) {
      problems.push(`${stored.dir}: ${(error as Error).message}`);
    }
  }
  return { sources, problems };
}

export interface SimulatorIdentity {
  seed: number;
  cars: number;
}

/**
 * The newest simulator recording with this seed and car count that started less than `maxAgeMs` before `now`: the
 * session a restarted server continues.
 */
export function findContinuableSession(
  dataDir: string,
  identity: SimulatorIdentity,
  now: number,
  maxAgeMs = 24 * 3600_000,
): StoredSession | undefined {
  let best: StoredSession | undefined;
  for (const stored of listSessions(dataDir).sessions) {
    const { source, summary } = stored.session;
    if (source.type !== 'simulator' || source.seed !== identity.seed || source.cars !== identity.cars) continue;
    if (summary.startTime > now || now - summary.startTime >= maxAgeMs) continue;
    if (!best || summary.startTime > best.session.summary.startTime) best = stored;
  }
  return best;
}
