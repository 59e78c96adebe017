/**
 * Grafana Live for backend datasources, as Grafana's server runs it: each browser tab holds one WebSocket
 * (`/api/live/ws`); each subscription to a `ds/<uid>/<path>` channel calls the plugin's SubscribeStream (its initial
 * data goes to that subscriber); each channel has ONE RunStream whatever the number of tabs, relayed to every
 * subscriber, and stopped `stopDelayMs` after the last one leaves. RunStream errors are restarted by the plugin host
 * with Grafana's backoff (100 ms doubling to 5 s); a plugin host that goes away is retried the same way.
 *
 * The preview's wire format, one JSON object per WebSocket message (not Centrifuge's protocol, which the runtime
 * shim in src/boot/live-srv.ts speaks for plugins):
 *   tab → server   {"subscribe": "<channel>"} · {"unsubscribe": "<channel>"}
 *   server → tab   {"channel", "subscribed": true, "data"?: <initial frame JSON>} · {"channel", "error": "…"}
 *                  · {"channel", "data": <frame JSON>}
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import type { BackendPlugin, PluginDataSource, StreamLine } from './backend';

/** Grafana Live's limits: a channel is at most 160 characters and its path allows only these. */
const MAX_CHANNEL = 160;
const PATH = /^[A-Za-z0-9_\-/=.]+$/;
/** A tab that cannot keep up is dropped (it reconnects), as Centrifuge drops slow clients, rather than buffered. */
const MAX_BUFFERED = 16 << 20;

export interface LiveTarget {
  backend: BackendPlugin;
  datasource: PluginDataSource;
}

export interface LiveOptions {
  /** The backend and settings of a datasource uid, or why there is none. */
  resolve(uid: string): LiveTarget | string;
  /** Grafana stops a channel's RunStream about 15 s after the last subscriber; the preview's default is shorter. */
  stopDelayMs?: number;
  log?: (line: string) => void;
}

interface Channel {
  id: string;
  uid: string;
  path: string;
  subscribers: Set<WebSocket>;
  stopStream?: () => void;
  stopTimer?: ReturnType<typeof setTimeout>;
  retryTimer?: ReturnType<typeof setTimeout>;
  retryMs: number;
  /** RunStream calls made for this channel (each start, and each restart after an error). */
  runs: number;
  packets: number;
}

/** What `GET /api/live/stats` reports, for tests and the bench. */
export interface LiveStats {
  connections: number;
  channels: Array<{ channel: string; subscribers: number; running: boolean; runs: number; packets: number }>;
}

export function parseChannel(id: string): { uid: string; path: string } | string {
  if (typeof id !== 'string' || id.length > MAX_CHANNEL) return `a channel is at most ${MAX_CHANNEL} characters`;
  const [scope, uid, ...rest] = id.split('/');
  if (scope !== 'ds') return `the preview's Live serves datasource channels (ds/<uid>/<path>) only, not ${scope}/`;
  const path = rest.join('/');
  if (!uid || !path || !PATH.test(path)) return `"${id}" is not ds/<uid>/<path> with a path of [A-Za-z0-9_-/=.]`;
  return { uid, path };
}

