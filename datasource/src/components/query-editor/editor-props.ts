import type { Catalog } from '../../catalog';
import type { DataSource } from '../../datasource';
import type { QueryMode, TelemetryQuery } from '../../types';

/** What each query type's editor is given: the query, the session's catalog, and a change that runs the query. */
export interface QueryTypeEditorProps {
  query: TelemetryQuery;
  datasource: DataSource;
  catalog?: Catalog;
  mode: QueryMode;
  change(changes: Partial<TelemetryQuery>): void;
}

export const LABEL_WIDTH = 14;
