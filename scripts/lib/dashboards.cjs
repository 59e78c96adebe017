// The packaged dashboards' import metadata, in one place for `npm run dashboards` and the tests:
//   - `__requires`: Grafana, the datasource and every panel plugin a dashboard uses, with the versions the build uses
//     (the plugins' package.json versions and the @grafana/data version the plugins are built against);
//   - `revision`: raised whenever a dashboard's content changes, so Grafana's Dashboards tab offers "Update";
//   - dashboards/revisions.txt: one line per recorded revision, `<file> <revision> <sha256 of the content>`.
// The content hash leaves out `revision` and `__requires` (a plugin release changes the versions, not the dashboard)
// and reads the JSON with its keys sorted, so reformatting a file is not a change.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DASHBOARDS = path.join(ROOT, 'dashboards');
const MANIFEST = path.join(DASHBOARDS, 'revisions.txt');
const MANIFEST_HEADER = [
  '# Content hashes of the packaged dashboards, one line per revision: <file> <revision> <sha256>.',
  '# Written by `npm run dashboards` (scripts/dashboards.cjs); test/dashboard-revisions.test.ts checks it.',
];

/** Names Grafana gives its core panels, as its exporter writes them into `__requires`. */
const CORE_PANEL_NAMES = {
  barchart: 'Bar chart',
  bargauge: 'Bar gauge',
  gauge: 'Gauge',
  geomap: 'Geomap',
  heatmap: 'Heatmap',
  histogram: 'Histogram',
  logs: 'Logs',
  piechart: 'Pie chart',
  stat: 'Stat',
  'state-timeline': 'State timeline',
  'status-history': 'Status history',
  table: 'Table',
  text: 'Text',
  timeseries: 'Time series',
  xychart: 'XY Chart',
};

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The workspace's plugins: id → { name, version } from src/plugin.json and package.json. */
function workspacePlugins() {
  const { workspaces } = readJson(path.join(ROOT, 'package.json'));
  const plugins = new Map();
  for (const workspace of workspaces) {
    const manifest = path.join(ROOT, workspace, 'src', 'plugin.json');
    if (!fs.existsSync(manifest)) continue;
    const { id, name, type } = readJson(manifest);
    const { version } = readJson(path.join(ROOT, workspace, 'package.json'));
    plugins.set(id, { id, name, type, version });
  }
  return plugins;
}

/** The Grafana version the plugins are built against: the installed @grafana/data. */
function grafanaBuildVersion() {
  return readJson(require.resolve('@grafana/data/package.json', { paths: [ROOT] })).version;
}

/** Every panel of a dashboard, the panels of rows included. */
function panelsOf(dashboard) {
  return (dashboard.panels ?? []).flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

/** Every `datasource.type` a dashboard names, in panels, targets, variables and annotations. */
function datasourceTypes(json, found = new Set()) {
  if (Array.isArray(json)) json.forEach((item) => datasourceTypes(item, found));
  else if (json && typeof json === 'object') {
    for (const [key, value] of Object.entries(json)) {
      if (key === 'datasource' && value && typeof value === 'object' && typeof value.type === 'string') {
        found.add(value.type);
      }
      datasourceTypes(value, found);
    }
  }
  return found;
}

/**
 * The `__requires` Grafana's exporter would write for `dashboard`, sorted by id: Grafana itself, each datasource
 * and each panel type. Our plugins carry their package version; Grafana's core panels an empty version, as Grafana
 * writes them. A type that is neither ours nor a known core panel is kept with an empty name and version.
 */
function requiresOf(dashboard, plugins = workspacePlugins(), grafanaVersion = grafanaBuildVersion()) {
  const requires = new Map([['grafana', { type: 'grafana', id: 'grafana', name: 'Grafana', version: grafanaVersion }]]);
  for (const type of datasourceTypes(dashboard)) {
    if (type.startsWith('$') || type === 'grafana' || type === '__expr__') continue;
    const plugin = plugins.get(type);
    requires.set(type, { type: 'datasource', id: type, name: plugin?.name ?? type, version: plugin?.version ?? '' });
  }
  for (const { type } of panelsOf(dashboard)) {
    if (!type || type === 'row') continue;
    const plugin = plugins.get(type);
    requires.set(type, {
      type: 'panel',
      id: type,
      name: plugin?.name ?? CORE_PANEL_NAMES[type] ?? type,
      version: plugin?.version ?? '',
    });
  }
  return [...requires.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function sortedKeys(json) {
  if (Array.isArray(json)) return json.map(sortedKeys);
  if (json && typeof json === 'object') {
    return Object.fromEntries(
      Object.keys(json)
        .sort()
        .map((key) => [key, sortedKeys(json[key])]),
    );
  }
  return json;
}

/** SHA-256 of the dashboard's content: everything but `revision` and `__requires`, keys sorted. */
function contentHash(dashboard) {
  const content = { ...dashboard };
  delete content.revision;
  delete content.__requires;
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(sortedKeys(content)))
    .digest('hex');
}

/** The manifest's records, in file order: { file, revision, hash }. Throws on a line it cannot read, naming it. */
function readManifest(file = MANIFEST) {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      const text = line.trim();
      if (!text || text.startsWith('#')) return [];
      const match = /^(\S+\.json)\s+(\d+)\s+([0-9a-f]{64})$/.exec(text);
      if (!match)
        throw new Error(`${path.relative(ROOT, file)}:${index + 1}: not "<file> <revision> <sha256>": ${text}`);
      return [{ file: match[1], revision: Number(match[2]), hash: match[3] }];
    });
}

