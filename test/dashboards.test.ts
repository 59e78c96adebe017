/** @jest-environment jsdom */
// The packaged dashboards (dashboards/*.json), checked for what makes an imported copy work in any Grafana: they
// type-check against @grafana/schema, name only panels that exist, define every variable they use, reach our
// datasource only through `${ds}`, and ask for channels, fields and units that exist.
import fs from 'node:fs';
import path from 'node:path';

import { CHANNELS, UNITS } from '@eracing/telemetry-core/channels';
import { REFERENCE_CHOICES } from '@eracing/telemetry-core/delta';
import { getValueFormats } from '@grafana/data';
import ts from 'typescript';

import { lapTableFrame } from '../datasource/src/frames/lap-table';
import { LAP_CHANNELS } from '../datasource/src/frames/telemetry-frame';
import { GRAFANA_PANEL_IDS } from '../preview/src/panels/grafana-panels';

const ROOT = path.resolve(__dirname, '..');
const DASHBOARDS = path.join(ROOT, 'dashboards');
const DATASOURCE = 'eracing-telemetry-datasource';
const PLUGIN_DIRS = ['datasource', 'panels/track-map', 'panels/lap-delta', 'panels/tyre-heatmap'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Target extends JsonObject {
  refId: string;
}

interface Panel extends JsonObject {
  id: number;
  type: string;
  title: string;
  gridPos: JsonObject;
  targets: Target[];
}

interface Dashboard extends JsonObject {
  uid: string;
  title: string;
  schemaVersion: number;
  graphTooltip: number;
  panels: Panel[];
  templating: { list: Array<JsonObject & { name: string }> };
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const files = fs
  .readdirSync(DASHBOARDS)
  .filter((file) => file.endsWith('.json'))
  .sort();
const dashboards = files.map((file) => ({ file, dashboard: readJson(path.join(DASHBOARDS, file)) as Dashboard }));

const ourPanels = PLUGIN_DIRS.map((dir) => readJson(path.join(ROOT, dir, 'src', 'plugin.json')))
  .filter((plugin) => plugin.type === 'panel')
  .map((plugin) => plugin.id as string);
const channelNames = new Set(CHANNELS.map((channel) => channel.name));

/** Every value in `json` with the path to it, depth first. */
function* walk(json: Json, at = ''): Generator<[string, Json]> {
  yield [at, json];
  if (Array.isArray(json)) {
    for (const [i, item] of json.entries()) yield* walk(item, `${at}[${i}]`);
  } else if (json && typeof json === 'object') {
    for (const [key, value] of Object.entries(json)) yield* walk(value, `${at}.${key}`);
  }
}

/** Template variables a text refers to: `$x`, `${x}`, `${x:format}`, `[[x]]`; `__` names are Grafana's own. */
function variablesIn(text: string): string[] {
  const uses = text.matchAll(/\$(\w+)|\$\{(\w+)(?:[.:][^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]/g);
  return [...uses].map((use) => use[1] ?? use[2] ?? use[3]).filter((name) => !name.startsWith('__'));
}

/**
 * Type-checks each dashboard as a literal against `DashboardJson`: a fresh literal also catches misspelt keys.
 * `__inputs` and `__requires` are what Grafana's import reads and drops, not part of the model: they are checked in
 * dashboard-revisions.test.ts.
 */
function typeErrors(named: Array<{ file: string; dashboard: Dashboard }>): string[] {
  const sources = new Map(
    named.map(({ file, dashboard: { __inputs, __requires, ...model } }) => [
      path.join(ROOT, 'test', `${path.basename(file, '.json')}.dashboard-check.ts`),
      `import type { DashboardJson } from './dashboard-json';\nexport const dashboard: DashboardJson = ${JSON.stringify(model, null, 2)};\n`,
    ]),
  );
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => sources.has(file) || fileExists(file);
  host.readFile = (file) => sources.get(file) ?? readFile(file);
  host.getSourceFile = (file, version, ...rest) =>
    sources.has(file) ? ts.createSourceFile(file, sources.get(file)!, version) : getSourceFile(file, version, ...rest);
  const program = ts.createProgram([...sources.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.basename(diagnostic.file.fileName)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
}

/** The fields of the laps frame, as the datasource builds it (sectors are numbered, so any `sector_<n>` goes). */
const LAPS_FIELDS = lapTableFrame(
  [
    {
      car: '7',
      lap: 3,
      startTime: 0,
      endTime: 91_695,
      lapTime: 91.695,
      sectorTimes: [30.1, 31.2, 30.395],
      valid: true,
      flags: { outLap: false, inLap: false, pit: false, incomplete: false },
      length: 2400,
      energyUsed: 1.2,
      energyRegen: 0.3,
    },
  ],
  [],
  'A',
  'session',
).fields.map((field) => field.name);

/** Field names the frames of a panel's queries can hold, or undefined when a query may return any channel. */
function fieldsOf(targets: Target[]): Set<string> | undefined {
  const names = new Set<string>();
  for (const target of targets) {
    const channels = (target.channels ?? []) as string[];
    switch (target.queryType ?? 'telemetry') {
      case 'telemetry':
        if (channels.length === 0) return undefined;
        ['time', ...LAP_CHANNELS, ...channels].forEach((name) => names.add(name));
        break;
      case 'laps':
        LAPS_FIELDS.forEach((name) => names.add(name));
        channels.forEach((channel) => ['mean', 'min', 'max'].forEach((stat) => names.add(`${channel}_${stat}`)));
        break;
      default:
        return undefined;
    }
  }
  return names;
}

/** Field names a panel refers to: field filters, name matchers, organize keys and x fields. */
function fieldNamesUsed(panel: Panel): string[] {
  const names: string[] = [];
  for (const transformation of (panel.transformations ?? []) as JsonObject[]) {
    const options = transformation.options as JsonObject;
    if (transformation.id === 'filterFieldsByName') {
      for (const part of ['include', 'exclude'])
        names.push(...(((options[part] as JsonObject)?.names ?? []) as string[]));
    }
    if (transformation.id === 'organize') {
      for (const part of ['excludeByName', 'renameByName', 'indexByName']) {
        names.push(...Object.keys((options[part] ?? {}) as JsonObject));
      }
    }
  }
  const fieldConfig = panel.fieldConfig as
    { overrides?: Array<{ matcher: { id: string; options: Json } }> } | undefined;
  for (const { matcher } of fieldConfig?.overrides ?? []) {
    if (matcher.id === 'byName') names.push(matcher.options as string);
    if (matcher.id === 'byNames') names.push(...((matcher.options as JsonObject).names as string[]));
  }
  const xField = (panel.options as JsonObject | undefined)?.xField;
  if (typeof xField === 'string') names.push(xField);
  return names;
}

function unitsIn(panel: Panel): string[] {
  const fieldConfig = panel.fieldConfig as
    { defaults: { unit?: string }; overrides: Array<{ properties: Array<{ id: string; value: Json }> }> } | undefined;
  if (!fieldConfig) return [];
  const overrides = fieldConfig.overrides.flatMap((override) => override.properties);
  return [
    ...(fieldConfig.defaults.unit ? [fieldConfig.defaults.unit] : []),
    ...overrides.filter((property) => property.id === 'unit').map((property) => property.value as string),
  ];
}

it('finds the three packaged dashboards', () => {
  expect(files).toEqual(['lap-comparison.json', 'live-session.json', 'tyres-brakes.json']);
});

it('type-checks every dashboard against the Dashboard type of @grafana/schema', () => {
  expect(typeErrors(dashboards)).toEqual([]);
});

it('the type check catches a misspelt key, an unknown variable type and a colour mode Grafana lacks', () => {
  const [{ dashboard }] = dashboards;
  const broken = (name: string, change: (copy: Dashboard) => void) => {
    const copy: Dashboard = JSON.parse(JSON.stringify(dashboard));
    change(copy);
    return { file: `${name}.json`, dashboard: copy };
  };
  const errors = typeErrors([
    broken('misspelt', (copy) => Object.assign(copy, { graphTooltp: 1 })),
    broken('variable-type', (copy) => Object.assign(copy.templating.list[0], { type: 'qurey' })),
    broken('colour-mode', (copy) =>
      Object.assign(copy.panels[0], { fieldConfig: { defaults: { color: { mode: 'rainbow' } } } }),
    ),
  ]);
  expect(errors.join('\n')).toMatch(/graphTooltp/);
  expect(errors.join('\n')).toMatch(/"qurey"/);
  expect(errors.join('\n')).toMatch(/"rainbow"/);
});

it('dashboard uids are unique', () => {
  const uids = dashboards.map(({ dashboard }) => dashboard.uid);
  expect(new Set(uids).size).toBe(uids.length);
});

describe.each(dashboards)('$file', ({ dashboard }) => {
  const variables = dashboard.templating.list;
  const targets = dashboard.panels.flatMap((panel) => panel.targets ?? []);

  it('has a uid, a title, a schema version, a shared crosshair and panels placed on the grid', () => {
    expect(dashboard.uid).toMatch(/^eracing-[a-z-]+$/);
    expect(dashboard.uid.length).toBeLessThanOrEqual(40);
    expect(dashboard.title).toBeTruthy();
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.graphTooltip).toBe(1);
    expect(dashboard.panels.length).toBeGreaterThan(0);
    for (const panel of dashboard.panels) {
      expect(panel.title).toBeTruthy();
      expect(panel.gridPos).toEqual({
        x: expect.any(Number),
        y: expect.any(Number),
        w: expect.any(Number),
        h: expect.any(Number),
      });
      expect(Number(panel.gridPos.x) + Number(panel.gridPos.w)).toBeLessThanOrEqual(24);
    }
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses only our panels and Grafana built-ins', () => {
    const known = new Set([...ourPanels, ...GRAFANA_PANEL_IDS]);
    expect(dashboard.panels.map((panel) => panel.type).filter((type) => !known.has(type))).toEqual([]);
  });

  it('has a datasource variable of our plugin type', () => {
    expect(variables).toContainEqual(expect.objectContaining({ type: 'datasource', name: 'ds', query: DATASOURCE }));
  });

  it('defines every variable it uses', () => {
    // An import input (`${DS_…}`) is a variable of Grafana's import, replaced by the value the user picks.
    const inputs = ((dashboard.__inputs ?? []) as JsonObject[]).map((input) => input.name as string);
    const defined = new Set([...variables.map((variable) => variable.name), ...inputs]);
    const undefinedUses = [...walk(dashboard)].flatMap(([at, value]) =>
      typeof value === 'string'
        ? variablesIn(value)
            .filter((name) => !defined.has(name))
            .map((name) => `${at}: $${name}`)
        : [],
    );
    expect(undefinedUses).toEqual([]);
  });

  it('reaches the datasource only through ${ds}, never by a hard-coded uid', () => {
    const refs = [...walk(dashboard)].filter(([at]) => at.endsWith('.datasource'));
    expect(refs.length).toBeGreaterThan(0);
    for (const [at, ref] of refs) {
      expect([at, ref]).toEqual([at, expect.objectContaining({ type: DATASOURCE, uid: '${ds}' })]);
    }
    for (const panel of dashboard.panels) {
      for (const target of panel.targets ?? []) {
        expect(target.datasource ?? panel.datasource).toEqual({ type: DATASOURCE, uid: '${ds}' });
      }
    }
  });

  it('asks only for channels the core knows', () => {
    const asked = targets.flatMap((target) => (target.channels ?? []) as string[]);
    expect(asked.filter((channel) => !channelNames.has(channel) && variablesIn(channel).length === 0)).toEqual([]);
  });

  it('refers only to fields its queries return', () => {
    const missing = dashboard.panels.flatMap((panel) => {
      const available = fieldsOf(panel.targets ?? []);
      if (!available) return [];
      return fieldNamesUsed(panel)
        .filter((name) => !available.has(name) && !/^sector_\d+$/.test(name))
        .map((name) => `${panel.title}: ${name}`);
    });
    expect(missing).toEqual([]);
  });

  it('uses only units the core maps to or Grafana knows', () => {
    const grafanaUnits = getValueFormats().flatMap((category) => category.submenu.map((unit) => unit.value));
    const known = new Set<string>([...Object.values(UNITS), ...grafanaUnits]);
    const units = dashboard.panels.flatMap(unitsIn);
    expect(units.filter((unit) => !known.has(unit))).toEqual([]);
  });
});

describe('lap delta references', () => {
  const lapDeltas = dashboards.flatMap(({ file, dashboard }) =>
    dashboard.panels
      .filter((panel) => panel.type === 'eracing-lapdelta-panel')
      .map((panel) => ({ file, dashboard, panel })),
  );
  /** The reference choices a panel can end up with: its own, or every option of the variable it names. */
  const choicesOf = ({ dashboard, panel }: (typeof lapDeltas)[number]) => {
    const reference = String((panel.options as JsonObject).reference);
    const variable = dashboard.templating.list.find((v) => `$${v.name}` === reference);
    return variable ? ((variable.options ?? []) as JsonObject[]).map((o) => String(o.value)) : [reference];
  };

  it('offer only choices the panel knows, and "previous lap" on the lap comparison', () => {
    for (const lapDelta of lapDeltas) expect(REFERENCE_CHOICES).toEqual(expect.arrayContaining(choicesOf(lapDelta)));
    const comparison = lapDeltas.find((l) => l.file === 'lap-comparison.json')!;
    expect(choicesOf(comparison)).toContain('previous');
    // The lap before the newest chosen one can be chosen with it.
    expect(comparison.dashboard.templating.list.find((v) => v.name === 'lap')).toMatchObject({ multi: true });
  });

  it('bring the track, so that loss zones are named by corner', () => {
    expect(lapDeltas.map((l) => l.file)).toEqual(expect.arrayContaining(['lap-comparison.json', 'live-session.json']));
    for (const { panel } of lapDeltas) {
      expect(panel.targets).toContainEqual(expect.objectContaining({ queryType: 'track', session: '$session' }));
      // Not the first query: that one's laps are the ones compared.
      expect((panel.targets as JsonObject[])[0]).toMatchObject({ queryType: 'telemetry' });
    }
  });

  it('bring the previous lap of a live lap in progress: a query of the last completed lap', () => {
    for (const { panel } of lapDeltas.filter((l) => l.file === 'live-session.json')) {
      expect(panel.targets).toContainEqual(
        expect.objectContaining({ mode: 'history', lapChoice: 'last', lastLaps: 1, cars: ['$car'] }),
      );
    }
  });
});

describe('the lap comparison shows the suite’s range', () => {
  const { dashboard } = dashboards.find((d) => d.file === 'lap-comparison.json')!;

  it('annotates laps and pit stops of the chosen car from our datasource', () => {
    const list = ((dashboard.annotations as JsonObject | undefined)?.list ?? []) as JsonObject[];
    expect(list).toContainEqual(
      expect.objectContaining({
        datasource: { type: DATASOURCE, uid: '${ds}' },
        target: expect.objectContaining({ queryType: 'events', cars: ['$car'], kinds: ['lap', 'pit_in', 'pit_out'] }),
      }),
    );
  });

  it('has a channel variable and a chart of that channel over the time range', () => {
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'channel', type: 'query', query: 'channels($session)' }),
    );
    const history = dashboard.panels.filter((panel) =>
      panel.targets?.some((t) => t.mode === 'history' && t.lapChoice === 'range' && String(t.channels) === '$channel'),
    );
    expect(history.map((panel) => panel.type)).toEqual(['timeseries']);
  });
});
