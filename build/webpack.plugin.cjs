// The one webpack config for every plugin in the suite: a function of the plugin folder.
// It produces <plugin>/dist/ exactly as Grafana mounts it from /var/lib/grafana/plugins/<id>.
//
//   webpack -c build/webpack.plugin.cjs --env dir=panels/track-map [--env development]
//   node scripts/build.cjs [plugin ...]          (all plugins in one webpack process)
const fs = require('node:fs');
const path = require('node:path');
const CopyPlugin = require('copy-webpack-plugin');

const ROOT = path.resolve(__dirname, '..');
const PLUGIN_ID = /^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$/;

// The workspace packages ship TypeScript source; webpack resolves their workspace symlinks to these real paths.
const SHARED_SOURCES = ['@eracing/telemetry-core', '@eracing/panel-kit'].map((name) =>
  path.join(fs.realpathSync(path.dirname(require.resolve(`${name}/package.json`))), 'src'),
);

/**
 * Modules Grafana hands to plugins at runtime: @grafana/create-plugin 7.x's externals, matched exactly.
 * Grafana 12.4's sharedDependenciesMap provides exactly these requests and nothing under them, so a
 * subpath such as `rxjs/webSocket`, `d3-scale` or `@grafana/data/internal` must be bundled: naming it
 * in the AMD `define([...])` makes Grafana refuse to load the plugin. Differences from create-plugin:
 * `rxjs/operators` is added (Grafana provides it), and create-plugin's prefix regexes for
 * @grafana/{ui,runtime,data} are narrowed to the package and its `/unstable` entry point.
 * `@grafana/schema` is not provided and is bundled.
 */
const SHARED_MODULES = [
  'lodash',
  'jquery',
  'moment',
  'slate',
  'emotion',
  '@emotion/react',
  '@emotion/css',
  'prismjs',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-redux',
  'redux',
  'rxjs',
  'rxjs/operators',
  'i18next',
  'react-router',
  'd3',
  'angular',
];
const GRAFANA_PACKAGES = /^@grafana\/(ui|runtime|data)(\/unstable)?$/;
const LEGACY_PREFIX = 'grafana/';

/** Old plugins import Grafana's own modules as `grafana/app/...`; Grafana serves them as `app/...`. */
function stripLegacyGrafanaPrefix({ request }, callback) {
  if (request && request.startsWith(LEGACY_PREFIX)) {
    return callback(undefined, request.slice(LEGACY_PREFIX.length));
  }
  return callback();
}

const EXTERNALS = [{ 'amd-module': 'module' }, ...SHARED_MODULES, GRAFANA_PACKAGES, stripLegacyGrafanaPrefix];

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The plugin folders of the workspace: every workspace with a `src/plugin.json`. */
function findPlugins() {
  const { workspaces } = readJson(path.join(ROOT, 'package.json'));
  return workspaces
    .map((workspace) => path.join(ROOT, workspace))
    .filter((dir) => fs.existsSync(path.join(dir, 'src', 'plugin.json')));
}

/** Id and version of the plugin in `pluginDir`, checked the way Grafana checks them. */
function describePlugin(pluginDir) {
  const { id } = readJson(path.join(pluginDir, 'src', 'plugin.json'));
  const { version } = readJson(path.join(pluginDir, 'package.json'));
  if (!PLUGIN_ID.test(id ?? '')) {
    throw new Error(`${pluginDir}/src/plugin.json: id "${id}" does not match ${PLUGIN_ID}`);
  }
  if (!version) throw new Error(`${pluginDir}/package.json has no version`);
  return { id, version };
}

/**
 * Copy patterns for the dashboards a plugin packages: its plugin.json `includes` of type `dashboard`. Their paths are
 * relative to src/ in Grafana's terms and name the repo's one copy of each dashboard, `dashboards/<file>.json`, which
 * is copied unchanged so that the packaged dashboard is the provisioned one, byte for byte.
 */
function includedDashboards(pluginDir) {
  const { includes = [] } = readJson(path.join(pluginDir, 'src', 'plugin.json'));
  return includes
    .filter((include) => include.type === 'dashboard')
    .map(({ path: file }) => {
      if (!/^dashboards\/[\w.-]+\.json$/.test(file ?? '')) {
        throw new Error(`${pluginDir}/src/plugin.json: dashboard include "${file}" is not dashboards/<file>.json`);
      }
      return { from: path.join(ROOT, file), to: file, toType: 'file' };
    });
}

/** YYYY-MM-DD of the build, from SOURCE_DATE_EPOCH when set so that rebuilds are reproducible. */
function buildDate() {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return (epoch ? new Date(Number(epoch) * 1000) : new Date()).toISOString().slice(0, 10);
}

