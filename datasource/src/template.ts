/**
 * Template variables in queries. Every text goes through Grafana's template service with the request's scoped
 * variables; list entries are interpolated as CSV and split, so a multi-value variable becomes several entries.
 */
import type { ScopedVars } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';

export interface Interpolator {
  /** The text interpolated, trimmed; `format` as in Grafana's template service (e.g. `csv`). */
  text(value: string | undefined, format?: string): string;
  /** Entries of a list, each interpolated and split on commas; blanks and repeats dropped. */
  list(values: ReadonlyArray<string> | string | undefined): string[];
}

function templateService() {
  try {
    return getTemplateSrv();
  } catch {
    return undefined;
  }
}

export function interpolator(scopedVars: ScopedVars = {}): Interpolator {
  const service = templateService();
  const replace = (value: string, format?: string) => (service ? service.replace(value, scopedVars, format) : value);
  return {
    text: (value, format) => (value ? replace(value, format).trim() : ''),
    list: (values) => {
      const entries = typeof values === 'string' ? [values] : (values ?? []);
      const out = entries.flatMap((entry) => replace(entry, 'csv').split(','));
      return [...new Set(out.map((entry) => entry.trim()).filter((entry) => entry !== ''))];
    },
  };
}

/** The dashboard's variables as `$name`, for pickers that accept them. */
export function variableNames(): string[] {
  const service = templateService();
  try {
    return (service?.getVariables() ?? []).map((variable) => `$${variable.name}`);
  } catch {
    return [];
  }
}

/** True for a value that a variable will fill in. */
export function isVariable(value: string): boolean {
  return value.includes('$');
}
