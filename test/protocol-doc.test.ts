/**
 * docs/protocol.md is the contract a third party writes a client from, so every JSON example in it is
 * checked against the implementation: client examples through the server's validator, server examples
 * through the client's.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  decodeBinaryBatch,
  decodeClientMessage,
  decodeServerMessage,
  encodeBinaryBatch,
  type BinaryLayout,
  type BinaryMeta,
} from '@eracing/telemetry-core/codec';
import { DEFAULT_LIMITS, ERROR_CODES, type TelemetryBatch } from '@eracing/telemetry-core/protocol';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../packages/reference-server/src';
import { createSimulatorSource } from '../packages/reference-server/src/simulator';
import { FixtureSource } from '../packages/reference-server/test/fixtures/fixture-source';

export interface DocExample {
  kind: 'client' | 'server' | 'binary-meta' | 'binary-layout';
  line: number;
  value: Record<string, unknown>;
  text: string;
}

export function protocolExamples(): DocExample[] {
  const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'protocol.md'), 'utf8');
  const examples: DocExample[] = [];
  const fence = /^```json (client|server|binary-meta|binary-layout)\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(doc); match; match = fence.exec(doc)) {
    const line = doc.slice(0, match.index).split('\n').length;
    examples.push({ kind: match[1] as DocExample['kind'], line, value: JSON.parse(match[2]), text: match[2] });
  }
  return examples;
}

const examples = protocolExamples();

it('finds the examples', () => {
  expect(examples.filter((e) => e.kind === 'client').length).toBeGreaterThanOrEqual(8);
  expect(examples.filter((e) => e.kind === 'server').length).toBeGreaterThanOrEqual(10);
});

it.each(examples.filter((e) => e.kind === 'client').map((e) => [e.line, e]))(
  'client example at docs/protocol.md:%i is a valid client message',
  (_line, example) => {
    expect(() => decodeClientMessage(example.text, DEFAULT_LIMITS.maxMessageBytes)).not.toThrow();
  },
);

it.each(examples.filter((e) => e.kind === 'server').map((e) => [e.line, e]))(
  'server example at docs/protocol.md:%i is a valid server message',
  (_line, example) => {
    expect(() => decodeServerMessage(example.text)).not.toThrow();
  },
);

it('the binary meta and layout examples are what the encoder writes for that batch', () => {
  const meta = examples.find((e) => e.kind === 'binary-meta')!.value as unknown as BinaryMeta;
  const layout = examples.find((e) => e.kind === 'binary-layout')!.value as unknown as BinaryLayout;
  const channels = Object.fromEntries(
    layout.columns.map((c) => [c.name, c.type === 'f64' ? new Float64Array(meta.rows) : new Float32Array(meta.rows)]),
  );
  const batch: TelemetryBatch = { ...meta, time: new Float64Array(meta.rows), cars: layout.cars, channels };
  const bytes = encodeBinaryBatch(batch);
  const view = new DataView(bytes.buffer);
  const metaLength = view.getUint32(8, true);
  const layoutLength = view.getUint32(12, true);
  const text = (from: number, length: number) => new TextDecoder().decode(bytes.subarray(from, from + length));
  expect(JSON.parse(text(16, metaLength))).toEqual(meta);
  expect(JSON.parse(text(16 + metaLength, layoutLength))).toEqual(layout);
  expect(decodeBinaryBatch(bytes).seq).toBe(meta.seq);
});

it('documents every error code', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'protocol.md'), 'utf8');
  for (const code of Object.keys(ERROR_CODES)) expect(doc).toContain(`\`${code}\``);
});

/**
 * Each example against the real server: the client examples are sent (with the cars, times and resume point of the
 * server's sessions) and must be answered without an error; each server example is compared with what the server
 * really sends for it, field by field: the same fields with the same JSON types, and for `details` and every
 * message's top level, no field the doc leaves out.
 */
