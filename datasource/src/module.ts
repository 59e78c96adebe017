import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import type { TelemetryOptions, TelemetryQuery } from './types';

export const plugin = new DataSourcePlugin<DataSource, TelemetryQuery, TelemetryOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
