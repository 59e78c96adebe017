/** @jest-environment jsdom */
// Checks what `npm run build` leaves in each plugin's dist/: the folder Grafana mounts as the plugin.
// It loads every module.js the way Grafana does, as an AMD module that may only ask for what Grafana provides.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import timers from 'node:timers';
import vm from 'node:vm';

import {
  type DataSourceApi,
  DataSourcePlugin,
  type DataSourceSettings,
  EventBusSrv,
  getDefaultTimeRange,
  LoadingState,
  type PanelProps,
  PanelPlugin,
} from '@grafana/data';
import { render, screen } from '@testing-library/react';
import { createElement, type ComponentType } from 'react';
import webpack, { type Configuration } from 'webpack';

import { createPluginConfig } from '../build/webpack.plugin.cjs';

const ROOT = path.resolve(__dirname, '..');

/** Grafana 12.4's sharedDependenciesMap: a plugin whose `define([...])` names anything else fails to load. */
const GRAFANA_PROVIDED = new Set([
  'module',
  '@emotion/css',
  '@emotion/react',
  'emotion',
  '@grafana/data',
  '@grafana/data/unstable',
  '@grafana/runtime',
  '@grafana/runtime/unstable',
  '@grafana/ui',
  '@grafana/ui/unstable',
  '@grafana/slate-react',
  'slate',
  'slate-react',
  'slate-plain-serializer',
  'd3',
  'i18next',
  'jquery',
  'lodash',
  'moment',
  'prismjs',
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-inlinesvg',
  'react-redux',
  'redux',
  'react-router',
  'react-router-dom',
  'rxjs',
  'rxjs/operators',
]);

interface PluginUnderTest {
  dir: string;
  id: string;
  type: 'datasource' | 'panel';
  /** Text the plugin shows with no data, rendered from the built bundle. */
  emptyText: string;
}

const PLUGINS: PluginUnderTest[] = [
  {
    dir: 'datasource',
    id: 'eracing-telemetry-datasource',
    type: 'datasource',
    emptyText: "Grafana's server connects to the telemetry server",
  },
  { dir: 'panels/track-map', id: 'eracing-trackmap-panel', type: 'panel', emptyText: 'No data' },
  { dir: 'panels/lap-delta', id: 'eracing-lapdelta-panel', type: 'panel', emptyText: 'No laps' },
  { dir: 'panels/tyre-heatmap', id: 'eracing-tyreheatmap-panel', type: 'panel', emptyText: 'No tyre channels' },
];

/** The dependency list of a webpack AMD bundle: `define(["a","b"],function(...){...})`. */
function amdDependencies(code: string): string[] {
  const match = /^define\((\[[^\]]*\])\s*,/.exec(code);
  if (!match) throw new Error(`not an AMD module: ${code.slice(0, 80)}`);
  return JSON.parse(match[1]);
}

const BROWSER_SCOPE = {
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval,
  performance,
  requestAnimationFrame: (callback: FrameRequestCallback) => setTimeout(() => callback(performance.now()), 16),
  cancelAnimationFrame: (handle: number) => clearTimeout(handle),
};

/** Evaluates an AMD bundle with a one-call `define`, handing it the real modules from node_modules. */
function loadAmd(code: string, filename: string, moduleUri: string): Record<string, unknown> {
  // Jest's jsdom global is already a vm context, so the bundle runs against the same browser globals as the tests.
  // The timers and clock a browser has are not among that context's own names: they come from the test's scope.
  const wrapped = vm.runInContext(
    `(function (define, ${Object.keys(BROWSER_SCOPE).join(', ')}) {\n${code}\n})`,
    vm.createContext(globalThis),
    { filename },
  );
  let exported: Record<string, unknown> | undefined;
  const define = (deps: string[], factory: (...modules: unknown[]) => Record<string, unknown>) => {
    if (exported) throw new Error('define() called twice');
    // Jest's own require, so the bundle gets the very @grafana/data whose classes the tests check against.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = factory(...deps.map((dep) => (dep === 'module' ? { id: dep, uri: moduleUri } : require(dep))));
  };
  define.amd = {};
  wrapped(define, ...Object.values(BROWSER_SCOPE));
  if (!exported) throw new Error(`${filename} never called define()`);
  return exported;
}

