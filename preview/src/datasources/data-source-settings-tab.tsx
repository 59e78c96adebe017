import type { DataSourceSettings } from '@grafana/data';
import { config } from '@grafana/runtime';
import { Alert, Button, Stack } from '@grafana/ui';

import type { AnyDataSourcePlugin } from '../plugins/registry';
import { detailsText, severity, type TestResult } from './test-result';

type BackendStatus = { state: 'starting' | 'running' | 'failed' | 'stopped'; error?: string; pid?: number };

/** The preview server's word on a backend plugin's process (boot data), for plugins whose plugin.json has `backend`. */
function backendStatus(pluginId: string): BackendStatus | undefined {
  return (config as unknown as { previewBackends?: Record<string, BackendStatus> }).previewBackends?.[pluginId];
}

function BackendBanner({ pluginId }: { pluginId: string }) {
  const status = backendStatus(pluginId);
  if (!status || status.state === 'running' || status.state === 'starting') return null;
  return (
    <Alert severity="error" title="Plugin unavailable">
      The backend of {pluginId} is not running: {status.error ?? status.state}. Queries, health checks and resources of
      this datasource answer &quot;Plugin unavailable&quot;, as in Grafana.
    </Alert>
  );
}

interface Props {
  settings: DataSourceSettings;
  plugin: AnyDataSourcePlugin;
  onChange: (settings: DataSourceSettings) => void;
  result?: TestResult;
  testing: boolean;
  onSaveAndTest: () => void;
}

/** The Settings tab: the backend's banner, the plugin's config editor, the last test's result and Save & test. */
export function DataSourceSettingsTab({ settings, plugin, onChange, result, testing, onSaveAndTest }: Props) {
  const ConfigEditor = plugin.components.ConfigEditor;
  return (
    <Stack direction="column" gap={2}>
      <BackendBanner pluginId={settings.type} />
      {ConfigEditor ? (
        <ConfigEditor options={settings} onOptionsChange={onChange} />
      ) : (
        <Alert severity="info" title="This plugin has no config editor" />
      )}
      {result && (
        <div data-testid="data-testid Data source settings page test result">
          <Alert severity={severity(result.status)} title={result.message}>
            {detailsText(result.details)}
          </Alert>
        </div>
      )}
      <Stack>
        <Button onClick={onSaveAndTest} disabled={testing} icon={testing ? 'spinner' : undefined}>
          Save &amp; test
        </Button>
      </Stack>
    </Stack>
  );
}
