import { DataSourcePlugin, PanelPlugin, type DataSourcePluginMeta, type PanelPluginMeta } from '@grafana/data';
import { config } from '@grafana/runtime';

import { builtInPanel } from '../panels/builtin';
import { importPluginModule, PluginLoadError } from './amd';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDataSourcePlugin = DataSourcePlugin<any>;

export type PluginStatus = { state: 'loading' } | { state: 'loaded' } | { state: 'failed'; message: string };

/** Every plugin load the page attempted and how it ended: the plugins page and the browser tests read this. */
export const pluginStatus = new Map<string, PluginStatus>();
const listeners = new Set<() => void>();
export function onPluginStatusChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function setStatus(id: string, status: PluginStatus): void {
  pluginStatus.set(id, status);
  listeners.forEach((listener) => listener());
}

/** Metadata of every plugin the preview serves (panels, datasources and, in tests, the fixtures). */
export function servedPlugins(): Array<PanelPluginMeta | DataSourcePluginMeta> {
  return (config as unknown as { previewPlugins?: Array<PanelPluginMeta | DataSourcePluginMeta> }).previewPlugins ?? [];
}

const loads = new Map<string, Promise<PanelPlugin | AnyDataSourcePlugin>>();

async function loadExternal(meta: PanelPluginMeta | DataSourcePluginMeta): Promise<PanelPlugin | AnyDataSourcePlugin> {
  const exports = await importPluginModule(meta.id, meta.module);
  const plugin = exports.plugin as PanelPlugin | AnyDataSourcePlugin | undefined;
  const expected = meta.type === 'datasource' ? 'new DataSourcePlugin(DataSource)' : 'new PanelPlugin(Panel)';
  if (!plugin) {
    const found = Object.keys(exports).join(', ') || 'nothing';
    throw new PluginLoadError(
      meta.id,
      `module.js has no "plugin" export (it exports ${found}). Grafana expects: export const plugin = ${expected}.`,
    );
  }
  const fits = meta.type === 'datasource' ? 'DataSourceClass' in plugin : 'panel' in plugin;
  if (!fits) throw new PluginLoadError(meta.id, `the "plugin" export is not what Grafana expects: ${expected}.`);
  plugin.meta = meta as never;
  return plugin;
}

/** Loads a plugin once per page, recording the outcome; failures reject with a PluginLoadError. */
export function loadPlugin(meta: PanelPluginMeta | DataSourcePluginMeta): Promise<PanelPlugin | AnyDataSourcePlugin> {
  let load = loads.get(meta.id);
  if (!load) {
    setStatus(meta.id, { state: 'loading' });
    load = loadExternal(meta).then(
      (plugin) => {
        setStatus(meta.id, { state: 'loaded' });
        return plugin;
      },
      (error: Error) => {
        console.error(error.message);
        setStatus(meta.id, { state: 'failed', message: error.message });
        throw error;
      },
    );
    loads.set(meta.id, load);
  }
  return load;
}

export async function loadPanelPlugin(type: string): Promise<PanelPlugin> {
  const builtIn = builtInPanel(type);
  if (builtIn) return builtIn;
  const meta = config.panels[type];
  if (!meta) throw new PluginLoadError(type, `no panel plugin with id "${type}" is installed (built) in the preview.`);
  return (await loadPlugin(meta)) as PanelPlugin;
}

export async function loadDataSourcePlugin(meta: DataSourcePluginMeta): Promise<AnyDataSourcePlugin> {
  return (await loadPlugin(meta)) as AnyDataSourcePlugin;
}