/** Paths of the dashboards a plugin packages: its plugin.json `includes` of type dashboard, relative to src/ and dist/. */
function includedDashboards(pluginDir: string): string[] {
  const { includes = [] } = JSON.parse(fs.readFileSync(path.join(pluginDir, 'src', 'plugin.json'), 'utf8'));
  return includes
    .filter((include: { type: string }) => include.type === 'dashboard')
    .map((include: { path: string }) => include.path);
}

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/**
 * What the build adds for a backend plugin: the host platform's executable and the manifest, always (the
 * process-level tests start that executable); the other platforms' when they are built (`npm test` builds them in
 * the background while the tests run and checks them at its end; mage also builds linux/arm).
 */
function backendFiles(pluginDir: string): { required: string[]; optional: string[] } {
  const json = JSON.parse(fs.readFileSync(path.join(pluginDir, 'src', 'plugin.json'), 'utf8'));
  if (json.backend !== true) return { required: [], optional: [] };
  const goos = process.platform === 'win32' ? 'windows' : process.platform;
  const goarch = process.arch === 'x64' ? 'amd64' : process.arch;
  const exe = (os: string, arch: string) => `${json.executable}_${os}_${arch}${os === 'windows' ? '.exe' : ''}`;
  const platforms = ['linux/amd64', 'linux/arm64', 'linux/arm', 'darwin/amd64', 'darwin/arm64', 'windows/amd64'];
  const host = exe(goos, goarch);
  const optional = platforms.map((platform) => exe(...(platform.split('/') as [string, string])));
  return { required: [host, 'go_plugin_build_manifest'], optional: optional.filter((file) => file !== host) };
}

