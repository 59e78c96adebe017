import type { QueryEditorProps } from '@grafana/data';

import type { DataSource } from '../datasource';
import type { TelemetryOptions, TelemetryQuery } from '../types';
import { QueryEditor } from './query-editor/query-editor';

/** The annotation query editor: the events part of the query editor. */
export function AnnotationEditor(props: QueryEditorProps<DataSource, TelemetryQuery, TelemetryOptions>) {
  return <QueryEditor {...props} eventsOnly />;
}
