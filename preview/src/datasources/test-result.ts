import type { DataSourceInstanceSettings, DataSourceSettings } from '@grafana/data';

export type TestResult = { status: string; message: string; details?: unknown };

/** What boot data holds for a datasource, rebuilt from its saved settings. */
export function instanceSettings(
  saved: DataSourceSettings,
  previous: DataSourceInstanceSettings,
): DataSourceInstanceSettings {
  return { ...previous, name: saved.name, url: saved.url, jsonData: saved.jsonData, isDefault: saved.isDefault };
}

/** The alert's severity for a testDatasource() status; an unknown status is an error. */
export function severity(status: string): 'success' | 'error' | 'warning' | 'info' {
  return status === 'success' || status === 'warning' || status === 'info' ? status : 'error';
}

/** The text under the test result: the details as text, or their verbose message, else their message. */
export function detailsText(details: unknown): string | undefined {
  if (!details) return undefined;
  if (typeof details === 'string') return details;
  const { message, verboseMessage } = details as { message?: string; verboseMessage?: string };
  return verboseMessage ?? message;
}
