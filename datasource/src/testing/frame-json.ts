/**
 * Frames as Grafana's `POST /api/ds/query` carries them, the encoding of the golden vectors (test/vectors/frames):
 * `dataFrameToJSON` from @grafana/data, with what Grafana's Go SDK adds on the wire — `typeInfo.frame` (and
 * `nullable`) on every field, NaN and ±Infinity as `null` with their row indexes in `data.entities`, and float32
 * values written with the fewest digits that read back as the same float32 (Go's 32-bit shortest formatting).
 */
import {
  dataFrameToJSON,
  FieldType,
  type DataFrame,
  type DataFrameJSON,
  type Field,
  type FieldValueEntityLookup,
} from '@grafana/data';

import { fieldTypeInfo } from '../frames/frame-types';

type Entities = FieldValueEntityLookup;

/** The Go type of a field's values, as the SDK names it in `typeInfo.frame`. */
function goType(field: Field): string {
  const values = field.values as unknown;
  switch (field.type) {
    case FieldType.time:
      return 'time.Time';
    case FieldType.number:
      return values instanceof Float32Array ? 'float32' : 'float64';
    case FieldType.string:
      return 'string';
    case FieldType.boolean:
      return 'bool';
    default:
      return 'json.RawMessage';
  }
}

/** The shortest decimal that reads back as the same float32, as a number JSON writes with those digits. */
export function shortestFloat32(value: number): number {
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return Number(value.toPrecision(9));
}

function encodeValues(field: Field, float32: boolean): { values: unknown[]; entities?: Entities; nullable: boolean } {
  const entities: Entities = {};
  let nullable = false;
  const values = Array.from(field.values as ArrayLike<unknown>, (value, row) => {
    if (value === null || value === undefined) {
      nullable = true;
      return null;
    }
    if (typeof value !== 'number' || Number.isFinite(value)) {
      return float32 && typeof value === 'number' ? shortestFloat32(value) : value;
    }
    const kind = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Inf' : 'NegInf';
    (entities[kind] ??= []).push(row);
    return null;
  });
  return { values, nullable, entities: Object.keys(entities).length ? entities : undefined };
}

/** One frame in the wire encoding. */
export function frameToWireJSON(frame: DataFrame): DataFrameJSON {
  const json = dataFrameToJSON(frame);
  const entities: Array<Entities | null> = [];
  json.schema!.fields = json.schema!.fields.map((schema, i) => {
    const field = frame.fields[i];
    const declared = fieldTypeInfo(field);
    const frameType = declared?.frame ?? goType(field);
    const encoded = encodeValues(field, frameType === 'float32');
    json.data!.values[i] = encoded.values;
    entities.push(encoded.entities ?? null);
    const typeInfo = { frame: frameType, ...(encoded.nullable || declared?.nullable ? { nullable: true } : {}) };
    return { ...schema, typeInfo };
  });
  if (entities.some(Boolean)) json.data!.entities = entities;
  return JSON.parse(JSON.stringify(json)) as DataFrameJSON;
}

/**
 * The differences between two wire frames under the vectors' comparison rule (test/vectors/frames/README.md): the
 * schema compares as JSON after treating an absent `labels` or `config` as `{}`; values compare exactly, except
 * float32 fields, which compare after rounding both sides to float32 (`Math.fround`); `entities` compare as sets of
 * row indexes per kind.
 */
export function frameDifferences(expected: DataFrameJSON, actual: DataFrameJSON, where = 'frame'): string[] {
  const problems: string[] = [];
  const schemaOf = (json: DataFrameJSON) => ({
    ...json.schema,
    fields: (json.schema?.fields ?? []).map((field) => ({ labels: {}, config: {}, ...field })),
  });
  const expectedSchema = JSON.stringify(sortKeys(schemaOf(expected)));
  const actualSchema = JSON.stringify(sortKeys(schemaOf(actual)));
  if (expectedSchema !== actualSchema)
    problems.push(`${where}: schema differs\n  want ${expectedSchema}\n  got  ${actualSchema}`);
  const fields = expected.schema?.fields ?? [];
  fields.forEach((field, i) => {
    const want = expected.data?.values[i] ?? [];
    const got = actual.data?.values[i] ?? [];
    const float32 = (field as { typeInfo?: { frame?: string } }).typeInfo?.frame === 'float32';
    const same = (a: unknown, b: unknown) =>
      float32 && typeof a === 'number' && typeof b === 'number'
        ? Math.fround(a) === Math.fround(b)
        : a === b || JSON.stringify(a) === JSON.stringify(b);
    if (want.length !== got.length) {
      problems.push(`${where} field ${field.name}: ${got.length} values, want ${want.length}`);
      return;
    }
    const row = want.findIndex((value, r) => !same(value, got[r]));
    if (row >= 0)
      problems.push(
        `${where} field ${field.name} row ${row}: ${JSON.stringify(got[row])}, want ${JSON.stringify(want[row])}`,
      );
    const entitiesOf = (json: DataFrameJSON) => JSON.stringify(sortKeys(json.data?.entities?.[i] ?? null));
    if (entitiesOf(expected) !== entitiesOf(actual))
      problems.push(`${where} field ${field.name}: entities ${entitiesOf(actual)}, want ${entitiesOf(expected)}`);
  });
  return problems;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
