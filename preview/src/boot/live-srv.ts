/**
 * getGrafanaLiveSrv() for plugins: what DataSourceWithBackend uses when a query's frame carries `meta.channel`.
 * One WebSocket per tab to the preview server (`/api/live/ws`), one server subscription per channel however many
 * panels use it, resubscribed after a reconnect (backoff 0.5 s doubling to 5 s, as Centrifuge's client retries).
 * getDataStream keeps, per stream, a `StreamingDataFrame` made from the query's frame with the request's buffer
 * options (maxLength, maxDelta), and pushes every packet into it, as Grafana's live service does: a packet whose
 * fields do not match throws "push message mismatch" here as it does in Grafana.
 */
import {
  dataFrameToJSON,
  LiveChannelConnectionState,
  LiveChannelEventType,
  LoadingState,
  StreamingDataFrame,
  toLiveChannelId,
  type DataFrame,
  type DataFrameJSON,
  type DataQueryResponse,
  type LiveChannelAddress,
  type LiveChannelEvent,
} from '@grafana/data';
import type { GrafanaLiveSrv, LiveDataStreamOptions } from '@grafana/runtime';
import { BehaviorSubject, Observable, Subject } from 'rxjs';

type ServerMessage = { channel: string; subscribed?: boolean; data?: DataFrameJSON; error?: string };

interface ChannelState {
  events: Subject<LiveChannelEvent<DataFrameJSON>>;
  users: number;
}

let streamCounter = 0;

export class PreviewLiveSrv implements GrafanaLiveSrv {
  private socket?: WebSocket;
  private readonly connected = new BehaviorSubject(false);
  private readonly channels = new Map<string, ChannelState>();
  private retryMs = 500;
  private retryTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly url: string) {}

  private connect(): void {
    if (this.socket || this.retryTimer) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 500;
      this.connected.next(true);
      for (const channel of this.channels.keys()) socket.send(JSON.stringify({ subscribe: channel }));
    };
    socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as ServerMessage);
    socket.onclose = () => {
      this.socket = undefined;
      this.connected.next(false);
      for (const [id, state] of this.channels) {
        state.events.next(this.status(id, LiveChannelConnectionState.Disconnected));
      }
      if (this.channels.size === 0) return;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.connect();
      }, this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
  }

  private status(id: string, state: LiveChannelConnectionState, extra: object = {}): LiveChannelEvent<DataFrameJSON> {
    return { type: LiveChannelEventType.Status, id, timestamp: Date.now(), state, ...extra };
  }

  private receive(message: ServerMessage): void {
    const state = this.channels.get(message.channel);
    if (!state) return;
    if (message.error) {
      const event = this.status(message.channel, LiveChannelConnectionState.Invalid, { error: message.error });
      state.events.next(event);
    } else if (message.subscribed) {
      state.events.next(this.status(message.channel, LiveChannelConnectionState.Connected, { message: message.data }));
    } else if (message.data) {
      state.events.next({ type: LiveChannelEventType.Message, message: message.data });
    }
  }

  private send(message: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  getConnectionState(): Observable<boolean> {
    return this.connected.asObservable();
  }

  getStream<T>(address: LiveChannelAddress): Observable<LiveChannelEvent<T>> {
    const id = toLiveChannelId(address);
    return new Observable<LiveChannelEvent<T>>((subscriber) => {
      let state = this.channels.get(id);
      if (!state) {
        state = { events: new Subject(), users: 0 };
        this.channels.set(id, state);
        this.send({ subscribe: id });
      }
      state.users++;
      this.connect();
      const sub = state.events.subscribe((event) => subscriber.next(event as LiveChannelEvent<T>));
      return () => {
        sub.unsubscribe();
        if (--state.users === 0) {
          this.channels.delete(id);
          this.send({ unsubscribe: id });
        }
      };
    });
  }

  getDataStream(options: LiveDataStreamOptions): Observable<DataQueryResponse> {
    return new Observable<DataQueryResponse>((subscriber) => {
      const key = options.key ?? `xstr/${streamCounter++}`;
      let data: StreamingDataFrame | undefined;
      let state = LoadingState.Streaming;
      const emit = (extra: Partial<DataQueryResponse> = {}) =>
        data && subscriber.next({ state, data: [data], key, ...extra });
      const process = (message: DataFrameJSON) => {
        if (!data) data = StreamingDataFrame.fromDataFrameJSON(message, options.buffer);
        else data.push(message);
        state = LoadingState.Streaming;
        emit();
      };
      // DataSourceWithBackend hands the query's frame as JSON (Grafana 12+); older callers gave the DataFrame.
      const initial = options.frame as DataFrameJSON | DataFrame | undefined;
      if (initial) process('fields' in initial ? dataFrameToJSON(initial) : initial);
      const sub = this.getStream<DataFrameJSON>(options.addr).subscribe((event) => {
        try {
          if (event.type === LiveChannelEventType.Message) return process(event.message);
          if (event.type !== LiveChannelEventType.Status) return;
          if (event.error) {
            state = LoadingState.Error;
            emit({ error: { message: `Streaming channel error: ${String(event.error)}` } });
          } else if (event.state === LiveChannelConnectionState.Connected && event.message) {
            process(event.message);
          }
        } catch (error) {
          state = LoadingState.Error;
          emit({ error: { message: (error as Error).message } });
        }
      });
      return () => sub.unsubscribe();
    });
  }

  getPresence(): Promise<never> {
    return Promise.reject(new Error('Live presence is not available in the preview'));
  }

  publish(): Promise<never> {
    return Promise.reject(
      new Error('Publishing to Live is not available in the preview: plugin streams are read-only'),
    );
  }
}

/** The tab's live service, at the address it was served from. */
export function previewLiveSrv(): PreviewLiveSrv {
  const { protocol, host } = window.location;
  return new PreviewLiveSrv(`${protocol === 'https:' ? 'wss' : 'ws'}://${host}/api/live/ws`);
}
