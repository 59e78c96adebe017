#!/usr/bin/env node
// Builds the preview host (not Grafana) with webpack's filesystem cache: a warm build takes seconds.
//   node preview/build.cjs           the host on Grafana 12.4 + React 18, and the wrong-build fixture plugins
//   node preview/build.cjs compat    the compatibility host on Grafana 13.2 + React 19 (installs preview/compat first)
//   node preview/build.cjs all       both
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');
const createConfigs = require('./webpack.config.cjs');

const COMPAT = path.join(__dirname, 'compat');

/** `npm ci --prefix preview/compat` when its node_modules is missing or older than its lock file. */
function ensureCompatInstalled() {
  const marker = path.join(COMPAT, 'node_modules', '.package-lock.json');
  const lock = path.join(COMPAT, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs + 1000 >= fs.statSync(lock).mtimeMs) return;
  console.log('Installing the compatibility build’s packages (npm ci --prefix preview/compat)…');
  const result = spawnSync('npm', ['ci', '--prefix', COMPAT, '--no-audit', '--no-fund', '--ignore-scripts'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm ci --prefix preview/compat failed; see the output above');
}

function run(configs) {
  return new Promise((resolve, reject) => {
    const compiler = webpack(configs);
    compiler.run((error, stats) => {
      compiler.close((closeError) => {
        if (error || closeError) return reject(error ?? closeError);
        const json = stats.toJson({ all: false, errors: true, timings: true });
        const failures = json.children.flatMap((child) => child.errors.map((e) => `${child.name}: ${e.message}`));
        if (failures.length) return reject(new Error(failures.join('\n\n')));
        for (const child of json.children)
          console.log(`✔ ${child.name.padEnd(28)} ${(child.time / 1000).toFixed(1)} s`);
        resolve();
      });
    });
  });
}

/** @param {Array<'main' | 'compat'>} builds */
async function buildPreview(builds) {
  if (builds.includes('compat')) ensureCompatInstalled();
  await run(builds.flatMap((build) => createConfigs({ build })));
}

if (require.main === module) {
  const wanted = process.argv[2] ?? 'main';
  const builds = wanted === 'all' ? ['main', 'compat'] : [wanted];
  if (!builds.every((build) => build === 'main' || build === 'compat')) {
    console.error('usage: node preview/build.cjs [main|compat|all]');
    process.exit(2);
  }
  buildPreview(builds).catch((error) => {
    console.error(`✖ Preview build failed\n${error.message}`);
    process.exit(1);
  });
}

module.exports = { buildPreview, ensureCompatInstalled };
