/** Race events: laps, sectors, pit stops and flags, live or over the time range. Annotations edit this too. */
import { InlineFieldRow } from '@grafana/ui';

import type { QueryTypeEditorProps } from './editor-props';
import { EventKindPicker } from './pickers';
import { listOrNothing } from './query-rules';
import { CarsRow, UpdateRateRow } from './shared-rows';

export function EventsQueryEditor(props: QueryTypeEditorProps) {
  const { query, mode, change } = props;
  return (
    <>
      <CarsRow {...props} />
      {mode === 'live' && <UpdateRateRow {...props} />}
      <InlineFieldRow>
        <EventKindPicker
          refId={query.refId}
          value={query.kinds}
          onChange={(kinds) => change({ kinds: listOrNothing(kinds) })}
        />
      </InlineFieldRow>
    </>
  );
}
