import fs from 'node:fs';
import path from 'node:path';

import { ROOT } from './plugins';

/** The packaged dashboards; PREVIEW_DASHBOARDS points the preview at another folder (for experiments and benches). */
export const DASHBOARDS = process.env.PREVIEW_DASHBOARDS ?? path.join(ROOT, 'dashboards');

export interface DashboardSummary {
  uid: string;
  title: string;
  tags: string[];
  url: string;
  /** The file of a provisioned dashboard. */
  file?: string;
  liveNow: boolean;
  /** An imported dashboard, and the plugin it was imported from (none for one imported from JSON). */
  imported?: boolean;
  pluginId?: string;
}

interface DashboardJson {
  uid?: string;
  title?: string;
  tags?: string[];
  liveNow?: boolean;
}

/** Every dashboard in dashboards/*.json, read afresh on each request so that edits show on reload. */
export function listDashboards(): DashboardSummary[] {
  if (!fs.existsSync(DASHBOARDS)) return [];
  return fs
    .readdirSync(DASHBOARDS)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const json = JSON.parse(fs.readFileSync(path.join(DASHBOARDS, file), 'utf8')) as DashboardJson;
      if (!json.uid) return [];
      return [
        {
          uid: json.uid,
          title: json.title ?? file,
          tags: json.tags ?? [],
          url: `/d/${json.uid}`,
          file: path.relative(ROOT, path.join(DASHBOARDS, file)),
          liveNow: Boolean(json.liveNow),
        },
      ];
    });
}

export function readDashboard(uid: string): unknown {
  const summary = listDashboards().find((d) => d.uid === uid);
  if (!summary) return undefined;
  return JSON.parse(fs.readFileSync(path.resolve(ROOT, summary.file!), 'utf8'));
}

/** Where a newcomer lands: the first live dashboard, else the first dashboard. */
export function homeDashboard(): DashboardSummary | undefined {
  const all = listDashboards();
  return all.find((d) => d.liveNow) ?? all[0];
}
