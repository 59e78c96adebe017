/** The query editor: the query type and session, then the editor of that query type. */
import type { QueryEditorProps } from '@grafana/data';
import { Alert, InlineFieldRow, Stack } from '@grafana/ui';
import type { ComponentType } from 'react';

import type { DataSource } from '../../datasource';
import type { QueryType, TelemetryOptions, TelemetryQuery } from '../../types';
import type { QueryTypeEditorProps } from './editor-props';
import { EventsQueryEditor } from './events-editor';
import { ModeField, QueryTypeField, SessionField } from './header-fields';
import { LapsQueryEditor } from './laps-editor';
import { editedMode, editedQueryType, hasLiveMode, queryTypeChange, textOrNothing } from './query-rules';
import { TelemetryQueryEditor } from './telemetry-editor';
import { TrackQueryEditor } from './track-editor';
import { useCatalog } from './use-catalog';

type Props = QueryEditorProps<DataSource, TelemetryQuery, TelemetryOptions> & {
  /** For annotations: an events query over the time range, without query type or mode. */
  eventsOnly?: boolean;
};

const EDITORS: Record<QueryType, ComponentType<QueryTypeEditorProps>> = {
  telemetry: TelemetryQueryEditor,
  laps: LapsQueryEditor,
  track: TrackQueryEditor,
  events: EventsQueryEditor,
};

export function QueryEditor({ query, datasource, onChange, onRunQuery, eventsOnly = false }: Props) {
  const { catalog, error } = useCatalog(datasource, query.session);
  const queryType = editedQueryType(query, eventsOnly);
  const mode = editedMode(query, eventsOnly);
  const change = (changes: Partial<TelemetryQuery>) => {
    onChange({ ...query, ...changes });
    onRunQuery();
  };
  const Editor = EDITORS[queryType];

  return (
    <Stack direction="column" gap={0}>
      {error && (
        <Alert severity="warning" title="The server's catalog could not be read">
          {error} Cars and channels cannot be suggested or checked until it can.
        </Alert>
      )}
      <InlineFieldRow>
        {!eventsOnly && <QueryTypeField value={queryType} onChange={(value) => change(queryTypeChange(value))} />}
        <SessionField
          refId={query.refId}
          value={query.session}
          defaultSession={datasource.defaultSession}
          onCommit={(text) => change({ session: textOrNothing(text) })}
        />
        {!eventsOnly && hasLiveMode(queryType) && (
          <ModeField value={mode} onChange={(value) => change({ mode: value })} />
        )}
      </InlineFieldRow>
      <Editor query={query} datasource={datasource} catalog={catalog} mode={mode} change={change} />
    </Stack>
  );
}
