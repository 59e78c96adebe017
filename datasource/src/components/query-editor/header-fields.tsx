/** The fields of the editor's first row: query type, session and mode. */
import { InlineField, RadioButtonGroup } from '@grafana/ui';

import type { QueryMode, QueryType } from '../../types';
import { CommitInput } from './commit-input';
import { LABEL_WIDTH } from './editor-props';

const QUERY_TYPES: Array<{ label: string; value: QueryType; description: string }> = [
  { label: 'Telemetry', value: 'telemetry', description: 'Channel traces, one frame per car' },
  { label: 'Laps', value: 'laps', description: 'Lap table with sector times and aggregates' },
  { label: 'Track', value: 'track', description: 'Centre line, start/finish, sectors and corners' },
  { label: 'Events', value: 'events', description: 'Laps, sectors, pit stops and flags' },
];

const MODES: Array<{ label: string; value: QueryMode; description: string }> = [
  { label: 'Live', value: 'live', description: 'Follow the session as it runs, over the width of the time range' },
  { label: 'History', value: 'history', description: 'The dashboard time range, or chosen laps' },
];

export function QueryTypeField(props: { value: QueryType; onChange(queryType: QueryType): void }) {
  return (
    <InlineField label="Query" labelWidth={LABEL_WIDTH}>
      <RadioButtonGroup options={QUERY_TYPES} value={props.value} onChange={props.onChange} />
    </InlineField>
  );
}

export function SessionField(props: {
  refId: string;
  value?: string;
  defaultSession: string;
  onCommit(text: string): void;
}) {
  return (
    <InlineField label="Session" labelWidth={10} tooltip="A session id, live or latest. Variables work here.">
      <CommitInput
        id={`eracing-session-${props.refId}`}
        width={24}
        value={props.value ?? ''}
        placeholder={props.defaultSession || 'live'}
        onCommit={props.onCommit}
      />
    </InlineField>
  );
}

export function ModeField(props: { value: QueryMode; onChange(mode: QueryMode): void }) {
  return (
    <InlineField label="Mode" labelWidth={8}>
      <RadioButtonGroup options={MODES} value={props.value} onChange={props.onChange} />
    </InlineField>
  );
}
