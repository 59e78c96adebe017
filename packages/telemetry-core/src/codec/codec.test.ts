import { decodeBinaryBatch, encodeBinaryBatch } from './binary-batch';
import { decodeJsonBatch, encodeJsonBatch } from './json-batch';
import { decodeClientMessage, decodeServerMessage, encodeBatch } from './messages';
import { ProtocolError } from './protocol-error';
import type { TelemetryBatch } from '../protocol/batch';

function sampleBatch(): TelemetryBatch {
  return {
    session: 'live',
    epoch: 'e1',
    subscription: 's1',
    seq: 41,
    time: new Float64Array([1000, 1010, 1000, 1010, 1020]),
    cars: [
      { car: '7', start: 0, length: 2 },
      { car: '11', start: 2, length: 3 },
    ],
    channels: {
      speed: new Float32Array([100.5, 101.25, 99, NaN, 98.75]),
      lat: new Float64Array([52.123456789, 52.12345679, 52.1, 52.2, 52.3]),
    },
  };
}

function expectCode(fn: () => unknown, code: string, text?: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(code);
    if (text) expect((error as ProtocolError).message).toMatch(text);
    return;
  }
  throw new Error(`expected ProtocolError ${code}`);
}

describe('binary batch', () => {
  it('round-trips every value, NaN included, with float64 kept for latitude', () => {
    const batch = sampleBatch();
    const decoded = decodeBinaryBatch(encodeBinaryBatch(batch));
    expect(decoded.session).toBe('live');
    expect(decoded.seq).toBe(41);
    expect(decoded.subscription).toBe('s1');
    expect(decoded.cars).toEqual(batch.cars);
    expect(Array.from(decoded.time)).toEqual(Array.from(batch.time));
    expect(decoded.channels.speed).toBeInstanceOf(Float32Array);
    expect(Array.from(decoded.channels.speed)).toEqual(Array.from(batch.channels.speed));
    expect(decoded.channels.lat).toBeInstanceOf(Float64Array);
    expect(decoded.channels.lat[0]).toBe(52.123456789);
  });

  it('aligns every column to 8 bytes', () => {
    const bytes = encodeBinaryBatch(sampleBatch());
    const view = new DataView(bytes.buffer);
    expect((16 + view.getUint32(8, true) + view.getUint32(12, true)) % 8).toBe(0);
    expect(bytes.length % 8).toBe(0);
  });

  it('decodes from an unaligned Node buffer slice', () => {
    const bytes = encodeBinaryBatch(sampleBatch());
    const host = new Uint8Array(bytes.length + 3);
    host.set(bytes, 3);
    const decoded = decodeBinaryBatch(host.subarray(3));
    expect(decoded.channels.lat[4]).toBe(52.3);
    const nodeBuffer = Buffer.from(host.buffer, 3, bytes.length);
    expect(decodeBinaryBatch(nodeBuffer).channels.lat[4]).toBe(52.3);
  });

  it('rejects truncated, padded and foreign messages with precise errors', () => {
    const bytes = encodeBinaryBatch(sampleBatch());
    expectCode(() => decodeBinaryBatch(bytes.subarray(0, bytes.length - 8)), 'bad_message', /ends inside column lat/);
    // The body: time (40 bytes), speed (20, padded to 24), lat (40).
    expectCode(() => decodeBinaryBatch(bytes.subarray(0, bytes.length - 48)), 'bad_message', /inside column speed/);
    expectCode(() => decodeBinaryBatch(bytes.subarray(0, bytes.length - 88)), 'bad_message', /inside column time/);
    const longer = new Uint8Array(bytes.length + 8);
    longer.set(bytes);
    expectCode(() => decodeBinaryBatch(longer), 'bad_message', /8 bytes after its last column/);
    expectCode(() => decodeBinaryBatch(new TextEncoder().encode('hello world, not a batch')), 'bad_message', /ERCB/);
  });

  it('hands over the columns as message words, and makes channel views only when they are read', () => {
    const bytes = encodeBinaryBatch(sampleBatch());
    const decoded = decodeBinaryBatch(bytes);
    const { words, body, layout } = decoded.packed!;
    expect(words.buffer).toBe(bytes.buffer);
    expect(layout.names).toEqual(['speed', 'lat']);
    expect(layout.types).toEqual(['f32', 'f64']);
    expect(layout.column.get('lat')).toBe(2);
    const time = new Float64Array(words.buffer, 4 * (body + layout.offsets[0]), 5);
    const speed = new Float32Array(words.buffer, 4 * (body + layout.offsets[1]), 5);
    const lat = new Float64Array(words.buffer, 4 * (body + layout.offsets[2]), 5);
    expect(Array.from(time)).toEqual([1000, 1010, 1000, 1010, 1020]);
    expect(speed[1]).toBe(101.25);
    expect(lat[0]).toBe(52.123456789);
    // Read, spread, serialised or replaced, the channels behave as a plain property.
    expect(decoded.channels.speed[0]).toBe(100.5);
    expect(decoded.channels).toBe(decoded.channels);
    expect({ ...decodeBinaryBatch(bytes) }.channels.lat[4]).toBe(52.3);
    expect(Object.keys(JSON.parse(JSON.stringify(decodeBinaryBatch(bytes))).channels)).toEqual(['speed', 'lat']);
    const replaced = decodeBinaryBatch(bytes);
    replaced.channels = { speed: Float32Array.of(1, 2, 3, 4, 5) };
    expect(Object.keys(replaced.channels)).toEqual(['speed']);
  });

  it('parses a repeated layout once and still checks it against the rows', () => {
    const first = decodeBinaryBatch(encodeBinaryBatch(sampleBatch()));
    const second = decodeBinaryBatch(encodeBinaryBatch({ ...sampleBatch(), seq: 42 }));
    expect(second.seq).toBe(42);
    expect(second.cars).toBe(first.cars);
  });

  it('starts the layout 8-byte aligned, the meta padded with spaces', () => {
    const bytes = encodeBinaryBatch({ ...sampleBatch(), subscription: 'odd' });
    const metaLength = new DataView(bytes.buffer).getUint32(8, true);
    expect((16 + metaLength) % 8).toBe(0);
    expect(JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + metaLength))).subscription).toBe('odd');
  });

  it('tells apart cached layouts of the same length that differ in one byte', () => {
    const seven = encodeBinaryBatch(sampleBatch());
    const eight = encodeBinaryBatch({
      ...sampleBatch(),
      cars: [
        { car: '8', start: 0, length: 2 },
        { car: '11', start: 2, length: 3 },
      ],
    });
    expect(seven.length).toBe(eight.length);
    for (let round = 0; round < 2; round++) {
      expect(decodeBinaryBatch(seven).cars[0].car).toBe('7');
      expect(decodeBinaryBatch(eight).cars[0].car).toBe('8');
    }
    // The same layout behind an unaligned meta, as another encoder may write it, is compared byte by byte.
    const view = new DataView(seven.buffer);
    const metaLength = view.getUint32(8, true);
    const meta = new TextDecoder().decode(seven.subarray(16, 16 + metaLength)).trimEnd();
    const layoutBytes = seven.subarray(16 + metaLength, 16 + metaLength + view.getUint32(12, true));
    const layout = new TextDecoder().decode(layoutBytes).trimEnd();
    const head = new TextEncoder().encode(meta + layout);
    const bodyStart = (16 + head.length + 7) & ~7;
    const other = new Uint8Array(bodyStart + seven.length - (16 + metaLength + layoutBytes.length));
    other.set(seven.subarray(0, 16));
    new DataView(other.buffer).setUint32(8, meta.length, true);
    new DataView(other.buffer).setUint32(12, bodyStart - 16 - meta.length, true);
    other.set(head, 16);
    other.fill(0x20, 16 + head.length, bodyStart);
    other.set(seven.subarray(16 + metaLength + layoutBytes.length), bodyStart);
    expect(Array.from(decodeBinaryBatch(other).channels.speed.subarray(0, 2))).toEqual([100.5, 101.25]);
    expect(decodeBinaryBatch(other).cars[0].car).toBe('7');
  });

  it('rejects car runs that do not tile the rows', () => {
    const batch = sampleBatch();
    batch.cars = [
      { car: '7', start: 0, length: 2 },
      { car: '11', start: 3, length: 2 },
    ];
    expectCode(() => decodeBinaryBatch(encodeBinaryBatch(batch)), 'bad_message', /must start at row 2/);
  });
});

