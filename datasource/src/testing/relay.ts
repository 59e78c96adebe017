/**
 * A WebSocket relay between the datasource and a real server, for tests: it counts the connections it holds and
 * the subscribes and unsubscribes that pass through it, and can slip a malformed message into the server's stream.
 */
import type { AddressInfo } from 'node:net';

import { WebSocket as NodeWebSocket, WebSocketServer, type RawData } from 'ws';

export interface Relay {
  url: string;
  /** Client connections open right now. */
  readonly connections: number;
  /** Client connections accepted so far. */
  readonly accepted: number;
  readonly subscribes: number;
  readonly unsubscribes: number;
  /** Sends `text` to every client right after the server's next binary (data) message. */
  injectAfterNextBatch(text: string): void;
  close(): Promise<void>;
}

export async function startRelay(target: string): Promise<Relay> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  let connections = 0;
  let accepted = 0;
  let subscribes = 0;
  let unsubscribes = 0;
  let injection: string | undefined;

  wss.on('connection', (client) => {
    connections++;
    accepted++;
    const upstream = new NodeWebSocket(target);
    const early: RawData[] = [];
    client.on('message', (data, isBinary) => {
      const text = data.toString();
      if (!isBinary && text.includes('"type":"subscribe"')) subscribes++;
      if (!isBinary && text.includes('"type":"unsubscribe"')) unsubscribes++;
      if (upstream.readyState === NodeWebSocket.OPEN) upstream.send(text);
      else early.push(data);
    });
    upstream.on('open', () => early.splice(0).forEach((data) => upstream.send(data.toString())));
    upstream.on('message', (data, isBinary) => {
      if (client.readyState !== NodeWebSocket.OPEN) return;
      client.send(data, { binary: isBinary });
      if (isBinary && injection !== undefined) {
        client.send(injection);
        injection = undefined;
      }
    });
    const end = () => {
      if (client.readyState <= NodeWebSocket.OPEN) client.close();
      if (upstream.readyState <= NodeWebSocket.OPEN) upstream.close();
    };
    client.on('close', () => {
      connections--;
      end();
    });
    upstream.on('close', end);
    client.on('error', () => {});
    upstream.on('error', () => {});
  });

  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    get accepted() {
      return accepted;
    },
    get subscribes() {
      return subscribes;
    },
    get unsubscribes() {
      return unsubscribes;
    },
    injectAfterNextBatch(text: string) {
      injection = text;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
