/**
 * The datasource's settings page as Grafana shows it, with its two tabs. Settings: the plugin's own config editor,
 * then "Save & test", which saves the settings (PUT /api/datasources/uid/:uid), creates the datasource afresh from
 * its plugin and calls its testDatasource(). Dashboards (`…/edit/<uid>/dashboards`): the plugin's included dashboards.
 */
import type { DataSourceInstanceSettings, DataSourceSettings } from '@grafana/data';
import { config, getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Stack, Tab, TabsBar } from '@grafana/ui';
import { useEffect, useState } from 'react';

import { loadDataSourcePlugin, type AnyDataSourcePlugin } from '../plugins/registry';
import { DataSourceDashboards } from './data-source-dashboards';
import { dataSourceSrv } from './datasource-srv';

export type SettingsTab = 'settings' | 'dashboards';

type TestResult = { status: string; message: string; details?: unknown };
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

/** What boot data holds for a datasource, rebuilt from its saved settings. */
function instanceSettings(saved: DataSourceSettings, previous: DataSourceInstanceSettings): DataSourceInstanceSettings {
  return { ...previous, name: saved.name, url: saved.url, jsonData: saved.jsonData, isDefault: saved.isDefault };
}

function severity(status: string): 'success' | 'error' | 'warning' | 'info' {
  return status === 'success' || status === 'warning' || status === 'info' ? status : 'error';
}

function detailsText(details: unknown): string | undefined {
  if (!details) return undefined;
  if (typeof details === 'string') return details;
  const { message, verboseMessage } = details as { message?: string; verboseMessage?: string };
  return verboseMessage ?? message;
}

export function DataSourceSettingsPage({ uid, tab = 'settings' }: { uid: string; tab?: SettingsTab }) {
  const [settings, setSettings] = useState<DataSourceSettings>();
  const [plugin, setPlugin] = useState<AnyDataSourcePlugin>();
  const [problem, setProblem] = useState<string>();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestResult>();

  useEffect(() => {
    getBackendSrv()
      .get<DataSourceSettings>(`/api/datasources/uid/${encodeURIComponent(uid)}`)
      .then(async (saved) => {
        setSettings(saved);
        const instance = dataSourceSrv.getInstanceSettings(saved.uid);
        if (!instance) throw new Error(`The plugin ${saved.type} is not built: run npm run build`);
        setPlugin(await loadDataSourcePlugin(instance.meta));
      })
      .catch((error: Error) => setProblem(error.message));
  }, [uid]);

  const saveAndTest = async () => {
    if (!settings) return;
    setTesting(true);
    setResult(undefined);
    try {
      const { datasource } = await getBackendSrv().put<{ datasource: DataSourceSettings }>(
        `/api/datasources/uid/${encodeURIComponent(uid)}`,
        settings,
      );
      const previous = dataSourceSrv.getInstanceSettings(uid)!;
      config.datasources[previous.name] = instanceSettings(datasource, previous);
      dataSourceSrv.reload();
      const instance = await dataSourceSrv.get(uid);
      const tested = (await instance.testDatasource()) as TestResult;
      setResult(tested);
    } catch (error) {
      setResult({ status: 'error', message: (error as Error).message ?? String(error) });
    } finally {
      setTesting(false);
    }
  };

  if (problem) return <Alert title="The datasource cannot be edited">{problem}</Alert>;
  if (!settings || !plugin) return null;
  const ConfigEditor = plugin.components.ConfigEditor;
  const base = `/connections/datasources/edit/${encodeURIComponent(uid)}`;

  const settingsTab = (
    <Stack direction="column" gap={2}>
      <BackendBanner pluginId={settings.type} />
      {ConfigEditor ? (
        <ConfigEditor options={settings} onOptionsChange={setSettings} />
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
        <Button onClick={saveAndTest} disabled={testing} icon={testing ? 'spinner' : undefined}>
          Save &amp; test
        </Button>
      </Stack>
    </Stack>
  );

  return (
    <Stack direction="column" gap={2}>
      <h1 style={{ fontSize: 20, margin: 0 }}>
        {settings.name} <span style={{ opacity: 0.6, fontSize: 14 }}>({settings.type})</span>
      </h1>
      <TabsBar>
        <Tab label="Settings" icon="sliders-v-alt" href={base} active={tab === 'settings'} />
        <Tab label="Dashboards" icon="apps" href={`${base}/dashboards`} active={tab === 'dashboards'} />
      </TabsBar>
      {tab === 'dashboards' ? <DataSourceDashboards settings={settings} /> : settingsTab}
    </Stack>
  );
}
