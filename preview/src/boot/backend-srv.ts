/**
 * getBackendSrv() for plugins: real HTTP with window.fetch, so a plugin that calls an absolute URL or the
 * preview's few /api/ routes gets a real answer. There is no Grafana backend: no datasource proxy, no resource calls.
 */
import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { lastValueFrom, Observable } from 'rxjs';

function withParams(url: string, params?: Record<string, unknown>): string {
  if (!params) return url;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) query.append(key, String(value));
  }
  const text = query.toString();
  return text ? `${url}${url.includes('?') ? '&' : '?'}${text}` : url;
}

function fetchOnce<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
  return new Observable((subscriber) => {
    const controller = new AbortController();
    const body =
      options.data === undefined || typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
    fetch(withParams(options.url, options.params), {
      method: options.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: body as string | undefined,
      credentials: options.credentials,
      signal: controller.signal,
    })
      .then(async (response) => {
        const text = await response.text();
        let data: unknown = text;
        try {
          data = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: hand over the text
        }
        const result = {
          data: data as T,
          status: response.status,
          statusText: response.statusText,
          ok: response.ok,
          headers: response.headers,
          redirected: response.redirected,
          type: response.type,
          url: response.url,
          config: options,
        };
        if (response.ok) {
          subscriber.next(result);
          subscriber.complete();
        } else {
          subscriber.error({ ...result, message: `HTTP ${response.status} from ${options.url}` });
        }
      })
      .catch((error: Error) => {
        if (error.name !== 'AbortError') subscriber.error({ status: 0, message: error.message, config: options });
      });
    return () => controller.abort();
  });
}

export const backendSrv: BackendSrv = {
  fetch: fetchOnce,
  chunked: () => {
    throw new Error('getBackendSrv().chunked is not available in the preview');
  },
  datasourceRequest: <T>(options: BackendSrvRequest) => lastValueFrom(fetchOnce<T>(options)),
  request: <T>(options: BackendSrvRequest) => lastValueFrom(fetchOnce<T>(options)).then((r) => r.data),
  get: (url, params, _requestId, options) => backendSrv.request({ ...options, url, params, method: 'GET' }),
  delete: (url, data, options) => backendSrv.request({ ...options, url, data, method: 'DELETE' }),
  post: (url, data, options) => backendSrv.request({ ...options, url, data, method: 'POST' }),
  patch: (url, data, options) => backendSrv.request({ ...options, url, data, method: 'PATCH' }),
  put: (url, data, options) => backendSrv.request({ ...options, url, data, method: 'PUT' }),
};
