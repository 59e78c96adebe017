type Json = Record<string, unknown>;

export interface Requirement {
  type: 'grafana' | 'datasource' | 'panel';
  id: string;
  name: string;
  version: string;
}

export interface WorkspacePlugin {
  id: string;
  name: string;
  type: string;
  version: string;
}

export interface RevisionRecord {
  file: string;
  revision: number;
  hash: string;
}

export interface DashboardChange {
  file: string;
  revision: number;
  requires: Requirement[];
  /** Why the file must be rewritten; empty when it is up to date. */
  reasons: string[];
}

export const DASHBOARDS: string;
export const MANIFEST: string;
export function contentHash(dashboard: Json): string;
export function dashboardFiles(folder?: string): string[];
export function formatManifest(records: RevisionRecord[]): string;
export function grafanaBuildVersion(): string;
export function latestRecords(records: RevisionRecord[]): Map<string, RevisionRecord>;
export function plan(
  dashboards: Array<{ file: string; dashboard: Json }>,
  records: RevisionRecord[],
  plugins?: Map<string, WorkspacePlugin>,
  grafanaVersion?: string,
): { changes: DashboardChange[]; added: RevisionRecord[] };
export function readManifest(file?: string): RevisionRecord[];
export function requiresOf(
  dashboard: Json,
  plugins?: Map<string, WorkspacePlugin>,
  grafanaVersion?: string,
): Requirement[];
export function withMetadata(dashboard: Json, change: Pick<DashboardChange, 'revision' | 'requires'>): Json;
export function workspacePlugins(): Map<string, WorkspacePlugin>;
