import type { Dashboard } from '@grafana/schema';

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

/** Grafana's dashboard model (`@grafana/schema`) as a dashboard's JSON file states it. */
export type DashboardJson = Json<Dashboard>;
