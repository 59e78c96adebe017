/**
 * What a dashboard JSON needs before it can be imported and work: the plugins its `__requires`, its panels and its
 * `__inputs` name, checked against the plugins the preview has. Grafana's core panels count as present (Grafana has
 * them; the preview names the ones it does not draw).
 */
import { GRAFANA_PANEL_IDS } from '../panels/grafana-panels';

type Json = Record<string, unknown>;

export interface NeededPlugin {
  type: 'panel' | 'datasource';
  id: string;
  name: string;
  /** The version `__requires` names; '' when it names none. */
  version: string;
}

export interface InstalledPlugins {
  panels: ReadonlySet<string>;
  datasources: ReadonlySet<string>;
}

/** Datasource "types" that are Grafana's own, not plugins: the built-in, mixed, dashboard and expression ones. */
const GRAFANA_DATASOURCES = new Set(['grafana', 'datasource', 'dashboard', 'mixed', '__expr__', '-- Mixed --']);

function panelsOf(dashboard: Json): Json[] {
  const panels = Array.isArray(dashboard.panels) ? (dashboard.panels as Json[]) : [];
  return panels.flatMap((panel) => [panel, ...(Array.isArray(panel.panels) ? (panel.panels as Json[]) : [])]);
}

/** Every plugin the dashboard needs: from `__requires` first, then panel types and input plugins it does not list. */
export function neededPlugins(dashboard: Json): NeededPlugin[] {
  const needed = new Map<string, NeededPlugin>();
  const add = (plugin: NeededPlugin) => {
    if (!plugin.id || needed.has(`${plugin.type}:${plugin.id}`)) return;
    if (plugin.type === 'datasource' && (GRAFANA_DATASOURCES.has(plugin.id) || plugin.id.startsWith('$'))) return;
    if (plugin.type === 'panel' && plugin.id === 'row') return;
    needed.set(`${plugin.type}:${plugin.id}`, plugin);
  };
  for (const entry of Array.isArray(dashboard.__requires) ? (dashboard.__requires as Json[]) : []) {
    if (entry.type !== 'panel' && entry.type !== 'datasource') continue;
    const id = String(entry.id ?? '');
    add({ type: entry.type, id, name: String(entry.name ?? id), version: String(entry.version ?? '') });
  }
  for (const panel of panelsOf(dashboard)) {
    const id = typeof panel.type === 'string' ? panel.type : '';
    add({ type: 'panel', id, name: id, version: '' });
  }
  for (const input of Array.isArray(dashboard.__inputs) ? (dashboard.__inputs as Json[]) : []) {
    if (input.type !== 'datasource') continue;
    const id = String(input.pluginId ?? '');
    add({ type: 'datasource', id, name: String(input.pluginName ?? id), version: '' });
  }
  return [...needed.values()];
}

/** The plugins the dashboard needs and the preview lacks. */
export function missingPlugins(dashboard: Json, installed: InstalledPlugins): NeededPlugin[] {
  return neededPlugins(dashboard).filter((plugin) =>
    plugin.type === 'panel'
      ? !installed.panels.has(plugin.id) && !GRAFANA_PANEL_IDS.includes(plugin.id)
      : !installed.datasources.has(plugin.id),
  );
}

/** "Wind rose (acme-windrose-panel 2.0.0)": how a message names a plugin. */
export function describePlugin({ id, name, version }: NeededPlugin): string {
  const detail = version ? `${id} ${version}` : id;
  return name && name !== id ? `${name} (${detail})` : detail;
}

export interface DashboardInput {
  name: string;
  label: string;
  description: string;
  type: string;
  pluginId: string;
  pluginName: string;
  value: string;
}

/** The `__inputs` Grafana's import page asks for: datasources (picked) and constants (typed, with a default). */
export function dashboardInputs(dashboard: Json): DashboardInput[] {
  const inputs = Array.isArray(dashboard.__inputs) ? (dashboard.__inputs as Json[]) : [];
  return inputs
    .filter((input) => input.type === 'datasource' || input.type === 'constant')
    .map((input) => ({
      name: String(input.name ?? ''),
      label: String(input.label ?? input.name ?? ''),
      description: String(input.description ?? ''),
      type: String(input.type),
      pluginId: String(input.pluginId ?? ''),
      pluginName: String(input.pluginName ?? input.pluginId ?? ''),
      value: String(input.value ?? ''),
    }));
}

/** Parses pasted or uploaded dashboard JSON; says where it is broken, or that it is not a dashboard. */
export function parseDashboard(text: string): { dashboard?: Json; error?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { error: 'Not a dashboard: not a JSON object' };
  const dashboard = json as Json;
  if (!Array.isArray(dashboard.panels) && typeof dashboard.title !== 'string') {
    return { error: 'Not a dashboard: it has neither a title nor panels' };
  }
  return { dashboard };
}
