/**
 * Grafana's HTTP API for backend datasources, with Grafana's shapes, over the plugin processes of backend.ts:
 *   POST /api/ds/query                              → QueryData per datasource; 400 when any result has an error
 *   GET  /api/datasources/uid/<uid>/health          → CheckHealth; {status, message, details}, 200 or 400
 *   *    /api/datasources/uid/<uid>/resources/<p>   → CallResource with Path = <p>
 * A plugin that is not running answers as Grafana's `plugin.unavailable`.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { BackendPlugin, PluginDataSource, PluginUnavailable } from './backend';
import type { DataSourceStore } from './datasources';
import type { LiveTarget } from './live';

export interface QueryBody {
  queries?: unknown;
  from?: unknown;
  to?: unknown;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** Grafana's body for a plugin that is not running (pkg/plugins: `plugin.unavailable`). */
export function unavailable(error: PluginUnavailable): Record<string, unknown> {
  console.error(`✖ ${error.pluginId}: plugin unavailable: ${error.reason}`);
  return { message: 'Plugin unavailable', messageId: 'plugin.unavailable', statusCode: 500, traceID: '' };
}

const EXPRESSION_UIDS = new Set(['__expr__', '-100', 'Expression']);
/** Request headers Grafana does not forward to a plugin's resources (it strips cookies and its own auth). */
const DROPPED_HEADERS = new Set(['cookie', 'authorization', 'host', 'connection', 'content-length']);

type QueryModel = Record<string, unknown> & { refId?: string; datasource?: { uid?: string; type?: string } };

export class BackendApi {
  constructor(
    private readonly datasources: DataSourceStore,
    private readonly backends: Map<string, BackendPlugin>,
  ) {}

  /** The backend and plugin settings of a datasource, or why it has none. */
  target(uid: string): LiveTarget | string {
    const datasource = this.datasources.pluginSettings(uid);
    if (!datasource) return 'Data source not found';
    const backend = this.backends.get(datasource.type);
    if (!backend) return `Plugin ${datasource.type} has no backend`;
    return { backend, datasource };
  }

  private resolve(uid: string): { backend: BackendPlugin; datasource: PluginDataSource } | ApiAnswer {
    const found = this.target(uid);
    if (typeof found !== 'string') return found;
    if (found === 'Data source not found') return { status: 404, body: { message: found } };
    return { status: 400, body: { message: found, messageId: 'plugin.notRegistered' } };
  }

  async query(body: QueryBody): Promise<ApiAnswer> {
    const queries = Array.isArray(body.queries) ? (body.queries as QueryModel[]) : [];
    if (queries.length === 0) return { status: 400, body: { message: 'No queries found in query' } };
    const byUid = new Map<string, QueryModel[]>();
    const fallback = this.datasources.list().find((ds) => ds.isDefault)?.uid ?? '';
    for (const query of queries) {
      if (!query || typeof query !== 'object') return { status: 400, body: { message: 'A query is not an object' } };
      const uid = query.datasource?.uid ?? fallback;
      if (EXPRESSION_UIDS.has(uid) || query.datasource?.type === '__expr__') {
        return {
          status: 400,
          body: { message: 'The preview has no expressions engine: server-side expressions run only in Grafana' },
        };
      }
      byUid.set(uid, [...(byUid.get(uid) ?? []), query]);
    }
    const results: Record<string, { error?: string }> = {};
    for (const [uid, group] of byUid) {
      const found = this.resolve(uid);
      if ('status' in found) return found;
      const answer = await found.backend.call('/query', {
        datasource: found.datasource,
        queries: group,
        from: body.from === undefined ? undefined : String(body.from),
        to: body.to === undefined ? undefined : String(body.to),
      });
      if (answer.status !== 200) return answer;
      Object.assign(results, (answer.body as { results?: typeof results }).results ?? {});
    }
    const failed = Object.values(results).some((result) => result.error);
    return { status: failed ? 400 : 200, body: { results } };
  }

  async health(uid: string): Promise<ApiAnswer> {
    const found = this.resolve(uid);
    if ('status' in found) return found;
    const answer = await found.backend.call('/health', { datasource: found.datasource });
    if (answer.status !== 200) return answer;
    return { status: (answer.body as { status?: string }).status === 'OK' ? 200 : 400, body: answer.body };
  }

  async resource(
    uid: string,
    request: { method: string; path: string; query: string; headers: IncomingHttpHeaders; body: Buffer },
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const asJson = (answer: ApiAnswer) => ({
      status: answer.status,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(answer.body)),
    });
    const found = this.resolve(uid);
    if ('status' in found) return asJson(found);
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || DROPPED_HEADERS.has(name)) continue;
      headers[name] = [value].flat();
    }
    const answer = await found.backend.call('/resource', {
      datasource: found.datasource,
      method: request.method,
      path: request.path,
      url: `${request.path}${request.query}`,
      headers,
      body: request.body.length ? request.body.toString('base64') : undefined,
    });
    if (answer.status !== 200) return asJson(answer);
    const called = answer.body as { status: number; headers?: Record<string, string[]>; body?: string };
    const out: Record<string, string> = {};
    for (const [name, values] of Object.entries(called.headers ?? {})) {
      const key = name.toLowerCase();
      if (values.length && key !== 'content-length' && key !== 'transfer-encoding') out[key] = values.join(', ');
    }
    return { status: called.status || 200, headers: out, body: Buffer.from(called.body ?? '', 'base64') };
  }
}
