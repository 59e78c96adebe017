import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'e2e', 'fixtures');

/** A built plugin as the preview serves it: its plugin.json and the folder mounted at /public/plugins/<id>/. */
export interface BuiltPlugin {
  id: string;
  type: 'panel' | 'datasource' | 'app';
  dist: string;
  /** plugin.json as built, `%VERSION%` already replaced. */
  json: Record<string, unknown> & { id: string; type: string; name: string };
}

/** Every folder holding a plugin of the workspace (one with a src/plugin.json), whether or not it is built. */
function workspacePluginFolders(): string[] {
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  return workspaces
    .map((workspace) => path.join(ROOT, workspace))
    .filter((dir) => fs.existsSync(path.join(dir, 'src', 'plugin.json')));
}

function fixtureFolders(): string[] {
  if (!fs.existsSync(FIXTURES)) return [];
  return fs
    .readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(FIXTURES, entry.name));
}

export interface PluginScan {
  plugins: BuiltPlugin[];
  /** Plugin folders without a dist/plugin.json: run `npm run build`. */
  unbuilt: string[];
}

function readPlugin(manifest: string): BuiltPlugin {
  const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as BuiltPlugin['json'];
  return { id: json.id, type: json.type as BuiltPlugin['type'], dist: path.dirname(manifest), json };
}

export interface ScanOptions {
  fixtures: boolean;
  /**
   * Installed plugin folders (`--plugin`), as in Grafana's plugins folder: the folder itself or its dist/ holds the
   * plugin.json. One replaces the workspace plugin of the same id, as installing another version of it would.
   */
  installed?: string[];
}

/** Grafana mounts a plugin's dist/ when it has one; so does the preview, and it serves nothing else. */
export function scanPlugins({ fixtures, installed = [] }: ScanOptions): PluginScan {
  const folders = [...workspacePluginFolders(), ...(fixtures ? fixtureFolders() : [])];
  const plugins: BuiltPlugin[] = [];
  const unbuilt: string[] = [];
  for (const folder of folders) {
    const manifest = path.join(folder, 'dist', 'plugin.json');
    if (!fs.existsSync(manifest)) {
      unbuilt.push(path.relative(ROOT, folder));
      continue;
    }
    plugins.push(readPlugin(manifest));
  }
  for (const folder of installed) {
    const manifest = [path.join(folder, 'dist', 'plugin.json'), path.join(folder, 'plugin.json')].find(fs.existsSync);
    if (!manifest) throw new Error(`--plugin ${folder}: no plugin.json there or in its dist/`);
    const plugin = readPlugin(manifest);
    const replaced = plugins.findIndex((p) => p.id === plugin.id);
    if (replaced >= 0) plugins.splice(replaced, 1, plugin);
    else plugins.push(plugin);
  }
  return { plugins, unbuilt };
}