describe('batch headers in either encoding', () => {
  it('are checked the same way', () => {
    const message = JSON.parse(encodeJsonBatch(sampleBatch()));
    expectCode(() => decodeJsonBatch({ ...message, seq: '41' }), 'bad_message', /seq must be an integer/);
    expectCode(() => decodeJsonBatch({ ...message, subscription: 7 }), 'bad_message', /subscription/);
    expectCode(() => decodeBinaryBatch(encodeBinaryBatch({ ...sampleBatch(), seq: 1.5 })), 'bad_message', /seq/);
  });
});

describe('JSON batch', () => {
  it('round-trips with null for missing values', () => {
    const text = encodeJsonBatch(sampleBatch());
    expect(JSON.parse(text).channels.speed[3]).toBeNull();
    const decoded = decodeJsonBatch(JSON.parse(text));
    expect(Number.isNaN(decoded.channels.speed[3])).toBe(true);
    expect(decoded.channels.speed[1]).toBe(101.25);
    expect(decoded.cars).toEqual(sampleBatch().cars);
  });

  it('rejects a column of the wrong length', () => {
    const message = JSON.parse(encodeJsonBatch(sampleBatch()));
    message.channels.speed.pop();
    expectCode(() => decodeJsonBatch(message), 'bad_message', /speed must be an array of 5/);
  });

  it('is what decodeServerMessage returns for a data text message', () => {
    const decoded = decodeServerMessage(encodeBatch(sampleBatch(), 'json'));
    expect(decoded.kind).toBe('batch');
  });
});

