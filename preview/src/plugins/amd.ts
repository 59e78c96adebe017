import { SHARED_MODULES } from './shared-modules';

/** A plugin's module.js could not be loaded; the message says why, in the plugin author's terms. */
export class PluginLoadError extends Error {
  constructor(
    readonly pluginId: string,
    reason: string,
  ) {
    super(`Plugin ${pluginId} failed to load: ${reason}`);
    this.name = 'PluginLoadError';
  }
}

interface AmdDefinition {
  deps: string[];
  factory: unknown;
}

/** What React writes into its own module when a plugin bundles it (React 18, then React 19). */
const BUNDLED_REACT = [
  /__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED\s*=[^=]/,
  /__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE\s*=[^=]/,
];

/** Runs module.js with an AMD `define` in scope and returns what it defined, without calling the factory yet. */
function captureDefinition(pluginId: string, source: string, url: string): AmdDefinition {
  let definition: AmdDefinition | undefined;
  const define = (...args: unknown[]) => {
    if (definition) throw new PluginLoadError(pluginId, 'module.js calls define() more than once');
    const rest = typeof args[0] === 'string' ? args.slice(1) : args; // a named module: drop the name
    definition = Array.isArray(rest[0])
      ? { deps: rest[0] as string[], factory: rest[1] }
      : { deps: [], factory: rest[0] };
  };
  define.amd = {};
  try {
    new Function('define', `${source}\n//# sourceURL=${url}`)(define);
  } catch (error) {
    if (error instanceof PluginLoadError) throw error;
    throw new PluginLoadError(pluginId, `module.js threw while it was evaluated: ${(error as Error).message}`);
  }
  if (!definition) {
    throw new PluginLoadError(
      pluginId,
      'module.js is not an AMD module (it never calls define()); Grafana loads plugins built with output.library.type "amd".',
    );
  }
  return definition;
}

function refuseBundledReact(pluginId: string, source: string): void {
  if (BUNDLED_REACT.some((pattern) => pattern.test(source))) {
    throw new PluginLoadError(
      pluginId,
      'module.js bundles its own copy of React. Grafana provides react, react-dom and react/jsx-runtime to plugins, ' +
        'and a second React breaks hooks ("Invalid hook call") and, under React 19, rendering. ' +
        'Mark them as externals, as @grafana/create-plugin does.',
    );
  }
}

function refuseUnsharedDependencies(pluginId: string, deps: string[]): void {
  const missing = deps.filter((dep) => !(dep in SHARED_MODULES) && !['module', 'exports'].includes(dep));
  if (missing.length === 0) return;
  const names = missing.map((dep) => `"${dep}"`).join(', ');
  throw new PluginLoadError(
    pluginId,
    `module.js depends on ${names}, which Grafana does not provide to plugins. ` +
      `Bundle ${missing.length === 1 ? 'it' : 'them'} into the plugin instead of marking ${missing.length === 1 ? 'it' : 'them'} external.`,
  );
}

/**
 * Loads `public/plugins/<id>/module.js` the way Grafana does: as an AMD module whose dependencies are
 * Grafana's shared modules, plus `module` (its own address, which sets webpack's runtime public path).
 */
export async function importPluginModule(pluginId: string, modulePath: string): Promise<Record<string, unknown>> {
  const url = new URL(modulePath, document.baseURI).href;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new PluginLoadError(pluginId, `could not fetch ${modulePath}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new PluginLoadError(pluginId, `${modulePath} answered HTTP ${response.status}`);
  const source = await response.text();

  refuseBundledReact(pluginId, source);
  const { deps, factory } = captureDefinition(pluginId, source, url);
  refuseUnsharedDependencies(pluginId, deps);

  const exports: Record<string, unknown> = {};
  const resolved = await Promise.all(
    deps.map((dep) => {
      if (dep === 'module') return { id: modulePath, uri: url, exports };
      if (dep === 'exports') return exports;
      return SHARED_MODULES[dep]();
    }),
  );
  let returned: unknown;
  try {
    returned = typeof factory === 'function' ? factory(...resolved) : factory;
  } catch (error) {
    throw new PluginLoadError(pluginId, `module.js threw while it was set up: ${(error as Error).message}`);
  }
  return (returned ?? exports) as Record<string, unknown>;
}
