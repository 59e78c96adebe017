import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/config-editor/config-editor';
import { QueryEditor } from './components/query-editor/query-editor';
import { DataSource } from './datasource';
import type { TelemetryOptions, TelemetryQuery } from './types';

export const plugin = new DataSourcePlugin<DataSource, TelemetryQuery, TelemetryOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