export class LiveHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 << 10 });
  private readonly channels = new Map<string, Channel>();
  private readonly stopDelayMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: LiveOptions) {
    this.stopDelayMs = options.stopDelayMs ?? 3000;
    this.log = options.log ?? ((line) => console.log(line));
    this.wss.on('connection', (ws) => this.accept(ws));
  }

  /** Takes the upgrade of `/api/live/ws`; true when it did. */
  upgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (new URL(request.url ?? '/', 'http://preview').pathname !== '/api/live/ws') return false;
    this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
    return true;
  }

  stats(): LiveStats {
    return {
      connections: this.wss.clients.size,
      channels: [...this.channels.values()].map((c) => ({
        channel: c.id,
        subscribers: c.subscribers.size,
        running: Boolean(c.stopStream),
        runs: c.runs,
        packets: c.packets,
      })),
    };
  }

  close(): void {
    for (const channel of this.channels.values()) this.stop(channel);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    const mine = new Set<string>();
    ws.on('message', (raw: RawData) => {
      let message: { subscribe?: unknown; unsubscribe?: unknown };
      try {
        message = JSON.parse(raw.toString()) as typeof message;
      } catch {
        return ws.close(1007, 'messages are JSON');
      }
      if (typeof message.subscribe === 'string') {
        mine.add(message.subscribe);
        void this.subscribe(ws, message.subscribe);
      } else if (typeof message.unsubscribe === 'string') {
        mine.delete(message.unsubscribe);
        this.leave(ws, message.unsubscribe);
      }
    });
    ws.on('close', () => mine.forEach((id) => this.leave(ws, id)));
  }

  private send(ws: WebSocket, message: string): void {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED) return ws.terminate();
    ws.send(message);
  }

  /** SubscribeStream for this subscriber; when admitted, it joins the channel's one RunStream. */
  private async subscribe(ws: WebSocket, id: string): Promise<void> {
    const refuse = (error: string) => this.send(ws, JSON.stringify({ channel: id, error }));
    const parsed = parseChannel(id);
    if (typeof parsed === 'string') return refuse(parsed);
    const target = this.options.resolve(parsed.uid);
    if (typeof target === 'string') return refuse(target);
    let answer: { status: number; body: unknown };
    try {
      answer = await target.backend.call('/subscribe', { datasource: target.datasource, path: parsed.path });
    } catch (error) {
      return refuse((error as Error).message);
    }
    const body = answer.body as { status?: string; data?: unknown; message?: string };
    if (answer.status !== 200) return refuse(body.message ?? `SubscribeStream failed (${answer.status})`);
    if (body.status !== 'OK') return refuse(`subscription refused by the plugin: ${body.status}`);
    if (ws.readyState !== ws.OPEN) return;
    let channel = this.channels.get(id);
    if (!channel) {
      channel = { id, ...parsed, subscribers: new Set(), retryMs: 100, runs: 0, packets: 0 };
      this.channels.set(id, channel);
    }
    channel.subscribers.add(ws);
    clearTimeout(channel.stopTimer);
    channel.stopTimer = undefined;
    this.send(ws, JSON.stringify({ channel: id, subscribed: true, data: body.data ?? undefined }));
    if (!channel.stopStream && !channel.retryTimer) this.run(channel, target);
  }

  private run(channel: Channel, target: LiveTarget): void {
    channel.runs++;
    const onLine = (line: StreamLine) => {
      if (line.data !== undefined) {
        channel.packets++;
        channel.retryMs = 100;
        const message = JSON.stringify({ channel: channel.id, data: line.data });
        for (const ws of channel.subscribers) this.send(ws, message);
      } else if (line.error) {
        channel.runs++; // the plugin host restarts RunStream with backoff
        this.log(`⚠ RunStream ${channel.id}: ${line.error} (restarting with backoff)`);
      } else if (line.done) {
        this.log(`ⓘ RunStream ${channel.id} ended for good`);
      }
    };
    const onEnd = (error?: Error) => {
      channel.stopStream = undefined;
      if (!error || channel.subscribers.size === 0) return;
      this.log(`⚠ RunStream ${channel.id}: ${error.message} (retrying in ${channel.retryMs} ms)`);
      channel.retryTimer = setTimeout(() => {
        channel.retryTimer = undefined;
        const current = this.options.resolve(channel.uid);
        if (channel.subscribers.size > 0 && typeof current !== 'string') this.run(channel, current);
      }, channel.retryMs);
      channel.retryMs = Math.min(channel.retryMs * 2, 5000);
    };
    channel.stopStream = target.backend.stream({ datasource: target.datasource, path: channel.path }, onLine, onEnd);
  }

  private leave(ws: WebSocket, id: string): void {
    const channel = this.channels.get(id);
    if (!channel || !channel.subscribers.delete(ws) || channel.subscribers.size > 0) return;
    clearTimeout(channel.stopTimer);
    channel.stopTimer = setTimeout(() => this.stop(channel), this.stopDelayMs);
  }

  private stop(channel: Channel): void {
    clearTimeout(channel.stopTimer);
    clearTimeout(channel.retryTimer);
    channel.stopStream?.();
    channel.stopStream = undefined;
    this.channels.delete(channel.id);
  }
}
