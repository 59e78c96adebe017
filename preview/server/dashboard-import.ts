/**
 * Importing dashboards as Grafana's API does: `GET /api/plugins/:pluginId/dashboards` lists a plugin's included
 * dashboards with their import status (Grafana's PluginDashboard), `POST /api/dashboards/import` takes Grafana's
 * ImportDashboardRequest (a plugin's `pluginId` + `path`, or a `dashboard` JSON; `overwrite`; `inputs`) and fills
 * the `${NAME}` of each `__inputs` entry as Grafana's DashTemplateEvaluator does. Imported dashboards live in memory
 * for the life of the process, beside the provisioned ones of dashboards/.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { DataSourceStore } from './datasources';
import type { BuiltPlugin } from './plugins';

type Json = Record<string, unknown>;

/** Grafana's PluginDashboard (pkg/services/plugindashboards), as `GET /api/plugins/:pluginId/dashboards` lists it. */
export interface PluginDashboard {
  uid: string;
  pluginId: string;
  title: string;
  imported: boolean;
  importedUri: string;
  importedUrl: string;
  slug: string;
  dashboardId: number;
  folderId: number;
  importedRevision: number;
  revision: number;
  description: string;
  path: string;
  removed: boolean;
}

/** Grafana's ImportDashboardInput: the value for one `__inputs` entry; `name: '*'` fills any input of its type. */
export interface ImportDashboardInput {
  type: string;
  pluginId?: string;
  name: string;
  value: string;
}

/** Grafana's ImportDashboardRequest. */
export interface ImportDashboardRequest {
  pluginId?: string;
  path?: string;
  overwrite?: boolean;
  dashboard?: Json;
  inputs?: ImportDashboardInput[];
  folderId?: number;
  folderUid?: string;
}

/** Grafana's ImportDashboardResponse: the PluginDashboard fields plus the folder. */
export type ImportDashboardResponse = PluginDashboard & { folderUid: string };

/** A refusal, with the status and message Grafana answers it with. */
export class ImportError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Json = {},
  ) {
    super(message);
  }
}

export interface StoredDashboard {
  id: number;
  uid: string;
  slug: string;
  /** The plugin it was imported from, as Grafana's dashboard.plugin_id; '' for one imported from JSON. */
  pluginId: string;
  dashboard: Json;
}

const UID = /^[a-zA-Z0-9_-]{1,40}$/;
const INPUT_REFERENCE = /\$\{.+?\}/g;

/** Grafana's slugify for dashboard URLs: lower case, runs of anything but letters and digits become one dash. */
export function slugify(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'dashboard'
  );
}

function revisionOf(dashboard: Json): number {
  return Number.isInteger(dashboard.revision) ? (dashboard.revision as number) : 1;
}

/**
 * Grafana's DashTemplateEvaluator: every `__inputs` entry must have an input of its type, by name or `*`; each
 * `${NAME}` in any string of the dashboard becomes that input's value; `__inputs` is dropped, everything else kept.
 */
export function evaluateTemplate(template: Json, inputs: ImportDashboardInput[]): Json {
  const values = new Map<string, string>();
  const wanted = Array.isArray(template.__inputs) ? (template.__inputs as Json[]) : [];
  for (const definition of wanted) {
    const name = String(definition.name ?? '');
    const type = String(definition.type ?? '');
    const input = inputs.find((i) => i.type === type && (i.name === name || i.name === '*'));
    if (!input) throw new ImportError(400, `Dashboard input variable: ${name} missing from import command`);
    values.set(`\${${name}}`, String(input.value));
  }
  const evaluate = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(INPUT_REFERENCE, (match) => values.get(match) ?? match);
    if (Array.isArray(value)) return value.map(evaluate);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => key !== '__inputs')
          .map(([key, item]) => [key, evaluate(item)]),
      );
    }
    return value;
  };
  return evaluate(template) as Json;
}

