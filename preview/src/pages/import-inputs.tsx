import { config } from '@grafana/runtime';
import { Alert, Field, Input, Select } from '@grafana/ui';
import { useMemo } from 'react';

import { describePlugin, missingPlugins, type DashboardInput } from '../dashboard/requirements';
import { dataSourceSrv } from '../datasources/datasource-srv';
import { servedPlugins } from '../plugins/registry';

type Json = Record<string, unknown>;

function installedPlugins() {
  return {
    panels: new Set(Object.keys(config.panels)),
    datasources: new Set(
      servedPlugins()
        .filter((meta) => meta.type === 'datasource')
        .map((meta) => meta.id),
    ),
  };
}

export function MissingPlugins({ dashboard }: { dashboard: Json }) {
  const missing = useMemo(() => missingPlugins(dashboard, installedPlugins()), [dashboard]);
  if (missing.length === 0) return null;
  return (
    <div data-testid="preview-import-missing-plugins">
      <Alert
        severity="error"
        title={`This dashboard needs ${missing.length === 1 ? 'a plugin' : 'plugins'} not installed`}
      >
        Missing: {missing.map(describePlugin).join(', ')}. Install them first; until then the panels of those types show
        “Panel plugin not found” and inputs of those datasources cannot be filled.
      </Alert>
    </div>
  );
}

interface InputFieldProps {
  input: DashboardInput;
  value?: string;
  onChange: (value: string) => void;
}

function DataSourceInputField({ input, value, onChange }: InputFieldProps) {
  const options = dataSourceSrv.getList({ pluginId: input.pluginId }).map((ds) => ({ label: ds.name, value: ds.uid }));
  const info = options.length === 0 ? `No data sources of type ${input.pluginName} found` : input.description;
  return (
    <Field label={input.label} description={info} invalid={options.length === 0} error={options.length ? '' : info}>
      <Select
        inputId={`import-input-${input.name}`}
        width={40}
        options={options}
        value={value}
        placeholder={`Select a ${input.pluginName} data source`}
        onChange={(choice) => onChange(choice.value ?? '')}
      />
    </Field>
  );
}

/** One `__inputs` entry: a datasource picked from those of its plugin, or a constant typed in. */
export function ImportInputField({ input, value, onChange }: InputFieldProps) {
  if (input.type === 'datasource') return <DataSourceInputField input={input} value={value} onChange={onChange} />;
  return (
    <Field label={input.label} description={input.description}>
      <Input width={60} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)} />
    </Field>
  );
}
