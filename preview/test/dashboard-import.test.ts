// The preview's dashboard import, Grafana's way: the template evaluator, the plugin dashboards' status, and the
// checks of /dashboard/import (what a dashboard needs that the preview lacks).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DashboardImports, evaluateTemplate, ImportError, slugify } from '../server/dashboard-import';
import { DataSourceStore } from '../server/datasources';
import type { BuiltPlugin } from '../server/plugins';
import { describePlugin, missingPlugins, neededPlugins, parseDashboard } from '../src/dashboard/requirements';

const TYPE = 'eracing-telemetry-datasource';
const live = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'dashboards', 'live-session.json'), 'utf8'));

describe('evaluateTemplate (Grafana’s DashTemplateEvaluator)', () => {
  const template = {
    __inputs: [{ name: 'DS_A', type: 'datasource', pluginId: TYPE }],
    title: 'T',
    templating: { list: [{ name: 'ds', current: { value: '${DS_A}' } }] },
    panels: [{ datasource: { uid: '${ds}' }, title: '${DS_A} and ${DS_B}' }],
  };

  it('fills each input by name or by *, keeps other ${…} as written and drops __inputs', () => {
    for (const name of ['DS_A', '*']) {
      const out = evaluateTemplate(template, [{ name, type: 'datasource', value: 'Second' }]);
      expect(out).not.toHaveProperty('__inputs');
      expect(out.templating).toEqual({ list: [{ name: 'ds', current: { value: 'Second' } }] });
      expect(out.panels).toEqual([{ datasource: { uid: '${ds}' }, title: 'Second and ${DS_B}' }]);
    }
  });

  it('refuses an import that leaves an input unfilled, naming it, as Grafana does', () => {
    expect(() => evaluateTemplate(template, [])).toThrow('Dashboard input variable: DS_A missing from import command');
    expect(() => evaluateTemplate(template, [{ name: 'DS_A', type: 'constant', value: 'x' }])).toThrow(ImportError);
  });
});

describe('DashboardImports', () => {
  let folder: string;
  let imports: DashboardImports;
  let plugin: BuiltPlugin;
  const provisioned = new Map<string, string>();

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'imports-'));
    fs.mkdirSync(path.join(folder, 'dashboards'));
    fs.writeFileSync(path.join(folder, 'dashboards', 'live.json'), JSON.stringify(live));
    plugin = {
      id: TYPE,
      type: 'datasource',
      dist: folder,
      json: {
        id: TYPE,
        type: 'datasource',
        name: 'eRacing Telemetry',
        includes: [{ type: 'dashboard', name: 'Live', path: 'dashboards/live.json' }],
      },
    };
    const datasources = new DataSourceStore({ telemetryUrl: 'ws://127.0.0.1:9', mode: 'browser' }, [plugin]);
    datasources.add({ name: 'Second', uid: 'second', type: TYPE });
    provisioned.clear();
    imports = new DashboardImports([plugin], datasources, { fileOf: (uid) => provisioned.get(uid) });
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  const fromPlugin = (overwrite = false, value = 'Second') =>
    imports.import({
      pluginId: TYPE,
      path: 'dashboards/live.json',
      overwrite,
      inputs: [{ name: '*', type: 'datasource', pluginId: TYPE, value }],
    });

  it('lists the included dashboards, imports one bound to the chosen datasource and reports its revision', () => {
    expect(imports.pluginDashboards(TYPE)).toEqual([
      expect.objectContaining({ uid: live.uid, title: live.title, imported: false, revision: live.revision }),
    ]);
    const result = fromPlugin();
    expect(result).toMatchObject({ uid: live.uid, imported: true, importedUrl: `/d/${live.uid}/live-session` });
    const stored = imports.get(live.uid)!.dashboard as typeof live;
    expect(stored.templating.list[0].current).toEqual({ text: 'Second', value: 'Second' });
    expect(imports.pluginDashboards(TYPE)[0]).toMatchObject({ imported: true, importedRevision: live.revision });
  });

  it('sees a newer packaged revision, refuses a second import without overwrite and updates with it', () => {
    fromPlugin();
    const shipped = { ...live, revision: live.revision + 1 };
    fs.writeFileSync(path.join(folder, 'dashboards', 'live.json'), JSON.stringify(shipped));
    expect(imports.pluginDashboards(TYPE)[0]).toMatchObject({
      revision: shipped.revision,
      importedRevision: live.revision,
    });
    expect(() => fromPlugin(false)).toThrow('A dashboard with the same uid already exists');
    fromPlugin(true);
    expect(imports.pluginDashboards(TYPE)[0]).toMatchObject({ importedRevision: shipped.revision });
    expect(imports.get(live.uid)!.dashboard.version).toBe(2);
  });

  it('says so when a provisioned dashboard holds the uid', () => {
    provisioned.set(live.uid, 'dashboards/live-session.json');
    expect(() => fromPlugin()).toThrow(/same uid already exists \(provisioned from dashboards\/live-session\.json\)/);
  });

  it('refuses a path the plugin does not include, a datasource that does not exist and a dashboard without title', () => {
    expect(() => imports.import({ pluginId: TYPE, path: '../../etc/passwd' })).toThrow('includes no dashboard');
    expect(() => imports.import({ pluginId: 'nope-datasource', path: 'x.json' })).toThrow('Plugin not found');
    expect(() => fromPlugin(false, 'Third')).toThrow('no datasource is named or has uid "Third"');
    expect(() => imports.import({ dashboard: { uid: 'x', panels: [] } })).toThrow('Dashboard title cannot be empty');
  });

  it('lists an imported dashboard the plugin no longer includes as removed', () => {
    fromPlugin();
    plugin.json.includes = [];
    expect(imports.pluginDashboards(TYPE)).toEqual([
      expect.objectContaining({ uid: live.uid, removed: true, imported: true }),
    ]);
  });
});