describe('the examples against a running reference server', () => {
  type Json = Record<string, unknown>;
  const TOKEN = 'pit-wall-secret';
  let server: RunningServer;
  let live: ReturnType<typeof createSimulatorSource>;
  let startTime: number;

  /** A socket that keeps every text message as parsed JSON (binary frames are counted, not kept). */
  class Raw {
    readonly messages: Json[] = [];
    private wake = () => {};
    private constructor(readonly ws: WebSocket) {
      ws.on('message', (data, binary) => {
        if (!binary) this.messages.push(JSON.parse(String(data)));
        this.wake();
      });
    }
    static async open(hello: Json | null = { type: 'hello', protocol: 1, token: TOKEN }): Promise<Raw> {
      const ws = new WebSocket(server.url);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const raw = new Raw(ws);
      if (hello) {
        raw.send(hello);
        await raw.next((m) => m.type === 'hello');
      }
      return raw;
    }
    send(message: Json): void {
      this.ws.send(JSON.stringify(message));
    }
    async next(match: (m: Json) => boolean, from = 0): Promise<Json> {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const found = this.messages.slice(from).find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no answer; last: ${JSON.stringify(this.messages.slice(-2))}`);
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    }
    async request(message: Json, match?: (m: Json) => boolean): Promise<Json> {
      const from = this.messages.length;
      this.send(message);
      return this.next(match ?? ((m) => m.id === message.id && m.type !== 'data'), from);
    }
    close(): void {
      this.ws.close();
    }
  }

  beforeAll(async () => {
    const now = Date.now();
    startTime = Math.floor((now - 8 * 60_000) / 1000) * 1000;
    live = createSimulatorSource({ seed: 1, cars: 3, startTime, now, id: 'sim-doc' });
    const recorded = new FixtureSource({ id: 'import-doc', durationMs: 60_000, startTime: startTime - 3_600_000 });
    server = await startServer({ sessions: [live, recorded], token: TOKEN, resumeWindowMs: 5 * 60_000 });
  });
  afterAll(() => server?.close());

  const newestSeq = () => live.lastSeq(Date.now());

  /** A client example with the server's cars, times and resume point in place of the doc's. */
  function adapt(example: Json): Json {
    const message = structuredClone(example);
    const cars = live.cars.map((car) => car.id);
    if (Array.isArray(message.cars))
      message.cars = (message.cars as string[]).map((car, k) => (cars.includes(car) ? car : cars[k]));
    if (typeof message.from === 'number') message.from = startTime;
    if (typeof message.to === 'number') message.to = startTime + 5 * 60_000;
    if (message.resume) message.resume = { epoch: live.epoch, seq: newestSeq() - 20 };
    return message;
  }

  const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

  /** Where the server's message differs from the doc's, as readable lines. */
  function differences(doc: unknown, real: unknown, where: string, strict: boolean, out: string[]): void {
    if (doc === null && real !== undefined) return; // a missing value
    if (kind(doc) !== kind(real)) {
      out.push(`${where}: ${kind(doc)} in the doc, ${kind(real)} from the server`);
      return;
    }
    if (/\.(type|code|kind)$/.test(where) && doc !== real)
      out.push(`${where}: ${doc} in the doc, ${real} from the server`);
    if (Array.isArray(doc)) {
      const elements = real as unknown[];
      if (doc.length === 0 || elements.length === 0) return;
      if (kind(doc[0]) !== 'object') {
        differences(doc[0], elements[0], `${where}[0]`, false, out);
        return;
      }
      let checked = 0;
      doc.forEach((element, k) => {
        const want = (element as Json).kind;
        const candidates = elements.filter((e) => want === undefined || (e as Json).kind === want);
        if (candidates.length === 0) return;
        checked++;
        const tries = candidates.map((candidate) => {
          const found: string[] = [];
          differences(element, candidate, `${where}[${k}]`, false, found);
          return found;
        });
        if (!tries.some((found) => found.length === 0)) out.push(...tries[0]);
      });
      if (checked === 0) out.push(`${where}: none of the doc's elements is like one from the server`);
      return;
    }
    if (kind(doc) !== 'object') return;
    const d = doc as Json;
    const r = real as Json;
    for (const key of Object.keys(d)) {
      if (!(key in r)) out.push(`${where}.${key}: in the doc, not from the server`);
      else differences(d[key], r[key], `${where}.${key}`, key === 'details', out);
    }
    if (strict)
      for (const key of Object.keys(r)) if (!(key in d)) out.push(`${where}.${key}: from the server, not in the doc`);
  }

  /** How to make the server send each kind of server example. */
  const provoke: Record<string, (answers: Map<string, Json>) => Promise<Json>> = {
    hello: async (answers) => answers.get('hello')!,
    catalog: async (answers) => answers.get('catalog')!,
    subscribed: async (answers) => answers.get('subscribe')!,
    unsubscribed: async (answers) => answers.get('unsubscribe')!,
    complete: async (answers) => answers.get('query')!,
    laps: async (answers) => answers.get('laps')!,
    events: async (answers) => answers.get('events')!,
    pong: async (answers) => answers.get('ping')!,
    event: async () => {
      const raw = await Raw.open();
      const resume = { epoch: live.epoch, seq: newestSeq() - 1500 };
      raw.send({ type: 'subscribe', id: 'ev', subscription: 'map', events: true, resume });
      const event = await raw.next((m) => m.type === 'event' && (m.event as Json).kind === 'lap');
      raw.close();
      return event;
    },
    data: async () => {
      const raw = await Raw.open();
      const cars = live.cars.slice(0, 2).map((car) => car.id);
      const answer = await raw.request(
        { type: 'subscribe', id: 'd', subscription: 'map', cars, channels: ['speed', 'lap_distance'] },
        (m) => m.type === 'data',
      );
      raw.close();
      return answer;
    },
    'error:protocol_mismatch': async () => {
      const raw = await Raw.open(null);
      const answer = await raw.request({ type: 'hello', protocol: 2, token: TOKEN }, (m) => m.type === 'error');
      raw.close();
      return answer;
    },
    'error:hello_required': async () => {
      const raw = await Raw.open(null);
      const answer = await raw.request({ type: 'ping', id: 'p' }, (m) => m.type === 'error');
      raw.close();
      return answer;
    },
    'error:unknown_channel': async () => {
      const raw = await Raw.open();
      const answer = await raw.request({ type: 'subscribe', id: 'r3', subscription: 'bad', channels: ['sped'] });
      raw.close();
      return answer;
    },
    'error:unknown_session': async () => {
      const raw = await Raw.open();
      const answer = await raw.request({ type: 'query', id: 'q9', session: 'fp3', maxPoints: 10 });
      raw.close();
      return answer;
    },
    'error:resume_gap': async () => {
      const raw = await Raw.open();
      const resume = { epoch: live.epoch, seq: 5 };
      const answer = await raw.request(
        { type: 'subscribe', id: 'g', subscription: 'map', resume },
        (m) => m.type === 'error',
      );
      raw.close();
      return answer;
    },
    'error:resume_ahead': async () => {
      const raw = await Raw.open();
      const resume = { epoch: live.epoch, seq: newestSeq() + 100 };
      const answer = await raw.request({ type: 'subscribe', id: 'a', subscription: 'map', resume });
      raw.close();
      return answer;
    },
  };

  it('answers every client example without an error, and sends what every server example shows', async () => {
    const raw = await Raw.open(null);
    const answers = new Map<string, Json>();
    const problems: string[] = [];
    for (const example of examples) {
      if (example.kind === 'client') {
        const message = adapt(example.value);
        const answer = await raw.request(message, (m) =>
          message.type === 'hello'
            ? m.type === 'hello' || m.type === 'error'
            : m.id === message.id && m.type !== 'data',
        );
        if (answer.type === 'error') problems.push(`docs/protocol.md:${example.line}: ${JSON.stringify(answer)}`);
        answers.set(message.type as string, answer);
      } else if (example.kind === 'server') {
        const { type, code } = example.value as { type: string; code?: string };
        const key = code ? `${type}:${code}` : type;
        if (!provoke[key]) {
          problems.push(`docs/protocol.md:${example.line}: no way to check a ${key} example against the server`);
          continue;
        }
        const real = await provoke[key](answers);
        const found: string[] = [];
        differences(example.value, real, key, true, found);
        problems.push(...found.map((line) => `docs/protocol.md:${example.line}: ${line}`));
      }
    }
    raw.close();
    expect(problems).toEqual([]);
  });
});
