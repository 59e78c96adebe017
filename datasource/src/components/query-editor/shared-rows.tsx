/** Rows more than one query type shows: the cars, the channels, and a live query's updates per second. */
import { InlineField, InlineFieldRow } from '@grafana/ui';

import { CommitInput } from './commit-input';
import { LABEL_WIDTH, type QueryTypeEditorProps } from './editor-props';
import { CarPicker, ChannelPicker } from './pickers';
import { listOrNothing, updateRateFromText } from './query-rules';

export function CarsRow({ query, catalog, change }: QueryTypeEditorProps) {
  return (
    <InlineFieldRow>
      <CarPicker
        refId={query.refId}
        catalog={catalog}
        value={query.cars}
        onChange={(cars) => change({ cars: listOrNothing(cars) })}
      />
    </InlineFieldRow>
  );
}

/** The channels to read (telemetry) or to aggregate per lap (laps), in the words of that query type. */
export function ChannelsRow(
  props: QueryTypeEditorProps & { words: { label: string; tooltip: string; placeholder: string } },
) {
  const { query, catalog, change, words } = props;
  return (
    <InlineFieldRow>
      <ChannelPicker
        refId={query.refId}
        catalog={catalog}
        {...words}
        value={query.channels}
        onChange={(channels) => change({ channels: listOrNothing(channels) })}
      />
    </InlineFieldRow>
  );
}

export function UpdateRateRow({ query, datasource, change }: QueryTypeEditorProps) {
  return (
    <InlineFieldRow>
      <InlineField
        label="Updates/s"
        labelWidth={LABEL_WIDTH}
        tooltip="Most panel updates per second for this query. Fewer suit a stat or a slow temperature and save the viewer's CPU. Empty: the datasource's rate."
      >
        <CommitInput
          id={`eracing-rate-${query.refId}`}
          width={8}
          value={query.updateRateHz === undefined ? '' : String(query.updateRateHz)}
          placeholder={String(datasource.liveRateHz)}
          onCommit={(text) => change({ updateRateHz: updateRateFromText(text) })}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
