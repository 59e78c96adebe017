/**
 * @grafana/data expects a browser: at import it listens on `window` and a dependency adds a style sheet to
 * `document`. Benchmarks that run Grafana's data code in Node give it a jsdom window first; import this module
 * before anything that imports @grafana/data.
 */
import { JSDOM } from 'jsdom';

const scope = globalThis as { window?: unknown; document?: unknown };
if (scope.window === undefined) {
  const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>');
  scope.window = window;
  scope.document = window.document;
}
