// The packaged dashboards' import metadata: `__requires` names what each needs with the build's versions, `__inputs`
// asks Grafana's import for the datasource, and `revision` rises whenever a dashboard's content changes (the content
// hash of its revision is recorded in dashboards/revisions.txt by `npm run dashboards`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  contentHash,
  dashboardFiles,
  DASHBOARDS,
  formatManifest,
  grafanaBuildVersion,
  latestRecords,
  plan,
  readManifest,
  requiresOf,
  withMetadata,
  workspacePlugins,
} from '../scripts/lib/dashboards.cjs';

const ROOT = path.resolve(__dirname, '..');
const DATASOURCE = 'eracing-telemetry-datasource';
const INPUT = 'DS_ERACING_TELEMETRY';

type Json = Record<string, unknown>;
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const dashboards = dashboardFiles().map((file: string) => ({
  file,
  dashboard: readJson(path.join(DASHBOARDS, file)) as Json,
}));
const records = readManifest();

describe.each(dashboards)('$file', ({ file, dashboard }) => {
  it('has a revision whose content hash is the one recorded for it (else: npm run dashboards)', () => {
    const recorded = latestRecords(records).get(file) ?? { revision: 0, hash: '(none)' };
    const message = `dashboards/${file} revision ${dashboard.revision} ≠ recorded revision ${recorded.revision}, or its content changed since: run npm run dashboards`;
    expect([message, dashboard.revision, contentHash(dashboard)]).toEqual([message, recorded.revision, recorded.hash]);
  });

  it('requires Grafana at the build version and every plugin it uses at its package version', () => {
    const requires = dashboard.__requires as Json[];
    expect(requires).toEqual(requiresOf(dashboard));
    const byId = new Map(requires.map((r) => [r.id, r]));
    expect(byId.get('grafana')).toEqual({
      type: 'grafana',
      id: 'grafana',
      name: 'Grafana',
      version: grafanaBuildVersion(),
    });
    const datasourcePackage = readJson(path.join(ROOT, 'datasource', 'package.json'));
    expect(byId.get(DATASOURCE)).toMatchObject({ type: 'datasource', version: datasourcePackage.version });
    const panelTypes = (dashboard.panels as Json[]).map((panel) => panel.type as string);
    for (const type of panelTypes) expect([type, byId.get(type)?.type]).toEqual([type, 'panel']);
  });

  it('asks the import for a telemetry datasource, and its ${ds} variable starts on the one chosen', () => {
    expect(dashboard.__inputs).toEqual([
      expect.objectContaining({
        name: INPUT,
        type: 'datasource',
        pluginId: DATASOURCE,
        pluginName: 'eRacing Telemetry',
      }),
    ]);
    const variables = (dashboard.templating as { list: Json[] }).list;
    const ds = variables.find((variable) => variable.name === 'ds');
    expect(ds).toMatchObject({ type: 'datasource', query: DATASOURCE });
    expect(ds?.current).toEqual({ text: `\${${INPUT}}`, value: `\${${INPUT}}` });
    // The input is used there only: panels and queries keep following ${ds}.
    const uses = JSON.stringify({ ...dashboard, __inputs: undefined }).split(`\${${INPUT}}`).length - 1;
    expect(uses).toBe(2);
  });

  it('keeps the import metadata first and the revision after the version, where merges leave them alone', () => {
    const keys = Object.keys(dashboard);
    expect(keys.slice(0, 2)).toEqual(['__inputs', '__requires']);
    expect(keys[keys.indexOf('version') + 1]).toBe('revision');
  });
});

describe('the revision bookkeeping', () => {
  const [{ file, dashboard }] = dashboards;
  const plugins = workspacePlugins();
  const grafana = grafanaBuildVersion();
  const changed = { ...dashboard, title: `${dashboard.title} (changed)` };

  it('ignores key order, the revision and __requires, and sees any other change', () => {
    const reordered = Object.fromEntries(Object.entries(dashboard).reverse());
    expect(contentHash(reordered)).toBe(contentHash(dashboard));
    expect(contentHash({ ...dashboard, revision: 99, __requires: [] })).toBe(contentHash(dashboard));
    expect(contentHash(changed)).not.toBe(contentHash(dashboard));
    const panels = structuredClone(dashboard.panels) as Json[];
    (panels[0].gridPos as Json).w = 1;
    expect(contentHash({ ...dashboard, panels })).not.toBe(contentHash(dashboard));
  });

  it('raises the revision of a changed dashboard by one and records it; leaves an unchanged one alone', () => {
    const unchanged = plan([{ file, dashboard }], records, plugins, grafana);
    expect(unchanged.added).toEqual([]);
    expect(unchanged.changes[0]).toMatchObject({ revision: dashboard.revision, reasons: [] });

    const { changes, added } = plan([{ file, dashboard: changed }], records, plugins, grafana);
    const next = (dashboard.revision as number) + 1;
    expect(changes[0].revision).toBe(next);
    expect(changes[0].reasons.join()).toMatch(/content changed since revision/);
    expect(added).toEqual([{ file, revision: next, hash: contentHash(changed) }]);
    expect(withMetadata(changed, changes[0]).revision).toBe(next);
  });

  it('after a merge of two branches that each raised the revision, raises it past both', () => {
    // Each branch raised the dashboard's current revision by one.
    const raised = (dashboard.revision as number) + 1;
    const merged = { ...changed, revision: raised };
    const both = [
      ...records,
      { file, revision: raised, hash: 'a'.repeat(64) },
      { file, revision: raised, hash: 'b'.repeat(64) },
    ];
    expect(plan([{ file, dashboard: merged }], both, plugins, grafana).changes[0].revision).toBe(raised + 1);
  });

  it('names the version a plugin release brings into __requires, without a new revision', () => {
    const released = new Map(plugins);
    released.set(DATASOURCE, { ...plugins.get(DATASOURCE)!, version: '9.9.9' });
    const { changes, added } = plan([{ file, dashboard }], records, released, grafana);
    expect(added).toEqual([]);
    expect(changes[0].reasons).toEqual(['__requires out of date']);
    expect(changes[0].requires).toContainEqual(expect.objectContaining({ id: DATASOURCE, version: '9.9.9' }));
  });

  it('refuses a manifest line it cannot read, naming the line', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'revisions-'));
    const manifest = path.join(folder, 'revisions.txt');
    fs.writeFileSync(manifest, `${formatManifest(records)}live-session.json two cafe\n`);
    expect(() => readManifest(manifest)).toThrow(
      /revisions\.txt:\d+: not "<file> <revision> <sha256>": live-session\.json two cafe/,
    );
    fs.rmSync(folder, { recursive: true });
  });

  it('npm run dashboards -- --check passes on the committed files', () => {
    const output = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'dashboards.cjs'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(output).toContain('The dashboards are up to date.');
  });
});
