/** The limits of live queries: updates per second, and samples kept per car. Empty means the default. */
import { InlineField, Input } from '@grafana/ui';
import type { ChangeEvent } from 'react';

import { DEFAULT_LIVE_RATE_HZ, DEFAULT_LIVE_SAMPLES_PER_CAR, type TelemetryOptions } from '../../types';
import { LABEL_WIDTH } from './layout';
import { positiveOrNothing } from './settings-rules';

type Limit = 'liveRateHz' | 'liveSamplesPerCar';

const LIMITS: Array<{ setting: Limit; id: string; label: string; tooltip: string; min: number; default: number }> = [
  {
    setting: 'liveRateHz',
    id: 'eracing-live-rate',
    label: 'Live updates per second',
    tooltip: 'Most times a live panel redraws per second, however fast data arrives.',
    min: 1,
    default: DEFAULT_LIVE_RATE_HZ,
  },
  {
    setting: 'liveSamplesPerCar',
    id: 'eracing-live-samples',
    label: 'Live samples per car',
    tooltip: 'Most samples a live query keeps per car. A longer time range is thinned to fit, keeping whole samples.',
    min: 100,
    default: DEFAULT_LIVE_SAMPLES_PER_CAR,
  },
];

export function LiveLimitFields(props: {
  jsonData: TelemetryOptions;
  onChange(changes: Partial<TelemetryOptions>): void;
}) {
  return LIMITS.map((limit) => (
    <InlineField key={limit.setting} label={limit.label} labelWidth={LABEL_WIDTH} tooltip={limit.tooltip}>
      <Input
        id={limit.id}
        type="number"
        min={limit.min}
        width={12}
        placeholder={String(limit.default)}
        value={props.jsonData[limit.setting] ?? ''}
        onChange={(event: ChangeEvent<HTMLInputElement>) =>
          props.onChange({ [limit.setting]: positiveOrNothing(event.currentTarget.value) })
        }
      />
    </InlineField>
  ));
}
