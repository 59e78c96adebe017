// Builds the preview host (not Grafana) and the wrong-build fixture plugins of e2e/fixtures.
//   npx webpack -c preview/webpack.config.cjs                     host (Grafana 12.4, React 18) + fixtures
//   npx webpack -c preview/webpack.config.cjs --env build=compat  host against preview/compat (Grafana 13.2, React 19)
const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');
const CopyPlugin = require('copy-webpack-plugin');
// webpack's own minimizer plugin (a dependency of webpack 5.10x), resolved from webpack so hoisting does not matter.
const MinimizerPlugin = require(
  require.resolve('minimizer-webpack-plugin', { paths: [path.dirname(require.resolve('webpack/package.json'))] }),
);
const { EXTERNALS } = require('../build/webpack.plugin.cjs');

const ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join(ROOT, 'e2e', 'fixtures');

const BUILDS = {
  main: { dist: path.join(__dirname, 'dist'), modules: path.join(ROOT, 'node_modules') },
  compat: { dist: path.join(__dirname, 'compat', 'dist'), modules: path.join(__dirname, 'compat', 'node_modules') },
};

const fontsource = (name, file) =>
  path.join(path.dirname(require.resolve(`@fontsource/${name}/package.json`)), 'files', file);

/** The files Grafana serves from public/: @grafana/ui's icons, and the fonts its GlobalStyles names. */
function publicAssets(modules) {
  const ROBOTO_MONO = 'roboto/L0xTDF4xlVMF-BfR8bXMIhJHg45mwgGEFl0_3vrtSM1J-gEPT5Ese6hmHSh0mQ.woff2';
  return [
    { from: path.join(modules, '@grafana', 'ui', 'dist', 'public', 'img'), to: 'img' },
    // Icons @grafana/ui asks for but does not ship (Grafana's own public/ has them).
    { from: path.join(__dirname, 'assets', 'img'), to: 'img' },
    { from: fontsource('inter', 'inter-latin-400-normal.woff2'), to: 'fonts/inter/Inter-Regular.woff2' },
    { from: fontsource('inter', 'inter-latin-500-normal.woff2'), to: 'fonts/inter/Inter-Medium.woff2' },
    { from: fontsource('inter', 'inter-latin-400-italic.woff2'), to: 'fonts/inter/Inter-Italic.woff2' },
    { from: fontsource('inter', 'inter-latin-500-italic.woff2'), to: 'fonts/inter/Inter-MediumItalic.woff2' },
    { from: fontsource('roboto-mono', 'roboto-mono-latin-400-normal.woff2'), to: `fonts/${ROBOTO_MONO}` },
  ];
}

function swcLoader(tsx) {
  return {
    loader: require.resolve('swc-loader'),
    options: {
      jsc: {
        parser: { syntax: 'typescript', tsx },
        target: 'es2020',
        transform: { react: { runtime: 'automatic', development: false } },
      },
    },
  };
}

function hostConfig(build) {
  const { dist, modules } = BUILDS[build];
  if (!fs.existsSync(path.join(modules, '@grafana', 'data'))) {
    throw new Error(`${path.relative(ROOT, modules)} has no @grafana/data: run npm ci --prefix preview/compat`);
  }
  // Both builds share one source tree. In the compatibility build, the host's own imports resolve in
  // preview/compat/node_modules first; the packages installed there resolve their dependencies as usual.
  const hostResolve = build === 'main' ? {} : { resolve: { modules: [modules, 'node_modules'] } };
  return {
    name: `preview-${build}`,
    mode: 'production',
    context: __dirname,
    target: ['web', 'es2020'],
    entry: { app: path.join(__dirname, 'src', 'index.tsx') },
    // Minified with swc, in seconds where terser takes minutes: every page load parses a third of the code.
    devtool: false,
    optimization: { minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify })] },
    output: {
      path: dist,
      filename: '[name].js',
      chunkFilename: 'chunks/[name].[contenthash:8].js',
      publicPath: 'public/build/',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
    },
    module: {
      rules: [
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
        // @grafana/ui's .mjs files default-import CommonJS packages that set __esModule (react-custom-scrollbars-2):
        // webpack's strict .mjs interop would hand them the whole exports object, Grafana's own build does not.
        { test: /\.mjs$/, include: /node_modules/, type: 'javascript/auto' },
        { test: /\.tsx$/, include: path.join(__dirname, 'src'), use: swcLoader(true), ...hostResolve },
        { test: /\.ts$/, include: path.join(__dirname, 'src'), use: swcLoader(false), ...hostResolve },
        { test: /\.css$/, use: [require.resolve('style-loader'), require.resolve('css-loader')] },
        { test: /\.(svg|png|woff2?)$/, type: 'asset/resource' },
      ],
    },
    plugins: [
      new CopyPlugin({ patterns: publicAssets(modules) }),
      // Monaco is megabytes and no editor the preview shows uses it.
      new webpack.NormalModuleReplacementPlugin(
        /ReactMonacoEditor\.mjs$/,
        path.join(__dirname, 'src', 'boot', 'no-monaco.tsx'),
      ),
    ],
    performance: { hints: false },
    cache: {
      type: 'filesystem',
      cacheDirectory: path.join(ROOT, 'node_modules', '.cache', 'webpack'),
      name: `preview-${build}`,
      buildDependencies: { config: [__filename] },
    },
  };
}

/**
 * A fixture plugin is built as create-plugin builds a real one, except for the mistake it demonstrates:
 * `fixture.json` may drop externals (so React gets bundled) or add some (so the AMD module asks Grafana for a
 * module it does not provide).
 */
function fixtureConfig(folder) {
  const { drop = [], add = [] } = JSON.parse(fs.readFileSync(path.join(folder, 'fixture.json'), 'utf8'));
  const { id } = JSON.parse(fs.readFileSync(path.join(folder, 'plugin.json'), 'utf8'));
  const externals = EXTERNALS.filter((entry) => !drop.includes(entry)).concat(add);
  const entry = ['module.tsx', 'module.ts'].map((name) => path.join(folder, name)).find(fs.existsSync);
  return {
    name: id,
    mode: 'production',
    context: folder,
    target: ['web', 'es2015'],
    entry,
    output: {
      path: path.join(folder, 'dist'),
      filename: 'module.js',
      library: { type: 'amd' },
      publicPath: `public/plugins/${id}/`,
      uniqueName: id,
      clean: true,
    },
    externals,
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [{ test: /\.tsx?$/, include: folder, use: swcLoader(true) }] },
    plugins: [new CopyPlugin({ patterns: [{ from: 'plugin.json', to: 'plugin.json' }] })],
    performance: { hints: false },
  };
}

function fixtureFolders() {
  if (!fs.existsSync(FIXTURES)) return [];
  return fs
    .readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(FIXTURES, entry.name, 'fixture.json')))
    .map((entry) => path.join(FIXTURES, entry.name));
}

module.exports = (env = {}) => {
  const build = env.build ?? 'main';
  if (!(build in BUILDS)) throw new Error(`--env build=${build}: choose ${Object.keys(BUILDS).join(' or ')}`);
  return build === 'main' ? [hostConfig('main'), ...fixtureFolders().map(fixtureConfig)] : [hostConfig(build)];
};
