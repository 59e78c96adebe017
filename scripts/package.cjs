#!/usr/bin/env node
// Packs each plugin's dist/ into artifacts/<id>-<version>.zip in Grafana's distribution layout
// (one top-level folder named after the plugin id), with .sha1 and .md5 files beside each zip.
// It builds the plugins first (a warm build takes seconds), so a zip never holds a stale dist/.
//   node scripts/package.cjs                 every plugin
//   node scripts/package.cjs track-map       only these (folder, folder name or plugin id)
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { zipSync } = require('fflate');
const { ROOT } = require('../build/webpack.plugin.cjs');
const { build, buildBackends, selectPlugins } = require('./build.cjs');

const ARTIFACTS = path.join(ROOT, 'artifacts');
const FILE_MODE = 0o100644;
// Grafana runs the backend's binaries straight from the unpacked zip.
const EXECUTABLE_MODE = 0o100755;
const EXECUTABLE = /^gpx_.*_(amd64|arm64|arm)(\.exe)?$/;
const DIR_MODE = 0o040755;

/** Zip entries for every file and folder under `dir`, named `<prefix>/<relative path>`, in a stable order. */
function zipEntries(dir, prefix) {
  const entries = { [`${prefix}/`]: [new Uint8Array(0), { attrs: DIR_MODE << 16, mtime: fs.statSync(dir).mtime }] };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    const name = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) Object.assign(entries, zipEntries(full, name));
    else {
      const mode = EXECUTABLE.test(entry.name) ? EXECUTABLE_MODE : FILE_MODE;
      entries[name] = [fs.readFileSync(full), { attrs: mode << 16, mtime: fs.statSync(full).mtime }];
    }
  }
  return entries;
}

function writeChecksum(file, algorithm, data) {
  const digest = crypto.createHash(algorithm).update(data).digest('hex');
  // The `sha1sum -c` / `md5sum -c` format.
  fs.writeFileSync(`${file}.${algorithm}`, `${digest}  ${path.basename(file)}\n`);
  return digest;
}

/** Packs one built plugin; the name and version come from the dist/plugin.json that goes into the zip. */
function packagePlugin(pluginDir) {
  const dist = path.join(pluginDir, 'dist');
  const { id, info } = JSON.parse(fs.readFileSync(path.join(dist, 'plugin.json'), 'utf8'));
  const zip = zipSync(zipEntries(dist, id), { level: 9, os: 3 });
  const file = path.join(ARTIFACTS, `${id}-${info.version}.zip`);
  fs.writeFileSync(file, zip);
  return { file, bytes: zip.length, sha1: writeChecksum(file, 'sha1', zip), md5: writeChecksum(file, 'md5', zip) };
}

async function main() {
  const plugins = selectPlugins(process.argv.slice(2));
  await build(plugins);
  buildBackends(plugins, 'all');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const dir of plugins) {
    const { file, bytes, sha1 } = packagePlugin(dir);
    console.log(`✔ ${path.relative(ROOT, file)}  ${(bytes / 1024).toFixed(1)} KiB  sha1 ${sha1}`);
  }
}

main().catch((error) => {
  console.error(`✖ Packaging failed\n${error.message}`);
  process.exit(1);
});
