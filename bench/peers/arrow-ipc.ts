/**
 * The codec benchmark's peer: Apache Arrow IPC, the ecosystem's columnar format, once a candidate for the binary
 * encoding, measured beside ours in the same run; docs/protocol.md says why ours won.
 */
import {
  Dictionary,
  Field,
  Float32,
  Float64,
  Int16,
  makeData,
  RecordBatch,
  RecordBatchReader,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import type { ChannelColumn, TelemetryBatch } from '@eracing/telemetry-core/protocol';

export function encodeArrowBatch(batch: TelemetryBatch): Uint8Array {
  const rows = batch.time.length;
  const carOfRow = new Array<string>(rows);
  for (const run of batch.cars) carOfRow.fill(run.car, run.start, run.start + run.length);
  const carVector = vectorFromArray(carOfRow, new Dictionary(new Utf8(), new Int16()));
  const names = Object.keys(batch.channels);
  const typeOf = (column: ChannelColumn) => (column instanceof Float64Array ? new Float64() : new Float32());
  const fields = [
    new Field('time', new Float64(), false),
    new Field('car', carVector.type, false),
    ...names.map((name) => new Field(name, typeOf(batch.channels[name]), true)),
  ];
  const metadata = new Map([
    ['session', batch.session],
    ['epoch', batch.epoch],
    ['seq', String(batch.seq ?? '')],
    ['subscription', batch.subscription ?? ''],
  ]);
  const children = [
    makeData({ type: new Float64(), data: batch.time }),
    carVector.data[0],
    ...names.map((name) => makeData({ type: typeOf(batch.channels[name]), data: batch.channels[name] })),
  ];
  const data = makeData({ type: new Struct(fields), length: rows, nullCount: 0, children });
  return tableToIPC(new Table(new RecordBatch(new Schema(fields, metadata), data)), 'stream');
}

export interface ArrowDecoded {
  seq: number;
  time: Float64Array;
  carIndex: Int16Array;
  cars: string[];
  channels: Record<string, ChannelColumn>;
}

export function decodeArrowBatch(bytes: Uint8Array): ArrowDecoded {
  const reader = RecordBatchReader.from(bytes);
  const batch = reader.next().value as RecordBatch;
  const children = batch.data.children;
  const channels: Record<string, ChannelColumn> = {};
  batch.schema.fields.forEach((field, i) => {
    if (i > 1) channels[field.name] = children[i].values as ChannelColumn;
  });
  const carData = children[1];
  return {
    seq: Number(batch.schema.metadata.get('seq')),
    time: children[0].values as Float64Array,
    carIndex: carData.values as Int16Array,
    cars: carData.dictionary!.toArray() as string[],
    channels,
  };
}
