/** Which laps a history telemetry query reads, with the lap numbers or how many last laps when those are chosen. */
import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';

import type { LapScope } from '../../types';
import { CommitInput } from './commit-input';
import { LABEL_WIDTH, type QueryTypeEditorProps } from './editor-props';
import { editedLapScope, lastLapsFromText, textOrNothing } from './query-rules';

const LAP_SCOPES: Array<{ label: string; value: LapScope; description: string }> = [
  { label: 'Time range', value: 'range', description: 'Thinned to the panel width, keeping every peak' },
  { label: 'Laps', value: 'laps', description: 'Lap numbers, every sample' },
  { label: 'Best lap', value: 'best', description: "Each car's best valid lap, every sample" },
  { label: 'Last laps', value: 'last', description: 'The last completed laps, every sample' },
];

export function LapScopeRow({ query, change }: Pick<QueryTypeEditorProps, 'query' | 'change'>) {
  const scope = editedLapScope(query);
  return (
    <InlineFieldRow>
      <InlineField label="Laps" labelWidth={LABEL_WIDTH}>
        <RadioButtonGroup options={LAP_SCOPES} value={scope} onChange={(value) => change({ lapChoice: value })} />
      </InlineField>
      {scope === 'laps' && (
        <InlineField label="Lap numbers" labelWidth={14} tooltip="Comma-separated, e.g. 3, 4 — or a lap variable.">
          <CommitInput
            id={`eracing-laps-${query.refId}`}
            width={20}
            value={query.laps ?? ''}
            placeholder="3, 4"
            onCommit={(text) => change({ laps: textOrNothing(text) })}
          />
        </InlineField>
      )}
      {scope === 'last' && (
        <InlineField label="How many" labelWidth={12}>
          <CommitInput
            id={`eracing-last-${query.refId}`}
            width={8}
            value={String(query.lastLaps ?? 1)}
            placeholder="1"
            onCommit={(text) => change({ lastLaps: lastLapsFromText(text) })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