describe('what a dashboard needs', () => {
  const installed = {
    panels: new Set(['timeseries', 'stat', 'table', 'eracing-trackmap-panel', 'eracing-lapdelta-panel']),
    datasources: new Set([TYPE]),
  };

  it('reads __requires, panel types and datasource inputs, once each', () => {
    const needed = neededPlugins(live);
    expect(needed.filter((p) => p.id === TYPE)).toEqual([
      { type: 'datasource', id: TYPE, name: 'eRacing Telemetry', version: '0.1.0' },
    ]);
    expect(needed.map((p) => p.id)).toEqual(expect.arrayContaining(['timeseries', 'eracing-tyreheatmap-panel']));
    expect(needed.some((p) => p.id === 'grafana')).toBe(false);
  });

  it('names the missing ones, Grafana core panels counting as present', () => {
    const dashboard = {
      ...live,
      __requires: [
        ...live.__requires,
        { type: 'panel', id: 'acme-windrose-panel', name: 'Wind rose', version: '2.0.0' },
      ],
      __inputs: [
        ...live.__inputs,
        { name: 'DS_INFLUX', type: 'datasource', pluginId: 'influxdb', pluginName: 'InfluxDB' },
      ],
      panels: [...live.panels, { id: 99, type: 'geomap' }, { id: 100, type: 'acme-gauge-panel' }],
    };
    expect(missingPlugins(dashboard, installed).map(describePlugin)).toEqual([
      'eRacing Tyre Heatmap (eracing-tyreheatmap-panel 0.1.0)',
      'Wind rose (acme-windrose-panel 2.0.0)',
      'acme-gauge-panel',
      'InfluxDB (influxdb)',
    ]);
  });

  it('says why a text is not a dashboard', () => {
    expect(parseDashboard('{"title": ').error).toMatch(/^Not valid JSON: /);
    expect(parseDashboard('[1]').error).toBe('Not a dashboard: not a JSON object');
    expect(parseDashboard('{"a": 1}').error).toBe('Not a dashboard: it has neither a title nor panels');
    expect(parseDashboard(JSON.stringify(live)).dashboard).toEqual(live);
  });
});

describe('slugify', () => {
  it('makes Grafana-like slugs', () => {
    expect(slugify('Tyres & brakes')).toBe('tyres-brakes');
    expect(slugify('Über Lap #3')).toBe('uber-lap-3');
    expect(slugify('***')).toBe('dashboard');
  });
});