function formatManifest(records) {
  const sorted = [...records].sort((a, b) => a.file.localeCompare(b.file) || a.revision - b.revision);
  return [...MANIFEST_HEADER, ...sorted.map((r) => `${r.file} ${r.revision} ${r.hash}`)].join('\n') + '\n';
}

/** The latest record of each file: the highest revision (on a tie, the one last in the manifest). */
function latestRecords(records) {
  const latest = new Map();
  for (const record of records) {
    const seen = latest.get(record.file);
    if (!seen || record.revision >= seen.revision) latest.set(record.file, record);
  }
  return latest;
}

function dashboardFiles(folder = DASHBOARDS) {
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort();
}

/**
 * What each dashboard file should become: its `__requires` from the build and its revision (raised when the content
 * changed since the latest recorded revision), and the manifest records to add. Pure: writes nothing.
 */
function plan(dashboards, records, plugins = workspacePlugins(), grafanaVersion = grafanaBuildVersion()) {
  const latest = latestRecords(records);
  const added = [];
  const changes = dashboards.map(({ file, dashboard }) => {
    const hash = contentHash(dashboard);
    const recorded = latest.get(file);
    const current = Number.isInteger(dashboard.revision) ? dashboard.revision : undefined;
    let revision;
    if (!recorded) revision = current ?? 1;
    else if (recorded.hash === hash) revision = recorded.revision;
    else revision = current !== undefined && current > recorded.revision ? current : recorded.revision + 1;
    if (!recorded || recorded.hash !== hash) added.push({ file, revision, hash });
    const requires = requiresOf(dashboard, plugins, grafanaVersion);
    const reasons = [];
    if (revision !== current) {
      reasons.push(
        recorded && recorded.hash !== hash
          ? `content changed since revision ${recorded.revision}: revision ${current ?? '(none)'} → ${revision}`
          : `revision ${current ?? '(none)'} → ${revision}`,
      );
    }
    if (JSON.stringify(requires) !== JSON.stringify(dashboard.__requires)) reasons.push('__requires out of date');
    return { file, revision, requires, reasons };
  });
  return { changes, added };
}

/**
 * The dashboard with `__requires` and `revision` set. New keys go where merges leave them alone: `__inputs` and
 * `__requires` first, `revision` after `version`; keys already there keep their place.
 */
function withMetadata(dashboard, { revision, requires }) {
  const entries = Object.entries(dashboard).filter(([key]) => key !== '__requires' && key !== 'revision');
  const hadRequires = '__requires' in dashboard;
  const hadRevision = 'revision' in dashboard;
  const out = [];
  if (!hadRequires && !entries.some(([key]) => key === '__inputs')) out.push(['__requires', requires]);
  for (const [key, value] of Object.entries(dashboard)) {
    if (key === '__requires') out.push([key, requires]);
    else if (key === 'revision') out.push([key, revision]);
    else {
      out.push([key, value]);
      if (key === '__inputs' && !hadRequires) out.push(['__requires', requires]);
      if (key === 'version' && !hadRevision) out.push(['revision', revision]);
    }
  }
  if (!out.some(([key]) => key === 'revision')) out.push(['revision', revision]);
  return Object.fromEntries(out);
}

module.exports = {
  DASHBOARDS,
  MANIFEST,
  contentHash,
  dashboardFiles,
  formatManifest,
  grafanaBuildVersion,
  latestRecords,
  plan,
  readManifest,
  requiresOf,
  withMetadata,
  workspacePlugins,
};
