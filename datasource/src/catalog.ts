/**
 * The server's catalog per session, asked for once and kept briefly: editors, variables and every query read the
 * cars, channels, laps and track from it.
 */
import type { CatalogResponse } from '@eracing/telemetry-core/protocol';

import type { TelemetryLink } from './link/telemetry-link';

export const CATALOG_TTL_MS = 10_000;

export type Catalog = CatalogResponse & { session: NonNullable<CatalogResponse['session']> };

export class CatalogCache {
  private readonly entries = new Map<string, { at: number; answer: Promise<Catalog> }>();

  constructor(private readonly link: TelemetryLink) {}

  /** The catalog naming `session` (an id, `live` or `latest`) in full. */
  get(session: string): Promise<Catalog> {
    const now = Date.now();
    const held = this.entries.get(session);
    if (held && now - held.at < CATALOG_TTL_MS) return held.answer;
    const answer = this.link.request({ type: 'catalog', session }).then((catalog) => {
      if (!catalog.session) throw new Error(`The server described no session for "${session}".`);
      return catalog as Catalog;
    });
    this.entries.set(session, { at: now, answer });
    answer.catch(() => {
      if (this.entries.get(session)?.answer === answer) this.entries.delete(session);
    });
    return answer;
  }
}
