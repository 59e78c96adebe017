import type { BackendPlugin } from './backend';
import { pluginMeta, type DataSourceStore } from './datasources';
import type { BuiltPlugin } from './plugins';

/** Core panels the preview draws with @grafana/ui; Grafana lists them in boot data with a `core:` module. */
const BUILT_IN_PANELS = [
  { id: 'timeseries', name: 'Time series', sort: 1 },
  { id: 'stat', name: 'Stat', sort: 2 },
  { id: 'table', name: 'Table', sort: 3 },
];

export interface BootDataInput {
  grafanaVersion: string;
  plugins: BuiltPlugin[];
  datasources: DataSourceStore;
  appUrl: string;
  backends?: Map<string, BackendPlugin>;
}

/** `window.grafanaBootData`, which @grafana/runtime's `config` reads when it is first imported. */
export function bootData({ grafanaVersion, plugins, datasources, appUrl, backends }: BootDataInput): unknown {
  const panels: Record<string, unknown> = {};
  for (const panel of BUILT_IN_PANELS) {
    panels[panel.id] = {
      id: panel.id,
      name: panel.name,
      type: 'panel',
      sort: panel.sort,
      module: `core:plugin/${panel.id}`,
      baseUrl: `public/app/plugins/panel/${panel.id}`,
      info: {
        logos: { small: 'public/img/icn-panel.svg', large: 'public/img/icn-panel.svg' },
        version: grafanaVersion,
      },
      skipDataQuery: false,
      hideFromList: false,
      signature: 'internal',
    };
  }
  for (const plugin of plugins.filter((p) => p.type === 'panel'))
    panels[plugin.id] = { sort: 100, ...pluginMeta(plugin) };

  const metaById = new Map(plugins.map((p) => [p.id, pluginMeta(p)]));
  const instances: Record<string, unknown> = {};
  let defaultDatasource = '';
  for (const ds of datasources.list()) {
    const meta = metaById.get(ds.type);
    if (!meta) continue; // not built: the datasource page says so
    instances[ds.name] = {
      id: ds.id,
      uid: ds.uid,
      type: ds.type,
      name: ds.name,
      meta,
      url: ds.url,
      access: ds.access,
      jsonData: ds.jsonData,
      readOnly: ds.readOnly,
      isDefault: ds.isDefault,
    };
    if (ds.isDefault) defaultDatasource = ds.name;
  }

  return {
    user: {
      isSignedIn: true,
      id: 1,
      login: 'preview',
      name: 'Preview',
      orgId: 1,
      orgName: 'Preview',
      orgRole: 'Admin',
      isGrafanaAdmin: true,
      theme: 'dark',
      timezone: 'browser',
      weekStart: 'browser',
      locale: 'en-US',
      language: 'en-US',
      regionalFormat: 'en-US',
      permissions: {},
    },
    navTree: [],
    settings: {
      appUrl,
      appSubUrl: '',
      buildInfo: { version: grafanaVersion, edition: 'Preview (not Grafana)', env: 'production', commit: 'preview' },
      datasources: instances,
      defaultDatasource,
      panels,
      // The preview's own list, for its plugins page: everything it found, datasources and fixtures included.
      previewPlugins: plugins.map((p) => metaById.get(p.id)),
      // The preview's own: each backend plugin's process, running or why not, for the datasource page.
      previewBackends: Object.fromEntries([...(backends ?? [])].map(([id, backend]) => [id, backend.status()])),
      featureToggles: {},
      liveEnabled: true,
      minRefreshInterval: '1s',
    },
  };
}
