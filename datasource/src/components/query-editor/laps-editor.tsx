/** The lap table: a row per car and lap, with the aggregates of the channels chosen. */
import type { QueryTypeEditorProps } from './editor-props';
import { CarsRow, ChannelsRow } from './shared-rows';

const AGGREGATES = {
  label: 'Aggregates',
  tooltip: 'Channels to average, and find the minimum and maximum of, per lap.',
  placeholder: 'none',
};

export function LapsQueryEditor(props: QueryTypeEditorProps) {
  return (
    <>
      <CarsRow {...props} />
      <ChannelsRow {...props} words={AGGREGATES} />
    </>
  );
}
