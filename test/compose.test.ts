/**
 * The compose setup can't run here (no Docker engine), so its files are checked for the promises they keep:
 * exactly our plugins allowed unsigned, every plugin mounted, and a datasource URL a browser can reach.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const pluginFolders = ['datasource', 'panels/track-map', 'panels/lap-delta', 'panels/tyre-heatmap'];
const pluginIds = pluginFolders.map((folder) => JSON.parse(read(`${folder}/src/plugin.json`)).id as string);

function envFile(): Map<string, string> {
  const entries = read('compose/grafana.env')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)] as [string, string];
    });
  return new Map(entries);
}

interface Compose {
  services: Record<
    string,
    { image?: string; volumes?: string[]; ports?: string[]; healthcheck?: unknown; command?: string[] }
  >;
}

const compose = parse(read('compose/docker-compose.yml')) as Compose;

it('parses, with a pinned Grafana 12.4 image and a health check on both services', () => {
  expect(compose.services.grafana.image).toMatch(/^grafana\/grafana:12\.4\.\d+$/);
  expect(compose.services.grafana.healthcheck).toBeDefined();
  expect(compose.services.telemetry.healthcheck).toBeDefined();
});

it('allows exactly our plugin ids to load unsigned, and nothing broader', () => {
  const allowed = envFile().get('GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS')!.split(',');
  expect([...allowed].sort()).toEqual([...pluginIds].sort());
});

it('every GF_ setting follows GF_<SECTION>_<KEY>, and anonymous viewing is off', () => {
  const env = envFile();
  for (const key of env.keys()) expect(key).toMatch(/^GF_[A-Z0-9]+_[A-Z0-9_]+$/);
  expect(env.get('GF_AUTH_ANONYMOUS_ENABLED')).toBe('false');
  expect(env.has('GF_SECURITY_ADMIN_PASSWORD')).toBe(false);
});

it('mounts every plugin dist at its id, and the provisioning', () => {
  const volumes = compose.services.grafana.volumes!;
  pluginFolders.forEach((folder, i) => {
    expect(volumes).toContain(`../${folder}/dist:/var/lib/grafana/plugins/${pluginIds[i]}:ro`);
  });
  expect(volumes).toContain('./provisioning:/etc/grafana/provisioning:ro');
});

it('provisions the datasource in Grafana server mode, reaching the telemetry server by its service name', () => {
  const provisioning = parse(read('compose/provisioning/datasources/telemetry.yaml'));
  const [datasource] = provisioning.datasources;
  expect(datasource.type).toBe('eracing-telemetry-datasource');
  expect(datasource.uid).toBeTruthy();
  expect(datasource.jsonData.mode).toBe('server');
  const defaultUrl = /TELEMETRY_URL:-([^}]+)}/.exec(read('compose/docker-compose.yml'))![1];
  expect(Object.keys(compose.services)).toContain(new URL(defaultUrl).hostname);
  expect(datasource.jsonData.url).toBe('${TELEMETRY_URL}');
  // The token is a secret: in secureJsonData, which only Grafana's server reads.
  expect(datasource.jsonData.token).toBeUndefined();
  expect(datasource.secureJsonData.token).toBe('${TELEMETRY_TOKEN}');
});

it('provisions the example alert rules on the provisioned datasource', () => {
  const rules = parse(read('compose/provisioning/alerting/eracing-rules.yaml'));
  const uid = parse(read('compose/provisioning/datasources/telemetry.yaml')).datasources[0].uid;
  const queries = rules.groups.flatMap((group: { rules: Array<{ data: Array<{ datasourceUid: string }> }> }) =>
    group.rules.flatMap((rule) => rule.data.filter((query) => query.datasourceUid !== '__expr__')),
  );
  expect(queries.length).toBeGreaterThanOrEqual(4);
  for (const query of queries) expect(query.datasourceUid).toBe(uid);
});

it("runs the telemetry server on 0.0.0.0 inside its container, publishes its port, and allows Grafana's origin", () => {
  const telemetry = compose.services.telemetry;
  expect(telemetry.command).toContain('--host=0.0.0.0');
  expect(telemetry.ports!.some((port) => port.endsWith(':8765:8765'))).toBe(true);
  expect(telemetry.command!.some((arg) => arg.startsWith('--allow-origin='))).toBe(true);
});

it('provides a dashboard provider with a folder', () => {
  const providers = parse(read('compose/provisioning/dashboards/eracing.yaml')).providers;
  expect(providers[0]).toMatchObject({ type: 'file', folder: 'eRacing' });
});
