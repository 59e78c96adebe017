import { ProtocolError } from '@eracing/telemetry-core/codec';
import { type SessionSummary } from '@eracing/telemetry-core/protocol';
import type { SessionSource } from '../source';
import { SessionFeed } from './feed';
import type { ServerConfig } from './options';

/** FNV-1a, 32-bit, as 8 hex digits: a stable short id for a set of session epochs. */
function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The sessions a server serves, and how a request names one. */
export class SessionRegistry {
  private readonly feeds = new Map<string, SessionFeed>();

  constructor(private readonly config: ServerConfig) {}

  add(source: SessionSource): SessionFeed {
    const id = source.summary.id;
    if (this.feeds.has(id)) throw new Error(`A session with id ${JSON.stringify(id)} is already served`);
    const feed = new SessionFeed(source, this.config);
    this.feeds.set(id, feed);
    return feed;
  }

  remove(id: string): boolean {
    const feed = this.feeds.get(id);
    if (!feed) return false;
    this.feeds.delete(id);
    feed.stop();
    return true;
  }

  get size(): number {
    return this.feeds.size;
  }

  summaries(): SessionSummary[] {
    return [...this.feeds.values()].map((feed) => feed.source.summary);
  }

  /** The newest live session, if any. */
  live(): SessionFeed | undefined {
    return this.newest((feed) => feed.source.summary.live);
  }

  /**
   * A session by id or alias: omitted or `live` is the live session (the newest when none is live),
   * `latest` the newest session.
   */
  resolve(name: string | undefined): SessionFeed {
    const feed =
      name === undefined || name === 'live'
        ? (this.live() ?? this.newest())
        : name === 'latest'
          ? this.newest()
          : this.feeds.get(name);
    if (!feed) {
      const known = [...this.feeds.keys()];
      const what = name === undefined ? 'No session is being served' : `No session ${JSON.stringify(name)}`;
      throw new ProtocolError('unknown_session', `${what}; known: ${known.join(', ') || 'none'}`, { known });
    }
    return feed;
  }

  /** The server's epoch: the live session's, else a stable hash of every session's epoch. */
  epoch(): string {
    const live = this.live();
    if (live) return live.epoch;
    const parts = [...this.feeds.values()].map((feed) => `${feed.id}:${feed.epoch}`).sort();
    return `s-${hash(parts.join('\n'))}`;
  }

  close(): void {
    for (const id of [...this.feeds.keys()]) this.remove(id);
  }

  private newest(filter: (feed: SessionFeed) => boolean = () => true): SessionFeed | undefined {
    let best: SessionFeed | undefined;
    for (const feed of this.feeds.values()) {
      if (filter(feed) && (!best || feed.source.summary.startTime >= best.source.summary.startTime)) best = feed;
    }
    return best;
  }
}
