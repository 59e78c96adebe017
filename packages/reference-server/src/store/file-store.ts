/** The default store: one directory per session in `<dataDir>/sessions` (see recording/layout.ts for the files). */
import fs from 'node:fs';
import path from 'node:path';
import { encodeBinaryBatch } from '@eracing/telemetry-core/codec';
import { type RaceEvent, type SampleBatch } from '@eracing/telemetry-core/protocol';
import { AppendableBatchLog } from '../recording/batch-log';
import { EventLog } from '../recording/event-log';
import { listSessions } from '../recording/library';
import { sessionDir, sessionsDir, SESSION_FILE, TEMP_PREFIX } from '../recording/layout';
import { RecordedSessionSource } from '../recording/recorded-source';
import { readSessionFile, writeSessionFile, type SessionFile } from '../recording/session-file';
import type { ImportWriter, SeqBatch, SessionStore, SessionWriter, StoredSessionInfo } from './store';

function encode(session: SessionFile, seq: number, batch: SampleBatch): Uint8Array {
  return encodeBinaryBatch({
    session: session.summary.id,
    epoch: session.epoch,
    seq,
    time: batch.time,
    cars: batch.cars,
    channels: batch.channels,
  });
}

class FileSessionWriter implements SessionWriter {
  readonly notes: string[] = [];

  constructor(
    readonly where: string,
    private readonly session: SessionFile,
    private readonly batches: AppendableBatchLog,
    private readonly events: EventLog,
  ) {}

  get lastSeq(): number {
    return this.batches.lastSeq;
  }

  async append(batches: readonly SeqBatch[], events: readonly RaceEvent[]): Promise<void> {
    await this.batches.append(batches.map(({ seq, batch }) => ({ seq, bytes: encode(this.session, seq, batch) })));
    await this.events.append(events);
    await this.batches.sync();
    await this.events.sync();
  }

  async close(): Promise<void> {
    await this.batches.closeAsync();
    await this.events.close();
  }
}

/** Whether process `pid` still runs (an import in progress owns its temporary directory). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class FileSessionStore implements SessionStore {
  readonly kind = 'file';

  constructor(readonly dataDir: string) {}

  get description(): string {
    return this.dataDir;
  }

  async list(): Promise<{ sessions: StoredSessionInfo[]; problems: string[] }> {
    const { sessions, problems } = listSessions(this.dataDir);
    return { sessions: sessions.map((s) => ({ id: s.id, session: s.session, where: s.dir })), problems };
  }

  async has(id: string): Promise<boolean> {
    return fs.existsSync(sessionDir(this.dataDir, id));
  }

  where(id: string): string {
    return sessionDir(this.dataDir, id);
  }

  async open(id: string): Promise<RecordedSessionSource> {
    return RecordedSessionSource.open(sessionDir(this.dataDir, id));
  }

  async record(session: SessionFile, continuation: (existing: SessionFile) => void): Promise<SessionWriter> {
    const dir = sessionDir(this.dataDir, session.summary.id);
    await fs.promises.mkdir(dir, { recursive: true });
    if (fs.existsSync(path.join(dir, SESSION_FILE))) continuation(readSessionFile(dir));
    else writeSessionFile(dir, session);
    const batches = await AppendableBatchLog.openForAppend(dir);
    const until = session.summary.startTime + (batches.lastSeq + 1) * session.batchMs;
    const events = await EventLog.openForAppend(dir, until);
    const writer = new FileSessionWriter(dir, session, batches, events);
    if (batches.repaired) {
      const { from, to, savedTo } = batches.repaired;
      writer.notes.push(
        `cut off a torn record at the end of ${batches.dataFile} (bytes ${from}–${to}, kept in ${savedTo})`,
      );
    }
    return writer;
  }

  async beginImport(id: string, epoch: string): Promise<ImportWriter> {
    const finalDir = sessionDir(this.dataDir, id);
    if (fs.existsSync(finalDir)) throw new Error(`session ${id} already exists in ${finalDir}; choose another --id`);
    fs.mkdirSync(sessionsDir(this.dataDir), { recursive: true });
    await this.cleanUp();
    const tempDir = path.join(sessionsDir(this.dataDir), `${TEMP_PREFIX}${id}-${process.pid}`);
    fs.rmSync(tempDir, { recursive: true, force: true });
    const batches = await AppendableBatchLog.openForAppend(tempDir);
    const header = { summary: { id }, epoch } as SessionFile;
    const remove = () => fs.rmSync(tempDir, { recursive: true, force: true });
    return {
      append: async (list, _layout) => {
        await batches.append(list.map(({ seq, batch }) => ({ seq, bytes: encode(header, seq, batch) })));
      },
      commit: async (final) => {
        await batches.closeAsync();
        writeSessionFile(tempDir, final);
        try {
          fs.renameSync(tempDir, finalDir);
        } catch (error) {
          remove();
          throw error;
        }
      },
      abort: async () => {
        await batches.closeAsync().catch(() => undefined);
        remove();
      },
    };
  }

  /** Temporary directories of imports whose process is gone. */
  async cleanUp(): Promise<string[]> {
    const dir = sessionsDir(this.dataDir);
    if (!fs.existsSync(dir)) return [];
    const removed: string[] = [];
    for (const name of fs.readdirSync(dir)) {
      const pid = Number(/-(\d+)$/.exec(name)?.[1]);
      if (!name.startsWith(TEMP_PREFIX) || (pid && isRunning(pid))) continue;
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      removed.push(path.join(dir, name));
    }
    return removed;
  }

  async close(): Promise<void> {}
}
