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

/** In-memory datasources, created from provisioning-like settings; PUT replaces one as Grafana's API does. */
export class DataSourceStore {
  private readonly byUid = new Map<string, StoredDataSource>();

  constructor(telemetryUrl: string, plugins: BuiltPlugin[]) {
    const plugin = plugins.find((p) => p.id === TELEMETRY_DATASOURCE.type);
    this.byUid.set(TELEMETRY_DATASOURCE.uid, {
      id: 1,
      uid: TELEMETRY_DATASOURCE.uid,
      orgId: 1,
      name: TELEMETRY_DATASOURCE.name,
      type: TELEMETRY_DATASOURCE.type,
      typeName: plugin?.json.name ?? TELEMETRY_DATASOURCE.type,
      typeLogoUrl: `public/plugins/${TELEMETRY_DATASOURCE.type}/img/logo.svg`,
      access: 'proxy',
      url: '',
      user: '',
      database: '',
      basicAuth: false,
      basicAuthUser: '',
      withCredentials: false,
      isDefault: true,
      jsonData: { url: telemetryUrl },
      secureJsonFields: {},
      readOnly: false,
      version: 1,
    });
  }

  list(): StoredDataSource[] {
    return [...this.byUid.values()];
  }

  get(uid: string): StoredDataSource | undefined {
    return this.byUid.get(uid);
  }

  /** Grafana keeps id, uid, type and org; everything else comes from the request. */
  update(uid: string, body: Partial<StoredDataSource>): StoredDataSource | undefined {
    const current = this.byUid.get(uid);
    if (!current) return undefined;
    const next: StoredDataSource = {
      ...current,
      ...body,
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
