import { InlineField, Input, MultiSelect, Select, Stack } from '@grafana/ui';

import { setSearch } from '../pages/location';
import type { ResolvedVariable } from './variables';

/** One picker per visible variable; a choice goes into the URL as `var-<name>`, as in Grafana. */
export function VariablesBar({ variables }: { variables: ResolvedVariable[] }) {
  const shown = variables.filter((v) => (v.json.hide ?? 0) < 2);
  if (shown.length === 0) return null;
  return (
    <Stack gap={1} wrap="wrap">
      {shown.map(({ json, options, current, error }) => (
        <InlineField
          key={json.name}
          label={json.label ?? json.name}
          invalid={Boolean(error)}
          error={error}
          data-testid={`preview-variable-${json.name}`}
        >
          {json.type === 'textbox' ? (
            <Input
              defaultValue={String(current.value)}
              width={24}
              onBlur={(e) => setSearch({ [`var-${json.name}`]: e.currentTarget.value })}
            />
          ) : json.multi ? (
            <MultiSelect
              width={28}
              inputId={`var-${json.name}`}
              value={[current.value].flat()}
              options={options.map((o) => ({ label: o.text, value: o.value }))}
              onChange={(choices) =>
                setSearch({ [`var-${json.name}`]: choices.flatMap((c) => (c.value === undefined ? [] : [c.value])) })
              }
            />
          ) : (
            <Select
              width={28}
              inputId={`var-${json.name}`}
              value={current.value}
              options={options.map((o) => ({ label: o.text, value: o.value }))}
              onChange={(choice) => setSearch({ [`var-${json.name}`]: choice.value ?? null })}
            />
          )}
        </InlineField>
      ))}
    </Stack>
  );
}
