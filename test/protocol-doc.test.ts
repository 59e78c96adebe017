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
  DEFAULT_LIMITS,
  encodeBinaryBatch,
  ERROR_CODES,
  type BinaryLayout,
  type BinaryMeta,
  type TelemetryBatch,
} from '@eracing/telemetry-core';

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