function entryOf(pluginDir) {
  const entry = ['module.tsx', 'module.ts'].map((name) => path.join(pluginDir, 'src', name)).find(fs.existsSync);
  if (!entry) throw new Error(`${pluginDir}/src has no module.ts or module.tsx`);
  return entry;
}

/** swc-loader for TypeScript and JavaScript under `include`, compiled for Grafana's browsers (ES2015). */
function swcRule(test, { tsx, development, include }) {
  return {
    test,
    include,
    exclude: /node_modules/,
    use: {
      loader: require.resolve('swc-loader'),
      options: {
        jsc: {
          parser: { syntax: 'typescript', tsx },
          target: 'es2015',
          transform: { react: { runtime: 'automatic', development } },
        },
      },
    },
  };
}

/**
 * @param {string} pluginDir absolute or cwd-relative plugin folder
 * @param {{ development?: boolean }} [options]
 * @returns {import('webpack').Configuration}
 */
/** What the backend build writes into dist/: kept when the frontend build cleans it. */
const BACKEND_FILES = /(^|\/)(gpx_[^/]*_(amd64|arm64|arm)(\.exe)?|go_plugin_build_manifest)$/;

function createPluginConfig(pluginDir, { development = false } = {}) {
  const dir = path.resolve(pluginDir);
  const src = path.join(dir, 'src');
  const { id, version } = describePlugin(dir);
  const today = buildDate();
  const stamp = (content) => content.toString().replaceAll('%VERSION%', version).replaceAll('%TODAY%', today);
  const ownLicense = path.join(dir, 'LICENSE');
  const mode = development ? 'development' : 'production';

  return {
    name: id,
    mode,
    context: dir,
    target: ['web', 'es2015'],
    entry: entryOf(dir),
    devtool: 'source-map',
    output: {
      path: path.join(dir, 'dist'),
      filename: 'module.js',
      library: { type: 'amd' },
      publicPath: `public/plugins/${id}/`,
      uniqueName: id,
      // The Go backend's binaries and manifest are built beside the frontend (scripts/build-backend.cjs), as
      // create-plugin keeps them.
      clean: { keep: BACKEND_FILES },
    },
    externals: EXTERNALS,
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx', '.json'],
    },
    module: {
      rules: [
        // The core is pure: importing one of its modules does nothing but define exports. Saying so lets webpack
        // drop the modules a plugin does not use, which would otherwise pull the protocol's zod schemas into every panel.
        { include: SHARED_SOURCES, sideEffects: false },
        // JSX parsing only for .tsx/.jsx: in a .ts file `<T>(x: T) => x` and `<T>value` are generics and casts.
        swcRule(/\.[jt]sx$/, { tsx: true, development, include: [src, ...SHARED_SOURCES] }),
        swcRule(/\.[cm]?[jt]s$/, { tsx: false, development, include: [src, ...SHARED_SOURCES] }),
      ],
    },
    plugins: [
      new CopyPlugin({
        patterns: [
          { from: 'src/plugin.json', to: 'plugin.json', transform: stamp },
          { from: 'README.md', to: 'README.md', transform: stamp },
          { from: 'CHANGELOG.md', to: 'CHANGELOG.md', transform: stamp },
          { from: fs.existsSync(ownLicense) ? ownLicense : path.join(ROOT, 'LICENSE'), to: 'LICENSE', toType: 'file' },
          { context: src, from: 'img/**/*', to: '[path][name][ext]' },
          // Bundled dashboards and other JSON resources keep their path relative to src/.
          {
            context: src,
            from: '**/*.json',
            to: '[path][name][ext]',
            noErrorOnMissing: true,
            globOptions: { ignore: ['**/plugin.json', '**/__fixtures__/**', '**/__snapshots__/**'] },
          },
          ...includedDashboards(dir),
        ],
      }),
    ],
    performance: { hints: false },
    cache: {
      type: 'filesystem',
      cacheDirectory: path.join(ROOT, 'node_modules', '.cache', 'webpack'),
      name: `${id}-${mode}`,
      buildDependencies: { config: [__filename] },
    },
  };
}

/** Entry for webpack-cli: `--env dir=<plugin folder>` (default: the current folder), `--env development`. */
module.exports = (env = {}) => createPluginConfig(env.dir ?? process.cwd(), { development: Boolean(env.development) });
module.exports.createPluginConfig = createPluginConfig;
module.exports.describePlugin = describePlugin;
module.exports.findPlugins = findPlugins;
module.exports.EXTERNALS = EXTERNALS;
module.exports.ROOT = ROOT;
