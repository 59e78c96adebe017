#!/usr/bin/env node
// Builds the Grafana plugins into <plugin>/dist in one webpack process.
//   node scripts/build.cjs                      every plugin
//   node scripts/build.cjs track-map datasource  only these (folder, folder name or plugin id)
const path = require('node:path');
const webpack = require('webpack');
const { createPluginConfig, describePlugin, findPlugins, ROOT } = require('../build/webpack.plugin.cjs');

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

async function main() {
  const started = performance.now();
  const results = await build(selectPlugins(process.argv.slice(2)));
  for (const { id, dist, moduleBytes } of results) {
    console.log(`✔ ${id.padEnd(30)} module.js ${formatSize(moduleBytes).padStart(10)}  ${path.relative(ROOT, dist)}`);
  }
  console.log(`Built ${results.length} plugin(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`✖ Build failed\n${error.stack && !error.message.includes('\n') ? error.stack : error.message}`);
    process.exit(1);
  });
}

module.exports = { build, selectPlugins };
