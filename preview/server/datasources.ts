import type { PluginDataSource } from './backend';
import type { BuiltPlugin } from './plugins';

/** The datasource the preview provisions, as Grafana's provisioning file would. */
export const TELEMETRY_DATASOURCE = {
  uid: 'eracing-telemetry',
  name: 'eRacing Telemetry',
  type: 'eracing-telemetry-datasource',
};

/** The subset of Grafana's DataSourceSettings (what GET /api/datasources/uid/:uid returns) the preview keeps. */
export interface StoredDataSource {
  id: number;
  uid: string;
  orgId: number;
  name: string;
  type: string;
  typeName: string;
  typeLogoUrl: string;
  access: 'proxy' | 'direct';
  url: string;
  user: string;
  database: string;
  basicAuth: boolean;
  basicAuthUser: string;
  withCredentials: boolean;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
  secureJsonFields: Record<string, boolean>;
  readOnly: boolean;
  version: number;
}

/** Plugin metadata in the shape Grafana's boot data gives it: paths rewritten to where the plugin is served. */
export function pluginMeta(plugin: BuiltPlugin): Record<string, unknown> {
  const base = `public/plugins/${plugin.id}`;
  const info = (plugin.json.info ?? {}) as { logos?: { small?: string; large?: string } };
  const logo = (file: string | undefined) => (file ? `${base}/${file}` : 'public/img/icn-plugin.svg');
  return {
    ...plugin.json,
    module: `${base}/module.js`,
    baseUrl: base,
    info: { ...info, logos: { small: logo(info.logos?.small), large: logo(info.logos?.large) } },
    signature: 'unsigned',
  };
}

/** How the provisioned datasource connects: the telemetry datasource's `jsonData.mode`. */
export type ConnectionMode = 'server' | 'browser';

export interface ProvisionOptions {
  telemetryUrl: string;
  mode: ConnectionMode;
  /** The telemetry server's token: secureJsonData in server mode, jsonData (readable by viewers) in browser mode. */
  token?: string;
}

/** A refusal of the datasource API, with the HTTP status Grafana answers it with. */
export class DataSourceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const UID = /^[a-zA-Z0-9_-]{1,40}$/;

/**
 * In-memory datasources, created from provisioning-like settings; POST adds one, PUT replaces one and DELETE removes
 * one, as Grafana's API does.
 */
export class DataSourceStore {
  private readonly byUid = new Map<string, StoredDataSource>();
  /** secureJsonData, as Grafana keeps it encrypted: never in an answer, only handed to the backend plugin. */
  private readonly secrets = new Map<string, Record<string, string>>();
  private readonly updated = new Map<string, number>();
  private nextId = 1;

  constructor(
    provision: ProvisionOptions,
    private readonly plugins: BuiltPlugin[],
  ) {
    const { telemetryUrl: url, mode, token } = provision;
    const jsonData = mode === 'browser' && token ? { url, mode, token } : { url, mode };
    const secureJsonData = mode === 'server' && token ? { token } : undefined;
    // Provisioned even when its plugin is not built: the datasource page then says so.
    this.add({ ...TELEMETRY_DATASOURCE, isDefault: true, jsonData, secureJsonData }, { provisioned: true });
  }