describe('client messages', () => {
  const cap = 64 * 1024;

  it('accepts a valid subscribe', () => {
    const message = decodeClientMessage(
      JSON.stringify({ type: 'subscribe', id: 'r1', subscription: 's1', cars: ['7'], channels: ['speed'] }),
      cap,
    );
    expect(message.type).toBe('subscribe');
  });

  it('names the bad JSON, the unknown type, the bad field and the oversize message', () => {
    expectCode(() => decodeClientMessage('{"type": "hello",', cap), 'bad_json');
    expectCode(() => decodeClientMessage('[1,2]', cap), 'bad_message');
    expectCode(() => decodeClientMessage('{"type":"launch","id":"x"}', cap), 'unknown_type', /"launch"/);
    expectCode(
      () => decodeClientMessage('{"type":"subscribe","id":"r1","subscription":"s","channels":[3]}', cap),
      'bad_message',
      /channels\.0/,
    );
    expectCode(() => decodeClientMessage('{"type":"catalog","id":"1","sesion":"x"}', cap), 'bad_message', /sesion/);
    expectCode(
      () => decodeClientMessage(JSON.stringify({ type: 'ping', id: 'x'.repeat(cap) }), cap),
      'message_too_large',
    );
  });
});

describe('server control messages', () => {
  it('validates a server error and rejects an unknown code', () => {
    const ok = decodeServerMessage('{"type":"error","code":"unknown_channel","message":"no such channel: sped"}');
    expect(ok.kind).toBe('control');
    expectCode(() => decodeServerMessage('{"type":"error","code":"oops","message":"x"}'), 'bad_message');
  });
});
