/** Channel traces, one frame per car: live, or history over the time range or chosen laps. */
import { InlineField, InlineFieldRow, InlineSwitch } from '@grafana/ui';

import { LABEL_WIDTH, type QueryTypeEditorProps } from './editor-props';
import { LapScopeRow } from './lap-scope-row';
import { switchedOnOrNothing } from './query-rules';
import { CarsRow, ChannelsRow, UpdateRateRow } from './shared-rows';

const CHANNELS = {
  label: 'Channels',
  tooltip: 'Channels to read. Empty means every channel of the session.',
  placeholder: 'every channel',
};

function LapPositionAndColourRow({ query, change }: QueryTypeEditorProps) {
  return (
    <InlineFieldRow>
      <InlineField
        label="Lap position"
        labelWidth={LABEL_WIDTH}
        tooltip="Add lap and lap_distance to the channels. The lap delta and track map panels need them; a chart does not."
      >
        <InlineSwitch
          id={`eracing-lap-position-${query.refId}`}
          value={query.lapPosition === true}
          onChange={(event) => change({ lapPosition: switchedOnOrNothing(event.currentTarget.checked) })}
        />
      </InlineField>
      <InlineField
        label="Colour by car"
        labelWidth={14}
        tooltip="Give each car's series its car colour. It overrides the panel's colours and thresholds, so leave it off for stats and single-car charts."
      >
        <InlineSwitch
          id={`eracing-colour-by-car-${query.refId}`}
          value={query.colourByCar === true}
          onChange={(event) => change({ colourByCar: switchedOnOrNothing(event.currentTarget.checked) })}
        />
      </InlineField>
    </InlineFieldRow>
  );
}

export function TelemetryQueryEditor(props: QueryTypeEditorProps) {
  const { query, mode, change } = props;
  return (
    <>
      <CarsRow {...props} />
      <ChannelsRow {...props} words={CHANNELS} />
      <LapPositionAndColourRow {...props} />
      {mode === 'history' ? <LapScopeRow query={query} change={change} /> : <UpdateRateRow {...props} />}
    </>
  );
}
