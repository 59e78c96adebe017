/**
 * Where recorded sessions are kept. The server, the recorder, replay and import talk to a SessionStore only; two
 * implementations exist: files in a data directory (the default) and PostgreSQL.
 */
import type { ChannelInfo } from '@eracing/telemetry-core/channels';
import type { LapRecord, RaceEvent, SampleBatch } from '@eracing/telemetry-core/protocol';
import type { SessionFile } from '../recording/session-file';
import type { SessionSource } from '../source';
import type { HistoryReader } from './history';

/** A stored session as a source the server can serve, replay and query. */
export interface RecordedSession extends SessionSource {
  readonly session: SessionFile;
  readonly history: HistoryReader;
  /** Batches stored, their bytes, and the first and last seq. */
  readonly stats: { batches: number; bytes: number; firstSeq: number; lastSeq: number };
  /** Every lap of the session (computed once from the samples, then kept by the store). */
  allLaps(): LapRecord[];
  /** A channel's value for a car at `time`, interpolated in the batch holding it; NaN when there is none. */
  valueAt(car: string, channel: string, time: number): number;
  close(): void;
}

export interface StoredSessionInfo {
  id: string;
  session: SessionFile;
  /** Where it is, for messages: a directory, or a database. */
  where: string;
}

/** A batch to store, with its seq. */
export interface SeqBatch {
  seq: number;
  batch: SampleBatch;
}

/** Appends a live session as it is recorded. Each append is durable as a whole or not at all. */
export interface SessionWriter {
  /** The last seq stored (−1 before the first). */
  readonly lastSeq: number;
  readonly where: string;
  /** Notes for the log made when opening (a torn tail cut off, a partial block dropped). */
  readonly notes: string[];
  /** Batches after `lastSeq` in seq order, and the events of their time. */
  append(batches: readonly SeqBatch[], events: readonly RaceEvent[]): Promise<void>;
  /** Stores what is held back (a partial block), and closes. */
  close(): Promise<void>;
}

/** What an import knows of its session from its first batch on. */
export interface ImportLayout {
  startTime: number;
  batchMs: number;
  channels: ChannelInfo[];
}

/** Writes an imported session: nothing is visible until `commit`, and `abort` (or a crash) leaves nothing. */
export interface ImportWriter {
  /**
   * Batches in seq order; the cars are numbered in the order they first appear. The writer owns the batches once
   * given: the caller must not change them.
   */
  append(batches: readonly SeqBatch[], layout: ImportLayout): Promise<void>;
  commit(session: SessionFile): Promise<void>;
  abort(): Promise<void>;
}

export interface SessionStore {
  readonly kind: 'file' | 'postgres';
  /** For people: the data directory, or the database (without its password). */
  readonly description: string;
  /** Every readable session, oldest first, and the ones that could not be read, with the reason. */
  list(): Promise<{ sessions: StoredSessionInfo[]; problems: string[] }>;
  has(id: string): Promise<boolean>;
  /** Where session `id` is or would be, for messages: its directory, or the session in the database. */
  where(id: string): string;
  open(id: string): Promise<RecordedSession>;
  /** Starts or continues the recording of a live session described by `session`. */
  record(session: SessionFile, continuation: (existing: SessionFile) => void): Promise<SessionWriter>;
  /** `epoch` numbers the imported batches. */
  beginImport(id: string, epoch: string): Promise<ImportWriter>;
  /** Clears what an interrupted import or recording left behind; returns what was removed. */
  cleanUp(): Promise<string[]>;
  close(): Promise<void>;
}

/** Opens every stored session for serving, except `exclude` (the one being recorded live). */
export async function openAll(
  store: SessionStore,
  exclude?: string,
): Promise<{ sources: RecordedSession[]; problems: string[] }> {
  const { sessions, problems } = await store.list();
  const sources: RecordedSession[] = [];
  for (const stored of sessions) {
    if (stored.id === exclude) continue;
    try {
      sources.push(await store.open(stored.id));
    } catch (error) {
      problems.push(`${stored.where}: ${(error as Error).message}`);
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
export async function findContinuable(
  store: SessionStore,
  identity: SimulatorIdentity,
  now: number,
  maxAgeMs = 24 * 3600_000,
): Promise<StoredSessionInfo | undefined> {
  let best: StoredSessionInfo | undefined;
  for (const stored of (await store.list()).sessions) {
    const { source, summary } = stored.session;
    if (source.type !== 'simulator' || source.seed !== identity.seed || source.cars !== identity.cars) continue;
    if (summary.startTime > now || now - summary.startTime >= maxAgeMs) continue;
    if (!best || summary.startTime > best.session.summary.startTime) best = stored;
  }
  return best;
}