  private keepSecrets(uid: string, given: unknown): void {
    const secrets = { ...this.secrets.get(uid) };
    if (given && typeof given === 'object') {
      for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
        if (typeof value !== 'string') continue;
        if (value === '') delete secrets[key];
        else secrets[key] = value;
      }
    }
    this.secrets.set(uid, secrets);
    this.updated.set(uid, Date.now());
  }

  private secureJsonFields(uid: string): Record<string, boolean> {
    return Object.fromEntries(Object.keys(this.secrets.get(uid) ?? {}).map((key) => [key, true]));
  }

  /** The settings a backend plugin gets for a datasource (Grafana's DataSourceInstanceSettings), secrets decrypted. */
  pluginSettings(uid: string): PluginDataSource | undefined {
    const ds = this.byUid.get(uid);
    if (!ds) return undefined;
    const { id, name, type, url, jsonData } = ds;
    const decryptedSecureJsonData = { ...this.secrets.get(uid) };
    return { id, uid, name, type, url, jsonData, decryptedSecureJsonData, updated: this.updated.get(uid) ?? 0 };
  }

  /** POST /api/datasources: a new datasource of an installed datasource plugin, with a unique name and uid. */
  add(body: Partial<StoredDataSource> & { secureJsonData?: unknown }, { provisioned = false } = {}): StoredDataSource {
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (!name) throw new DataSourceError(400, 'A data source needs a name');
    if (this.list().some((ds) => ds.name === name)) {
      throw new DataSourceError(409, 'data source with the same name already exists');
    }
    const plugin = this.plugins.find((p) => p.id === body.type && p.type === 'datasource');
    if (!plugin && !provisioned) {
      throw new DataSourceError(400, `No datasource plugin ${String(body.type)} is installed (built)`);
    }
    const type = String(body.type);
    const uid = body.uid ?? `ds-${Math.random().toString(36).slice(2, 12)}`;
    if (!UID.test(uid)) throw new DataSourceError(400, `uid "${uid}" is not 1-40 letters, digits, - or _`);
    if (this.byUid.has(uid)) throw new DataSourceError(409, 'data source with the same uid already exists');
    if (body.isDefault) for (const ds of this.byUid.values()) ds.isDefault = false;
    const created: StoredDataSource = {
      id: this.nextId++,
      uid,
      orgId: 1,
      name,
      type,
      typeName: plugin?.json.name ?? type,
      typeLogoUrl: `public/plugins/${type}/img/logo.svg`,
      access: body.access === 'direct' ? 'direct' : 'proxy',
      url: typeof body.url === 'string' ? body.url : '',
      user: '',
      database: '',
      basicAuth: false,
      basicAuthUser: '',
      withCredentials: false,
      isDefault: Boolean(body.isDefault) || this.byUid.size === 0,
      jsonData: body.jsonData && typeof body.jsonData === 'object' ? { ...body.jsonData } : {},
      secureJsonFields: {},
      readOnly: false,
      version: 1,
    };
    this.keepSecrets(uid, body.secureJsonData);
    created.secureJsonFields = this.secureJsonFields(uid);
    this.byUid.set(uid, created);
    return created;
  }

  /** DELETE /api/datasources/uid/:uid: the removed datasource, or undefined when there was none. */
  remove(uid: string): StoredDataSource | undefined {
    const found = this.byUid.get(uid);
    this.byUid.delete(uid);
    this.secrets.delete(uid);
    this.updated.delete(uid);
    return found;
  }

  /** A datasource by uid or by name, as an import input's value may give either. */
  find(uidOrName: string): StoredDataSource | undefined {
    return this.byUid.get(uidOrName) ?? this.list().find((ds) => ds.name === uidOrName);
  }

  list(): StoredDataSource[] {
    return [...this.byUid.values()];
  }

  get(uid: string): StoredDataSource | undefined {
    return this.byUid.get(uid);
  }

  /**
   * Grafana keeps id, uid, type and org; everything else comes from the request. secureJsonData is merged into the
   * kept secrets (an empty value removes one) and answered only as secureJsonFields.
   */
  update(uid: string, body: Partial<StoredDataSource> & { secureJsonData?: unknown }): StoredDataSource | undefined {
    const current = this.byUid.get(uid);
    if (!current) return undefined;
    const { secureJsonData, ...rest } = body;
    this.keepSecrets(uid, secureJsonData);
    const next: StoredDataSource = {
      ...current,
      ...rest,
      secureJsonFields: this.secureJsonFields(uid),
      id: current.id,
      uid: current.uid,
      type: current.type,
      orgId: current.orgId,
      jsonData: { ...(body.jsonData ?? current.jsonData) },
      version: current.version + 1,
    };
    this.byUid.set(uid, next);
    return next;
  }
}
