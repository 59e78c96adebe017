/**
 * `/dashboard/import`, as Grafana's Import dashboard page: a dashboard JSON file uploaded or pasted, then its name,
 * uid and the `__inputs` it asks for (a datasource of the input's plugin for each DS_ input), and Import, which posts
 * Grafana's ImportDashboardRequest. Before that, it names every plugin the dashboard needs that the preview lacks.
 */
import { config, getBackendSrv, locationService } from '@grafana/runtime';
import { Alert, Button, Field, FileUpload, Input, Select, Stack, TextArea } from '@grafana/ui';
import { useMemo, useState } from 'react';

import type { ImportDashboardResponse } from '../../server/dashboard-import';
import {
  dashboardInputs,
  describePlugin,
  missingPlugins,
  parseDashboard,
  type DashboardInput,
} from '../dashboard/requirements';
import { dataSourceSrv } from '../datasources/datasource-srv';
import { errorMessage } from '../datasources/data-source-dashboards';
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

function MissingPlugins({ dashboard }: { dashboard: Json }) {
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

function DataSourceInputField({
  input,
  value,
  onChange,
}: {
  input: DashboardInput;
  value?: string;
  onChange: (uid: string) => void;
}) {
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

function ImportOptions({ dashboard, onCancel }: { dashboard: Json; onCancel: () => void }) {
  const inputs = useMemo(() => dashboardInputs(dashboard), [dashboard]);
  const [title, setTitle] = useState(String(dashboard.title ?? ''));
  const [uid, setUid] = useState(String(dashboard.uid ?? ''));
  const [values, setValues] = useState<Record<string, string>>(() => {
    const initial: Record<string, string> = {};
    for (const input of inputs) {
      if (input.type === 'constant') initial[input.name] = input.value;
      else {
        const choices = dataSourceSrv.getList({ pluginId: input.pluginId });
        const chosen = choices.find((ds) => ds.isDefault) ?? choices[0];
        if (chosen) initial[input.name] = chosen.uid;
      }
    }
    return initial;
  });
  const [failure, setFailure] = useState<{ message: string; exists: boolean }>();
  const [importing, setImporting] = useState(false);
  const unfilled = inputs.filter((input) => !values[input.name]);

  const submit = async (overwrite: boolean) => {
    setImporting(true);
    setFailure(undefined);
    try {
      const result = await getBackendSrv().post<ImportDashboardResponse>('/api/dashboards/import', {
        dashboard: { ...dashboard, title, uid },
        overwrite,
        inputs: inputs.map((input) => ({
          name: input.name,
          type: input.type,
          pluginId: input.pluginId || undefined,
          value: values[input.name],
        })),
        folderUid: '',
      });
      locationService.push(result.importedUrl);
    } catch (error) {
      const { status } = error as { status?: number };
      setFailure({ message: errorMessage(error), exists: status === 412 });
    } finally {
      setImporting(false);
    }
  };

  return (
    <Stack direction="column" gap={1}>
      <h2 style={{ fontSize: 16, margin: 0 }}>Options</h2>
      <MissingPlugins dashboard={dashboard} />
      <Field label="Name">
        <Input id="import-title" width={60} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field label="Unique identifier (UID)" description="The dashboard's address: /d/<uid>">
        <Input id="import-uid" width={60} value={uid} onChange={(e) => setUid(e.currentTarget.value)} />
      </Field>
      {inputs.map((input) =>
        input.type === 'datasource' ? (
          <DataSourceInputField
            key={input.name}
            input={input}
            value={values[input.name]}
            onChange={(value) => setValues((all) => ({ ...all, [input.name]: value }))}
          />
        ) : (
          <Field key={input.name} label={input.label} description={input.description}>
            <Input
              width={60}
              value={values[input.name] ?? ''}
              onChange={(e) => setValues((all) => ({ ...all, [input.name]: e.currentTarget.value }))}
            />
          </Field>
        ),
      )}
      {failure && (
        <div data-testid="preview-import-error">
          <Alert severity="error" title="The dashboard could not be imported">
            {failure.message}
          </Alert>
        </div>
      )}
      <Stack>
        <Button
          variant={failure?.exists ? 'destructive' : 'primary'}
          disabled={importing || unfilled.length > 0 || !title.trim()}
          onClick={() => submit(Boolean(failure?.exists))}
        >
          {failure?.exists ? 'Import (Overwrite)' : 'Import'}
        </Button>
        <Button variant="secondary" fill="outline" onClick={onCancel}>
          Cancel
        </Button>
      </Stack>
    </Stack>
  );
}

export function ImportDashboardPage() {
  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState<{ dashboard?: Json; error?: string; key: number }>({ key: 0 });
  const load = (json: string) => setLoaded((previous) => ({ ...parseDashboard(json), key: previous.key + 1 }));

  return (
    <Stack direction="column" gap={2}>
      <h1 style={{ fontSize: 20, margin: 0 }}>Import dashboard</h1>
      <p style={{ margin: 0, opacity: 0.75 }}>
        Import a dashboard from a JSON file, as Grafana's Import dashboard page.
      </p>
      <FileUpload
        accept="application/json,.json"
        onFileUpload={({ currentTarget }) => {
          const file = currentTarget.files?.[0];
          if (file) file.text().then(load);
        }}
      >
        Upload dashboard JSON file
      </FileUpload>
      <Field label="Import via dashboard JSON model">
        <TextArea
          id="import-json"
          rows={8}
          value={text}
          placeholder="Paste the dashboard's JSON here"
          onChange={(e) => setText(e.currentTarget.value)}
        />
      </Field>
      <Stack>
        <Button variant="secondary" disabled={!text.trim()} onClick={() => load(text)}>
          Load
        </Button>
      </Stack>
      {loaded.error && (
        <div data-testid="preview-import-error">
          <Alert severity="error" title="This is not a dashboard the preview can import">
            {loaded.error}
          </Alert>
        </div>
      )}
      {loaded.dashboard && (
        <ImportOptions
          key={loaded.key}
          dashboard={loaded.dashboard}
          onCancel={() => setLoaded((previous) => ({ key: previous.key + 1 }))}
        />
      )}
    </Stack>
  );
}
