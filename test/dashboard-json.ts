import type { AnnotationQuery, Dashboard, DataQuery } from '@grafana/schema';

/**
 * A type as JSON can state it. JSON has no enums, so a string enum (e.g. `FieldColorModeId`) is written as one of its
 * values: `${E}` is the union of those values. Everything else is unchanged, so a dashboard literal checked against
 * `DashboardJson` still fails on a wrong key, a missing required key or a value outside a union.
 */
export type Json<T> = T extends string
  ? `${T}`
  : T extends readonly (infer Item)[]
    ? Json<Item>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/**
 * An annotation query as Grafana saves it: its `target` is the datasource's own query model (ours: session, cars,
 * kinds), which the schema types as the bare `DataQuery`, as it does a panel's targets.
 */
type AnnotationJson = Omit<Json<AnnotationQuery>, 'target'> & { target?: Json<DataQuery> & Record<string, unknown> };

/** Grafana's dashboard model (`@grafana/schema`) as a dashboard's JSON file states it. */
export type DashboardJson = Omit<Json<Dashboard>, 'annotations'> & { annotations?: { list?: AnnotationJson[] } };
