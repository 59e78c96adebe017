/**
 * `/dashboard/import`, as Grafana's Import dashboard page: a dashboard JSON file uploaded or pasted, then its name,
 * uid and the `__inputs` it asks for (a datasource of the input's plugin for each DS_ input), and Import, which posts
 * Grafana's ImportDashboardRequest. Before that, it names every plugin the dashboard needs that the preview lacks.
 */
import { getBackendSrv, locationService } from '@grafana/runtime';
import { Alert, Button, Field, FileUpload, Input, Stack, TextArea } from '@grafana/ui';
import { useMemo, useState } from 'react';

import type { ImportDashboardResponse } from '../../server/dashboard-import';
import { dashboardInputs, parseDashboard } from '../dashboard/requirements';
import { dataSourceSrv } from '../datasources/datasource-srv';
import { errorMessage } from '../datasources/request-error';
import { ImportInputField, MissingPlugins } from './import-inputs';
import { dashboardImportRequest, initialInputValues } from './import-request';

type Json = Record<string, unknown>;
type Failure = { message: string; exists: boolean };

/** Import, or Import (Overwrite) once the server said a dashboard of the uid exists; and Cancel. */
function ImportButtons(props: { failure?: Failure; disabled: boolean; onImport: () => void; onCancel: () => void }) {
  const { failure, disabled, onImport, onCancel } = props;
  return (
    <Stack>
      <Button variant={failure?.exists ? 'destructive' : 'primary'} disabled={disabled} onClick={onImport}>
        {failure?.exists ? 'Import (Overwrite)' : 'Import'}
      </Button>
      <Button variant="secondary" fill="outline" onClick={onCancel}>
        Cancel
      </Button>
    </Stack>
  );
}

function ImportOptions({ dashboard, onCancel }: { dashboard: Json; onCancel: () => void }) {
  const inputs = useMemo(() => dashboardInputs(dashboard), [dashboard]);
  const [title, setTitle] = useState(String(dashboard.title ?? ''));
  const [uid, setUid] = useState(String(dashboard.uid ?? ''));
  const [values, setValues] = useState<Record<string, string>>(() =>
    initialInputValues(inputs, (pluginId) => dataSourceSrv.getList({ pluginId })),
  );
  const [failure, setFailure] = useState<Failure>();
  const [importing, setImporting] = useState(false);
  const unfilled = inputs.filter((input) => !values[input.name]);

  const submit = async (overwrite: boolean) => {
    setImporting(true);
    setFailure(undefined);
    try {
      const request = dashboardImportRequest(dashboard, inputs, { title, uid, values }, overwrite);
      const result = await getBackendSrv().post<ImportDashboardResponse>('/api/dashboards/import', request);
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
      {inputs.map((input) => (
        <ImportInputField
          key={input.name}
          input={input}
          value={values[input.name]}
          onChange={(value) => setValues((all) => ({ ...all, [input.name]: value }))}
        />
      ))}
      {failure && (
        <div data-testid="preview-import-error">
          <Alert severity="error" title="The dashboard could not be imported">
            {failure.message}
          </Alert>
        </div>
      )}
      <ImportButtons
        failure={failure}
        disabled={importing || unfilled.length > 0 || !title.trim()}
        onImport={() => submit(Boolean(failure?.exists))}
        onCancel={onCancel}
      />
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