describe.each(PLUGINS)('$id dist', ({ dir, id, type, emptyText }) => {
  const pluginDir = path.join(ROOT, dir);
  const dist = path.join(pluginDir, 'dist');
  const version: string = JSON.parse(fs.readFileSync(path.join(pluginDir, 'package.json'), 'utf8')).version;
  let code = '';

  beforeAll(() => {
    const modulePath = path.join(dist, 'module.js');
    if (!fs.existsSync(modulePath)) throw new Error(`${dir}/dist/module.js is missing: run npm run build first`);
    code = fs.readFileSync(modulePath, 'utf8');
  });

  it('asks Grafana only for modules Grafana provides', () => {
    const deps = amdDependencies(code);
    expect(deps.filter((dep) => !GRAFANA_PROVIDED.has(dep))).toEqual([]);
    expect(deps).toEqual(expect.arrayContaining(['react/jsx-runtime', '@grafana/data']));
  });

  it('leaves React to Grafana instead of bundling it', () => {
    for (const marker of [
      '__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED',
      'react.element',
      'react.transitional.element',
    ]) {
      expect(code).not.toContain(marker);
    }
  });

  it('ships a source map beside module.js', () => {
    expect(code.trimEnd().endsWith('//# sourceMappingURL=module.js.map')).toBe(true);
    const map = JSON.parse(fs.readFileSync(path.join(dist, 'module.js.map'), 'utf8'));
    expect(map.sources).toEqual(expect.arrayContaining([`webpack://${id}/./src/module.ts`]));
  });

  it('has a stamped plugin.json with existing logos', () => {
    const json = JSON.parse(fs.readFileSync(path.join(dist, 'plugin.json'), 'utf8'));
    expect(json.id).toBe(id);
    expect(json.type).toBe(type);
    expect(json.info.version).toBe(version);
    expect(json.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(json.dependencies.grafanaDependency).toBe('>=12.3.0');
    for (const logo of [json.info.logos.small, json.info.logos.large]) {
      expect(fs.existsSync(path.join(dist, logo))).toBe(true);
    }
  });

  it('holds exactly the module, its map, plugin.json, the docs, the images and the JSON of src/', () => {
    const backend = backendFiles(pluginDir);
    const src = path.join(pluginDir, 'src');
    const copied = listFiles(src).filter(
      (file) => (file.startsWith('img/') || file.endsWith('.json')) && file !== 'plugin.json',
    );
    const expected = [
      'module.js',
      'module.js.map',
      'plugin.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      ...copied,
      ...includedDashboards(pluginDir),
      ...backend.required,
    ];
    const files = listFiles(dist);
    expect(files.filter((file) => !backend.optional.includes(file)).sort()).toEqual(expected.sort());
    for (const file of files.filter((f) => f.startsWith('gpx_'))) {
      expect([file, fs.statSync(path.join(dist, file)).mode & 0o777]).toEqual([file, 0o755]);
    }
    const readme = fs.readFileSync(path.join(dist, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/%VERSION%|%TODAY%/);
    expect(fs.readFileSync(path.join(dist, 'LICENSE'), 'utf8')).toContain('Apache License');
  });

  it('packages each included dashboard as an unchanged copy of the one in dashboards/', () => {
    for (const file of includedDashboards(pluginDir)) {
      expect([file, fs.readFileSync(path.join(dist, file))]).toEqual([file, fs.readFileSync(path.join(ROOT, file))]);
    }
  });

  it('loads as an AMD module whose plugin renders', () => {
    const exported = loadAmd(code, path.join(dist, 'module.js'), `public/plugins/${id}/module.js`);
    if (type === 'panel') {
      const plugin = exported.plugin as PanelPlugin;
      expect(plugin).toBeInstanceOf(PanelPlugin);
      const Panel = plugin.panel as ComponentType<PanelProps>;
      // What Grafana always hands a panel, with no data.
      const timeRange = getDefaultTimeRange();
      const props = {
        data: { series: [], state: LoadingState.Done, timeRange },
        timeRange,
        options: {},
        fieldConfig: { defaults: {}, overrides: [] },
        width: 400,
        height: 300,
        eventBus: new EventBusSrv(),
        replaceVariables: (text: string) => text,
      };
      const { container } = render(createElement(Panel, props as unknown as PanelProps));
      expect(container.textContent).toMatch(/\S/);
    } else {
      const plugin = exported.plugin as DataSourcePlugin<DataSourceApi>;
      expect(plugin).toBeInstanceOf(DataSourcePlugin);
      expect(plugin.components.QueryEditor).toBeDefined();
      const ConfigEditor = plugin.components.ConfigEditor!;
      const options = { id: 1, uid: 'x', name: 'Telemetry', jsonData: {} } as DataSourceSettings;
      render(createElement(ConfigEditor, { options, onOptionsChange: () => {} }));
    }
    expect(screen.getByText(emptyText)).toBeTruthy();
  });
});

it('the datasource packages every dashboard of dashboards/, and no panel packages any', () => {
  const dashboards = fs
    .readdirSync(path.join(ROOT, 'dashboards'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => `dashboards/${file}`);
  expect(dashboards.length).toBeGreaterThan(0);
  for (const { dir, type } of PLUGINS) {
    const included = includedDashboards(path.join(ROOT, dir));
    expect([dir, included.sort()]).toEqual([dir, type === 'datasource' ? dashboards.sort() : []]);
  }
});

describe('the shared webpack config', () => {
  // A throwaway plugin that imports what Grafana provides, what it does not, and a legacy `grafana/` path.
  let fixture = '';
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'fixture', version: '9.8.7' }),
    'README.md': '# Fixture %VERSION% built %TODAY%\n',
    'CHANGELOG.md': '## %VERSION%\n',
    'src/plugin.json': JSON.stringify({
      id: 'fixture-externals-panel',
      info: { version: '%VERSION%', updated: '%TODAY%' },
      includes: [{ type: 'dashboard', name: 'Live session', path: 'dashboards/live-session.json' }],
    }),
    'src/img/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'src/dashboards/overview.json': '{"title":"Overview %VERSION%"}',
    'src/module.ts': [
      "import { of } from 'rxjs';",
      "import { map } from 'rxjs/operators';",
      "import { webSocket } from 'rxjs/webSocket';",
      "import { scaleLinear } from 'd3-scale';",
      "import * as d3 from 'd3';",
      "import { PanelPlugin } from '@grafana/data';",
      "import { Button } from '@grafana/ui';",
      "import * as unstable from '@grafana/ui/unstable';",
      "import { getBackendSrv } from '@grafana/runtime';",
      "import { VisibilityMode } from '@grafana/schema';",
      "import themeSchema from '@grafana/data/themes/schema.generated.json';",
      "import appEvents from 'grafana/app/core/app_events';",
      // A generic arrow only parses when .ts files are not read as TSX.
      'export const identity = <T>(value: T): T => value;',
      'export const used = [of, map, webSocket, scaleLinear, d3, PanelPlugin, Button, unstable, getBackendSrv, VisibilityMode, themeSchema, appEvents];',
    ].join('\n'),
  };
  let bundle = '';

  beforeAll(async () => {
    // jsdom, which the bundles above need, has no setImmediate; webpack's queues do.
    globalThis.setImmediate ??= timers.setImmediate;
    fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'eracing-externals-'));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      fs.writeFileSync(path.join(fixture, file), text);
    }
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    let config: Configuration;
    try {
      config = createPluginConfig(fixture);
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    config.cache = false;
    config.devtool = false;
    config.optimization = { minimize: false };
    // The fixture lives outside the repo, so point resolution at the repo's node_modules.
    config.resolve = { ...config.resolve, modules: ['node_modules', path.join(ROOT, 'node_modules')] };
    await new Promise<void>((resolve, reject) =>
      webpack(config).run((error, stats) =>
        error || stats?.hasErrors() ? reject(error ?? new Error(stats?.toString('errors-only'))) : resolve(),
      ),
    );
    bundle = fs.readFileSync(path.join(fixture, 'dist', 'module.js'), 'utf8');
  });

  afterAll(() => fixture && fs.rmSync(fixture, { recursive: true, force: true }));

  it('externalises exact module names only and bundles their subpaths and siblings', () => {
    expect(amdDependencies(bundle).sort()).toEqual(
      [
        '@grafana/data',
        '@grafana/runtime',
        '@grafana/ui',
        '@grafana/ui/unstable',
        'app/core/app_events',
        'd3',
        'rxjs',
        'rxjs/operators',
      ].sort(),
    );
  });

  it('stamps the version and build date into the copied files and keeps src/ paths', () => {
    const read = (file: string) => fs.readFileSync(path.join(fixture, 'dist', file), 'utf8');
    expect(JSON.parse(read('plugin.json')).info).toEqual({ version: '9.8.7', updated: '2023-11-14' });
    expect(read('README.md')).toBe('# Fixture 9.8.7 built 2023-11-14\n');
    expect(read('CHANGELOG.md')).toBe('## 9.8.7\n');
    expect(read('dashboards/overview.json')).toBe('{"title":"Overview %VERSION%"}');
    expect(read('img/logo.svg')).toBe(files['src/img/logo.svg']);
    expect(read('LICENSE')).toBe(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'));
  });

  it("copies the included dashboards from the repo's dashboards/ unchanged, and refuses a path outside it", () => {
    const dashboard = 'dashboards/live-session.json';
    expect(fs.readFileSync(path.join(fixture, 'dist', dashboard))).toEqual(fs.readFileSync(path.join(ROOT, dashboard)));
    const pluginJson = path.join(fixture, 'src', 'plugin.json');
    const original = fs.readFileSync(pluginJson, 'utf8');
    try {
      const plugin = JSON.parse(original);
      plugin.includes = [{ type: 'dashboard', name: 'Elsewhere', path: '../secrets.json' }];
      fs.writeFileSync(pluginJson, JSON.stringify(plugin));
      expect(() => createPluginConfig(fixture)).toThrow(
        'dashboard include "../secrets.json" is not dashboards/<file>.json',
      );
    } finally {
      fs.writeFileSync(pluginJson, original);
    }
  });
});
