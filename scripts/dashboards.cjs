#!/usr/bin/env node
// `npm run dashboards`: after changing a packaged dashboard (dashboards/*.json), raises its `revision`, records the
// new content hash in dashboards/revisions.txt and brings its `__requires` up to the build's versions.
//   node scripts/dashboards.cjs          update the files and the manifest
//   node scripts/dashboards.cjs --check  change nothing; say what is out of date and exit 1 if anything is
const fs = require('node:fs');
const path = require('node:path');
const prettier = require('prettier');

const {
  DASHBOARDS,
  MANIFEST,
  dashboardFiles,
  formatManifest,
  plan,
  readManifest,
  withMetadata,
} = require('./lib/dashboards.cjs');

async function main() {
  const check = process.argv.includes('--check');
  const dashboards = dashboardFiles().map((file) => ({
    file,
    dashboard: JSON.parse(fs.readFileSync(path.join(DASHBOARDS, file), 'utf8')),
  }));
  const records = readManifest();
  const { changes, added } = plan(dashboards, records);
  const stale = changes.filter((change) => change.reasons.length > 0);

  for (const change of stale)
    console.log(`${check ? '✖' : '✔'} dashboards/${change.file}: ${change.reasons.join('; ')}`);
  if (check) {
    if (stale.length > 0 || added.length > 0) {
      console.log('Run `npm run dashboards` to raise the revisions and record them.');
      process.exit(1);
    }
    console.log('The dashboards are up to date.');
    return;
  }

  const options = (await prettier.resolveConfig(path.join(DASHBOARDS, 'x.json'))) ?? {};
  for (const change of stale) {
    const file = path.join(DASHBOARDS, change.file);
    const { dashboard } = dashboards.find((d) => d.file === change.file);
    const text = JSON.stringify(withMetadata(dashboard, change), null, 2);
    fs.writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
  }
  if (added.length > 0 || !fs.existsSync(MANIFEST)) {
    fs.writeFileSync(MANIFEST, formatManifest([...records, ...added]));
    for (const { file, revision } of added) console.log(`✔ recorded dashboards/${file} revision ${revision}`);
  }
  if (stale.length === 0 && added.length === 0) console.log('The dashboards are up to date.');
}

main().catch((error) => {
  console.error(`✖ ${error.message}`);
  process.exit(1);
});
