/**
 * The datasource's settings page as Grafana shows it, with its two tabs. Settings: the plugin's own config editor,
 * then "Save & test", which saves the settings (PUT /api/datasources/uid/:uid), creates the datasource afresh from
 * its plugin and calls its testDatasource(). Dashboards (`…/edit/<uid>/dashboards`): the plugin's included dashboards.
 */
import type { DataSourceSettings } from '@grafana/data';
import { config, getBackendSrv } from '@grafana/runtime';
import { Alert, Stack, Tab, TabsBar } from '@grafana/ui';
import { useEffect, useState } from 'react';

import { loadDataSourcePlugin, type AnyDataSourcePlugin } from '../plugins/registry';
import { DataSourceDashboards } from './data-source-dashboards';
import { dataSourceSrv } from './datasource-srv';
import { DataSourceSettingsTab } from './data-source-settings-tab';
import { instanceSettings, type TestResult } from './test-result';

export type SettingsTab = 'settings' | 'dashboards';

/** The datasource's saved settings and its plugin, loaded from the preview server and the plugin's module. */
function useDataSourceEdit(uid: string) {
  const [settings, setSettings] = useState<DataSourceSettings>();
  const [plugin, setPlugin] = useState<AnyDataSourcePlugin>();
  const [problem, setProblem] = useState<string>();
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
  return { settings, setSettings, plugin, problem };
}

/** Saves the settings, creates the datasource afresh from its plugin and calls its testDatasource(). */
async function saveAndTest(uid: string, settings: DataSourceSettings): Promise<TestResult> {
  const { datasource } = await getBackendSrv().put<{ datasource: DataSourceSettings }>(
    `/api/datasources/uid/${encodeURIComponent(uid)}`,
    settings,
  );
  const previous = dataSourceSrv.getInstanceSettings(uid)!;
  config.datasources[previous.name] = instanceSettings(datasource, previous);
  dataSourceSrv.reload();
  const instance = await dataSourceSrv.get(uid);
  return (await instance.testDatasource()) as TestResult;
}

/** Save & test, and its result: while it runs, `testing`. */
function useSaveAndTest(uid: string, settings: DataSourceSettings | undefined) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<TestResult>();
  const onSaveAndTest = async () => {
    if (!settings) return;
    setTesting(true);
    setResult(undefined);
    try {
      setResult(await saveAndTest(uid, settings));
    } catch (error) {
      setResult({ status: 'error', message: (error as Error).message ?? String(error) });
    } finally {
      setTesting(false);
    }
  };
  return { testing, result, onSaveAndTest };
}

export function DataSourceSettingsPage({ uid, tab = 'settings' }: { uid: string; tab?: SettingsTab }) {
  const { settings, setSettings, plugin, problem } = useDataSourceEdit(uid);
  const test = useSaveAndTest(uid, settings);

  if (problem) return <Alert title="The datasource cannot be edited">{problem}</Alert>;
  if (!settings || !plugin) return null;
  const base = `/connections/datasources/edit/${encodeURIComponent(uid)}`;
  return (
    <Stack direction="column" gap={2}>
      <h1 style={{ fontSize: 20, margin: 0 }}>
        {settings.name} <span style={{ opacity: 0.6, fontSize: 14 }}>({settings.type})</span>
      </h1>
      <TabsBar>
        <Tab label="Settings" icon="sliders-v-alt" href={base} active={tab === 'settings'} />
        <Tab label="Dashboards" icon="apps" href={`${base}/dashboards`} active={tab === 'dashboards'} />
      </TabsBar>
      {tab === 'dashboards' ? (
        <DataSourceDashboards settings={settings} />
      ) : (
        <DataSourceSettingsTab settings={settings} plugin={plugin} onChange={setSettings} {...test} />
      )}
    </Stack>
  );
}
