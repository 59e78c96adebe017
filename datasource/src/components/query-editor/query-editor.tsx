import type { QueryEditorProps } from '@grafana/data';
import { Alert, InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup, Stack } from '@grafana/ui';
import type { FocusEvent } from 'react';

import type { DataSource } from '../../datasource';
import type { LapScope, QueryMode, QueryType, TelemetryOptions, TelemetryQuery } from '../../types';
import { CarPicker, ChannelPicker, EventKindPicker } from './pickers';
import { useCatalog } from './use-catalog';

type Props = QueryEditorProps<DataSource, TelemetryQuery, TelemetryOptions> & {
  /** For annotations: an events query over the time range, without query type or mode. */
  eventsOnly?: boolean;
};

const LABEL_WIDTH = 14;

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

const LAP_SCOPES: Array<{ label: string; value: LapScope; description: string }> = [
  { label: 'Time range', value: 'range', description: 'Thinned to the panel width, keeping every peak' },
  { label: 'Laps', value: 'laps', description: 'Lap numbers, every sample' },
  { label: 'Best lap', value: 'best', description: "Each car's best valid lap, every sample" },
  { label: 'Last laps', value: 'last', description: 'The last completed laps, every sample' },
];

/** An input that commits on blur, so typing does not run the query on every key; keyed to follow outside changes. */
function CommitInput(props: {
  id: string;
  value: string;
  placeholder: string;
  width?: number;
  onCommit(text: string): void;
}) {
  const onBlur = (event: FocusEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value.trim();
    if (text !== props.value) props.onCommit(text);
  };
  return (
    <Input
      key={props.value}
      id={props.id}
      width={props.width}
      placeholder={props.placeholder}
      defaultValue={props.value}
      onBlur={onBlur}
    />
  );
}

export function QueryEditor({ query, datasource, onChange, onRunQuery, eventsOnly = false }: Props) {
  const { catalog, error } = useCatalog(datasource, query.session);
  const queryType = eventsOnly ? 'events' : (query.queryType ?? 'telemetry');
  const mode = eventsOnly ? 'history' : (query.mode ?? 'live');
  const lapChoice = query.lapChoice ?? 'range';
  const { refId } = query;
  const change = (changes: Partial<TelemetryQuery>) => {
    onChange({ ...query, ...changes });
    onRunQuery();
  };
  const emptyToUndefined = <T,>(list: T[]) => (list.length ? list : undefined);

  return (
    <Stack direction="column" gap={0}>
      {error && (
        <Alert severity="warning" title="The server's catalog could not be read">
          {error} Cars and channels cannot be suggested or checked until it can.
        </Alert>
      )}
      <InlineFieldRow>
        {!eventsOnly && (
          <InlineField label="Query" labelWidth={LABEL_WIDTH}>
            <RadioButtonGroup
              options={QUERY_TYPES}
              value={queryType}
              onChange={(value) => change({ queryType: value })}
            />
          </InlineField>
        )}
        <InlineField label="Session" labelWidth={10} tooltip="A session id, live or latest. Variables work here.">
          <CommitInput
            id={`eracing-session-${refId}`}
            width={24}
            value={query.session ?? ''}
            placeholder={datasource.defaultSession || 'live'}
            onCommit={(text) => change({ session: text || undefined })}
          />
        </InlineField>
        {!eventsOnly && (queryType === 'telemetry' || queryType === 'events') && (
          <InlineField label="Mode" labelWidth={8}>
            <RadioButtonGroup options={MODES} value={mode} onChange={(value) => change({ mode: value })} />
          </InlineField>
        )}
      </InlineFieldRow>
      {queryType !== 'track' && (
        <InlineFieldRow>
          <CarPicker
            refId={refId}
            catalog={catalog}
            value={query.cars}
            onChange={(cars) => change({ cars: emptyToUndefined(cars) })}
          />
        </InlineFieldRow>
      )}
      {(queryType === 'telemetry' || queryType === 'laps') && (
        <InlineFieldRow>
          <ChannelPicker
            refId={refId}
            catalog={catalog}
            label={queryType === 'laps' ? 'Aggregates' : 'Channels'}
            tooltip={
              queryType === 'laps'
                ? 'Channels to average, and find the minimum and maximum of, per lap.'
                : 'Channels to read. Empty means every channel of the session.'
            }
            placeholder={queryType === 'laps' ? 'none' : 'every channel'}
            value={query.channels}
            onChange={(channels) => change({ channels: emptyToUndefined(channels) })}
          />
        </InlineFieldRow>
      )}
      {queryType === 'telemetry' && (
        <InlineFieldRow>
          <InlineField
            label="Lap position"
            labelWidth={LABEL_WIDTH}
            tooltip="Add lap and lap_distance to the channels. The lap delta and track map panels need them; a chart does not."
          >
            <InlineSwitch
              id={`eracing-lap-position-${refId}`}
              value={query.lapPosition === true}
              onChange={(event) => change({ lapPosition: event.currentTarget.checked || undefined })}
            />
          </InlineField>
          <InlineField
            label="Colour by car"
            labelWidth={14}
            tooltip="Give each car's series its car colour. It overrides the panel's colours and thresholds, so leave it off for stats and single-car charts."
          >
            <InlineSwitch
              id={`eracing-colour-by-car-${refId}`}
              value={query.colourByCar === true}
              onChange={(event) => change({ colourByCar: event.currentTarget.checked || undefined })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {queryType === 'telemetry' && mode === 'history' && (
        <InlineFieldRow>
          <InlineField label="Laps" labelWidth={LABEL_WIDTH}>
            <RadioButtonGroup
              options={LAP_SCOPES}
              value={lapChoice}
              onChange={(value) => change({ lapChoice: value })}
            />
          </InlineField>
          {lapChoice === 'laps' && (
            <InlineField label="Lap numbers" labelWidth={14} tooltip="Comma-separated, e.g. 3, 4 — or a lap variable.">
              <CommitInput
                id={`eracing-laps-${refId}`}
                width={20}
                value={query.laps ?? ''}
                placeholder="3, 4"
                onCommit={(text) => change({ laps: text || undefined })}
              />
            </InlineField>
          )}
          {lapChoice === 'last' && (
            <InlineField label="How many" labelWidth={12}>
              <CommitInput
                id={`eracing-last-${refId}`}
                width={8}
                value={String(query.lastLaps ?? 1)}
                placeholder="1"
                onCommit={(text) => change({ lastLaps: Math.max(1, Math.round(Number(text)) || 1) })}
              />
            </InlineField>
          )}
        </InlineFieldRow>
      )}
      {(queryType === 'telemetry' || queryType === 'events') && mode === 'live' && (
        <InlineFieldRow>
          <InlineField
            label="Updates/s"
            labelWidth={LABEL_WIDTH}
            tooltip="Most panel updates per second for this query. Fewer suit a stat or a slow temperature and save the viewer's CPU. Empty: the datasource's rate."
          >
            <CommitInput
              id={`eracing-rate-${refId}`}
              width={8}
              value={query.updateRateHz === undefined ? '' : String(query.updateRateHz)}
              placeholder={String(datasource.liveRateHz)}
              onCommit={(text) => {
                const rate = Number(text);
                change({ updateRateHz: text.trim() && rate > 0 && Number.isFinite(rate) ? rate : undefined });
              }}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      {queryType === 'events' && (
        <InlineFieldRow>
          <EventKindPicker
            refId={refId}
            value={query.kinds}
            onChange={(kinds) => change({ kinds: emptyToUndefined(kinds) })}
          />
        </InlineFieldRow>
      )}
    </Stack>
  );
}
