#!/usr/bin/env node
// Builds the Grafana plugins into <plugin>/dist in one webpack process.
//   node scripts/build.cjs                      every plugin
//   node scripts/build.cjs track-map datasource  only these (folder, folder name or plugin id)
//   node scripts/build.cjs --backend=host        the datasource's Go backend for this machine only (npm start);
//                                                --backend=none skips it; default: every platform Grafana runs on
const path = require('node:path');
const webpack = require('webpack');
const { createPluginConfig, describePlugin, findPlugins, ROOT } = require('../build/webpack.plugin.cjs');
const { buildBackend, findGo, hostPlatform, PLATFORMS } = require('./build-backend.cjs');

/** Resolves folder paths, folder names or plugin ids to plugin folders; throws on an unknown name. */
function selectPlugins(names) {
  const plugins = findPlugins();
  if (names.length === 0) return plugins;
  return names.map((name) => {
    const wanted = name.replace(/\/+$/, '');
    const match = plugins.find(
      (dir) =>
        path.relative(ROOT, dir) === wanted ||
        path.basename(dir) === wanted ||
        path.resolve(wanted) === dir ||
        describePlugin(dir).id === wanted,
    );
    if (!match) {
      const known = plugins.map((dir) => path.relative(ROOT, dir)).join(', ');
      throw new Error(`Unknown plugin "${name}". Plugins: ${known}`);
    }
    return match;
  });
}

function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Builds the given plugin folders; resolves when all are built, rejects with every error message. */
function build(pluginDirs, options = {}) {
  const configs = pluginDirs.map((dir) => createPluginConfig(dir, options));
  return new Promise((resolve, reject) => {
    const compiler = webpack(configs);
    compiler.run((runError, stats) => {
      // Closing the compiler writes the filesystem cache; a failed run is reported after that.
      compiler.close((closeError) => {
        const error = runError ?? closeError;
        if (error) return reject(error);
        const children = stats.toJson({
          all: false,
          assets: true,
          errors: true,
          warnings: true,
          outputPath: true,
        }).children;
        const failures = children.flatMap((child) =>
          child.errors.map((e) => `${child.name}: ${e.moduleName ? `${e.moduleName}\n` : ''}${e.message}`),
        );
        for (const child of children) {
          for (const warning of child.warnings) console.warn(`⚠ ${child.name}: ${warning.message}`);
        }
        if (failures.length > 0) return reject(new Error(failures.join('\n\n')));
        resolve(
          children.map((child) => ({
            id: child.name,
            dist: child.outputPath,
            moduleBytes: child.assets.find((asset) => asset.name === 'module.js')?.size ?? 0,
          })),
        );
      });
    });
  });
}

/** Plugins among `pluginDirs` that have a Go backend (a go.mod beside their package.json). */
function backendPlugins(pluginDirs) {
  return pluginDirs.filter((dir) => require('node:fs').existsSync(path.join(dir, 'go.mod')));
}

/**
 * Builds the Go backend after the frontend (whose clean keeps the binaries). `host`: this machine's platform only,
 * and a machine without Go gets one line saying the datasource runs in browser mode.
 */
function buildBackends(pluginDirs, which) {
  if (which === 'none' || backendPlugins(pluginDirs).length === 0) return;
  if (which === 'host' && !findGo()) {
    console.log('ⓘ No Go toolchain (PATH, /usr/local/go/bin): datasource backend not built; it runs in browser mode.');
    return;
  }
  buildBackend({ platforms: which === 'host' ? [hostPlatform()] : PLATFORMS });
}

async function main() {
  const started = performance.now();
  const args = process.argv.slice(2);
  const backend = (args.find((arg) => arg.startsWith('--backend=')) ?? '--backend=all').slice('--backend='.length);
  if (!['all', 'host', 'none'].includes(backend)) throw new Error(`--backend is all, host or none, not "${backend}"`);
  const plugins = selectPlugins(args.filter((arg) => !arg.startsWith('--')));
  const results = await build(plugins);
  for (const { id, dist, moduleBytes } of results) {
    console.log(`✔ ${id.padEnd(30)} module.js ${formatSize(moduleBytes).padStart(10)}  ${path.relative(ROOT, dist)}`);
  }
  buildBackends(plugins, backend);
  console.log(`Built ${results.length} plugin(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`✖ Build failed\n${error.stack && !error.message.includes('\n') ? error.stack : error.message}`);
    process.exit(1);
  });
}

module.exports = { build, buildBackends, selectPlugins };
