/** The live window of an events query: the session's events over the dashboard's time-range width. */
import type { RaceEvent, TelemetryBatch } from '@eracing/telemetry-core/protocol';
import type { DataFrame, QueryResultMeta } from '@grafana/data';

import { eventFrame } from '../frames/event-frames';
import type { TelemetryLink } from '../link/telemetry-link';
import type { EventKind } from '../types';
import type { LiveWindow } from './live-window';

export interface EventWindowOptions {
  refId: string;
  cars?: string[];
  /** Undefined means every kind. */
  kinds?: EventKind[];
  windowMs: number;
}

export class EventWindow implements LiveWindow {
  private events: RaceEvent[] = [];
  private newestTime = -Infinity;
  readonly overlapRows = 0;

  constructor(
    private readonly link: TelemetryLink,
    private readonly options: EventWindowOptions,
  ) {}

  get newest(): number {
    return this.newestTime;
  }

  /** Live batches only move the clock: the subscription carries no channels. */
  ingest(batch: TelemetryBatch): void {
    const time = batch.time;
    for (const run of batch.cars) {
      if (run.length > 0) this.advance(time[run.start + run.length - 1]);
    }
  }

  ingestEvent(event: RaceEvent): void {
    const { kinds } = this.options;
    if (kinds && !kinds.includes(event.kind)) return;
    // History and live overlap at the seam: an event already held is not added twice.
    if (this.events.some((held) => held.time === event.time && held.kind === event.kind && held.text === event.text))
      return;
    const last = this.events[this.events.length - 1];
    this.events.push(event);
    if (last && event.time < last.time) this.events.sort((a, b) => a.time - b.time);
    this.advance(event.time);
  }

  async load(session: string, from: number, to: number): Promise<void> {
    if (!(to > from)) return;
    const { cars, kinds } = this.options;
    const answer = await this.link.request({
      type: 'events',
      session,
      from,
      to,
      ...(cars ? { cars } : {}),
      ...(kinds ? { kinds } : {}),
    });
    for (const event of answer.events) this.ingestEvent(event);
  }

  clear(): void {
    this.events = [];
    this.newestTime = -Infinity;
  }

  frames(meta: QueryResultMeta): DataFrame[] {
    return [eventFrame(this.events, this.options.refId, meta)];
  }

  private advance(time: number): void {
    if (!(time > this.newestTime)) return;
    this.newestTime = time;
    const cutoff = time - this.options.windowMs;
    let drop = 0;
    while (drop < this.events.length && this.events[drop].time < cutoff) drop++;
    if (drop > 0) this.events = this.events.slice(drop);
  }
}
