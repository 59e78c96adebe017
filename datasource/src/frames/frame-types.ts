/** The dataplane type (`meta.type`, `meta.typeVersion`) of each frame the datasource writes (docs/frames.md). */
import { DataFrameType, type Field, type QueryResultMeta } from '@grafana/data';

type FrameType = Pick<QueryResultMeta, 'type' | 'typeVersion'>;

/** Telemetry: one time field, then value fields labelled by car and session; one frame per car. */
export function telemetryFrameType(): FrameType {
  return { type: DataFrameType.TimeSeriesWide, typeVersion: [0, 1] };
}

/** Laps, track and events: a dataplane `table` (the SDK's `data.FrameTypeTable`; @grafana/data has no member). */
export function tableFrameType(): FrameType {
  return { type: 'table' as DataFrameType, typeVersion: [0, 1] };
}

/** The Go type of a field (`typeInfo` on the wire); @grafana/data's Field has no member for it. */
export interface FieldTypeInfo {
  frame: 'time.Time' | 'float64' | 'float32' | 'string' | 'bool' | 'json.RawMessage';
  nullable?: boolean;
}

/** Marks a field whose values may be `null` (a lap still running has no end): its Go type is a pointer. */
export function nullable<F extends Field>(field: F, frame: FieldTypeInfo['frame']): F {
  return Object.assign(field, { typeInfo: { frame, nullable: true } satisfies FieldTypeInfo });
}

export function fieldTypeInfo(field: Field): FieldTypeInfo | undefined {
  return (field as Field & { typeInfo?: FieldTypeInfo }).typeInfo;
}