/** Reads a dashboard a plugin includes, from the plugin's folder; `file` may not climb out of it. */
function readIncluded(plugin: BuiltPlugin, file: string): Json {
  const resolved = path.resolve(plugin.dist, file);
  if (!resolved.startsWith(path.resolve(plugin.dist) + path.sep)) {
    throw new ImportError(400, `${file} is outside the plugin ${plugin.id}`);
  }
  let text: string;
  try {
    text = fs.readFileSync(resolved, 'utf8');
  } catch {
    throw new ImportError(404, `The plugin ${plugin.id} includes ${file}, but its folder has no such file`);
  }
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new ImportError(500, `${plugin.id}/${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function includedDashboards(plugin: BuiltPlugin): Array<{ name: string; path: string }> {
  const includes = Array.isArray(plugin.json.includes) ? (plugin.json.includes as Json[]) : [];
  return includes
    .filter((include) => include.type === 'dashboard' && typeof include.path === 'string')
    .map((include) => ({ name: String(include.name ?? include.path), path: include.path as string }));
}

export interface ProvisionedDashboards {
  /** The provisioned dashboard of this uid, if any: the file it comes from. */
  fileOf(uid: string): string | undefined;
}

/** The dashboards imported while the preview runs, keyed by uid. */
export class DashboardImports {
  private readonly byUid = new Map<string, StoredDashboard>();
  private nextId = 1;

  constructor(
    private readonly plugins: BuiltPlugin[],
    private readonly datasources: DataSourceStore,
    private readonly provisioned: ProvisionedDashboards,
  ) {}

  list(): StoredDashboard[] {
    return [...this.byUid.values()];
  }

  get(uid: string): StoredDashboard | undefined {
    return this.byUid.get(uid);
  }

  /** DELETE /api/dashboards/uid/:uid of an imported dashboard. */
  remove(uid: string): StoredDashboard | undefined {
    const found = this.byUid.get(uid);
    this.byUid.delete(uid);
    return found;
  }

  private plugin(id: string): BuiltPlugin {
    const plugin = this.plugins.find((p) => p.id === id);
    if (!plugin) throw new ImportError(404, `Plugin not found: no plugin ${id} is installed (built) in the preview`);
    return plugin;
  }

  /** GET /api/plugins/:pluginId/dashboards: each included dashboard, and imported ones the plugin no longer has. */
  pluginDashboards(pluginId: string): PluginDashboard[] {
    const plugin = this.plugin(pluginId);
    const matched = new Set<string>();
    const result = includedDashboards(plugin).map(({ path: file }) => {
      const dashboard = readIncluded(plugin, file);
      const uid = String(dashboard.uid ?? '');
      const title = String(dashboard.title ?? file);
      const existing = this.byUid.get(uid);
      const imported = existing?.pluginId === pluginId ? existing : undefined;
      if (imported) matched.add(imported.uid);
      return {
        uid,
        pluginId,
        title,
        imported: Boolean(imported),
        importedUri: imported ? `db/${imported.slug}` : '',
        importedUrl: imported ? `/d/${imported.uid}/${imported.slug}` : '',
        slug: slugify(title),
        dashboardId: imported?.id ?? 0,
        folderId: 0,
        importedRevision: imported ? revisionOf(imported.dashboard) : 0,
        revision: revisionOf(dashboard),
        description: String(dashboard.description ?? ''),
        path: file,
        removed: false,
      };
    });
    for (const stored of this.byUid.values()) {
      if (stored.pluginId !== pluginId || matched.has(stored.uid)) continue;
      result.push({
        uid: stored.uid,
        pluginId,
        title: String(stored.dashboard.title ?? stored.uid),
        imported: true,
        importedUri: `db/${stored.slug}`,
        importedUrl: `/d/${stored.uid}/${stored.slug}`,
        slug: stored.slug,
        dashboardId: stored.id,
        folderId: 0,
        importedRevision: revisionOf(stored.dashboard),
        revision: 0,
        description: '',
        path: '',
        removed: true,
      });
    }
    return result;
  }

  /** Datasource inputs must name a datasource of their plugin (by uid or name): Grafana would save a dead reference. */
  private checkInputs(template: Json, inputs: ImportDashboardInput[]): void {
    for (const input of inputs) {
      if (input.type !== 'datasource') continue;
      const found = this.datasources.find(String(input.value));
      if (!found) throw new ImportError(400, `Input ${input.name}: no datasource is named or has uid "${input.value}"`);
      if (input.pluginId && found.type !== input.pluginId) {
        throw new ImportError(400, `Input ${input.name}: ${found.name} is a ${found.type}, not a ${input.pluginId}`);
      }
    }
    const wanted = Array.isArray(template.__inputs) ? (template.__inputs as Json[]) : [];
    for (const definition of wanted) {
      if (definition.type !== 'datasource') continue;
      const input = inputs.find((i) => i.type === 'datasource' && (i.name === definition.name || i.name === '*'));
      const found = input && this.datasources.find(String(input.value));
      if (found && definition.pluginId && found.type !== definition.pluginId) {
        throw new ImportError(
          400,
          `Input ${String(definition.name)} needs a ${String(definition.pluginId)} datasource; ${found.name} is a ${found.type}`,
        );
      }
    }
  }

  /** POST /api/dashboards/import. */
  import(request: ImportDashboardRequest): ImportDashboardResponse {
    if (!request || typeof request !== 'object') throw new ImportError(400, 'The body must be a JSON object');
    const inputs = Array.isArray(request.inputs) ? request.inputs : [];
    const pluginId = typeof request.pluginId === 'string' ? request.pluginId : '';
    let template: Json;
    if (pluginId && typeof request.path === 'string') {
      const plugin = this.plugin(pluginId);
      if (!includedDashboards(plugin).some((include) => include.path === request.path)) {
        throw new ImportError(404, `The plugin ${pluginId} includes no dashboard ${request.path}`);
      }
      template = readIncluded(plugin, request.path);
    } else if (request.dashboard && typeof request.dashboard === 'object' && !Array.isArray(request.dashboard)) {
      template = request.dashboard;
    } else {
      throw new ImportError(400, 'Give a dashboard, or a pluginId and the path of a dashboard it includes');
    }
    this.checkInputs(template, inputs);
    const dashboard = evaluateTemplate(template, inputs);

    const title = typeof dashboard.title === 'string' ? dashboard.title.trim() : '';
    if (!title) throw new ImportError(400, 'Dashboard title cannot be empty');
    const uid = typeof dashboard.uid === 'string' && dashboard.uid ? dashboard.uid : randomUid();
    if (!UID.test(uid)) throw new ImportError(400, `Dashboard uid "${uid}" is not 1-40 letters, digits, - or _`);
    const existing = this.byUid.get(uid);
    const provisionedFile = this.provisioned.fileOf(uid);
    if ((existing || provisionedFile) && !request.overwrite) {
      const where = existing ? '' : ` (provisioned from ${provisionedFile})`;
      throw new ImportError(412, `A dashboard with the same uid already exists${where}`, { status: 'name-exists' });
    }
    const id = existing?.id ?? this.nextId++;
    const version = existing ? Number(existing.dashboard.version ?? 0) + 1 : 1;
    const stored: StoredDashboard = {
      id,
      uid,
      slug: slugify(title),
      pluginId,
      dashboard: { ...dashboard, id, uid, title, version },
    };
    this.byUid.set(uid, stored);
    return {
      uid,
      pluginId,
      title,
      imported: true,
      importedUri: `db/${stored.slug}`,
      importedUrl: `/d/${uid}/${stored.slug}`,
      slug: stored.slug,
      dashboardId: id,
      folderId: 0,
      folderUid: '',
      importedRevision: revisionOf(dashboard),
      revision: revisionOf(dashboard),
      description: String(dashboard.description ?? ''),
      path: typeof request.path === 'string' ? request.path : '',
      removed: false,
    };
  }
}

function randomUid(): string {
  return Math.random().toString(36).slice(2, 11) + Math.random().toString(36).slice(2, 7);
}
