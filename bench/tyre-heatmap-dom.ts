/**
 * A browser-like global scope for rendering the panel (and @grafana/ui) with react-dom in Node: jsdom's window and
 * its globals (Element, navigator, …), the few browser APIs jsdom lacks (as the Jest setup provides them), and style
 * sheets required as empty modules.
 */
import { JSDOM } from 'jsdom';
import Module from 'node:module';

// An origin, so that storage APIs @grafana/ui touches work; bench/grafana-dom.ts then keeps this window.
if ((globalThis as { window?: unknown }).window === undefined) {
  const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url: 'http://localhost/' });
  Object.assign(globalThis, { window, document: window.document });
}

// @grafana/ui requires a few style sheets; a bundler would inject them, Node would parse them as JavaScript.
(Module as unknown as { _extensions: Record<string, (module: { exports: unknown }) => void> })._extensions['.css'] = (
  module,
) => {
  module.exports = {};
};

const scope = globalThis as Record<string, unknown>;
const window = scope.window as Record<string, unknown> & typeof globalThis;
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addListener: () => {},
  removeListener: () => {},
  addEventListener: () => {},
  removeEventListener: () => {},
  dispatchEvent: () => false,
})) as typeof window.matchMedia;
class Observer {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
window.ResizeObserver ??= Observer as unknown as typeof ResizeObserver;
window.IntersectionObserver ??= Observer as unknown as typeof IntersectionObserver;
for (const key of Object.getOwnPropertyNames(window)) {
  // Node's own Event classes would not pass jsdom's dispatchEvent.
  if (key in scope && !/^(Event|CustomEvent|EventTarget)$/.test(key)) continue;
  Object.defineProperty(globalThis, key, { get: () => window[key], configurable: true });
}
