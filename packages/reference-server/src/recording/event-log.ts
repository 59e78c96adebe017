/** `events.jsonl`: the events a source reported while it was recorded, one JSON object a line, in time order. */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { RaceEvent } from '@eracing/telemetry-core/protocol';
import { writeAll } from './files';
import { EVENTS_FILE } from './layout';

/** The events of a session directory; a torn last line is skipped. */
export function readEvents(dir: string): RaceEvent[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, EVENTS_FILE), 'utf8');
  } catch {
    return [];
  }
  const events: RaceEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const event = JSON.parse(line) as RaceEvent;
      if (Number.isFinite(event?.time) && typeof event.kind === 'string') events.push(event);
    } catch {
      // Only the last line can be torn; anything unreadable is not an event.
    }
  }
  return events;
}

export class EventLog {
  private constructor(
    private readonly handle: FileHandle,
    private size: number,
  ) {}

  /** Opens the log keeping only whole lines of events before `until` (the end of the recorded batches). */
  static async openForAppend(dir: string, until: number): Promise<EventLog> {
    const file = path.join(dir, EVENTS_FILE);
    const kept = readEvents(dir).filter((e) => e.time < until);
    const text = kept.map((e) => JSON.stringify(e) + '\n').join('');
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current !== text) {
      await fs.promises.writeFile(`${file}.tmp`, text);
      await fs.promises.rename(`${file}.tmp`, file);
    }
    const handle = await fs.promises.open(file, 'r+');
    return new EventLog(handle, Buffer.byteLength(text));
  }

  async append(events: readonly RaceEvent[]): Promise<void> {
    if (!events.length) return;
    const bytes = Buffer.from(events.map((e) => JSON.stringify(e) + '\n').join(''));
    try {
      await writeAll(this.handle, bytes, this.size);
      this.size += bytes.length;
    } catch (error) {
      await this.handle.truncate(this.size).catch(() => undefined);
      throw error;
    }
  }

  async sync(): Promise<void> {
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
