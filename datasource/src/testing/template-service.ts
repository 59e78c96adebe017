/**
 * Grafana's template service cannot run outside Grafana; this stand-in does the part queries rely on:
 * `$name`, `${name}` and `${name:format}` from scoped variables first, then dashboard variables; a multi-value
 * variable is `{a,b}` by default and `a,b` in the `csv` format, as in Grafana.
 */
import type { ScopedVars } from '@grafana/data';
import { setTemplateSrv, type TemplateSrv } from '@grafana/runtime';

const VARIABLE = /\$(\w+)|\$\{(\w+)(?::(\w+))?\}/g;

export function installTemplateVariables(variables: Record<string, string | string[]>): void {
  const service = {
    getVariables: () => [],
    containsTemplate: (target?: string) => Boolean(target && VARIABLE.test(target)),
    updateTimeRange: () => {},
    replace(target?: string, scopedVars: ScopedVars = {}, format?: unknown) {
      return (target ?? '').replace(VARIABLE, (match, plain?: string, braced?: string, inline?: string) => {
        const name = (plain ?? braced)!;
        const value = scopedVars[name]?.value ?? variables[name];
        if (value === undefined) return match;
        if (!Array.isArray(value)) return String(value);
        return (inline ?? format) === 'csv' ? value.join(',') : `{${value.join(',')}}`;
      });
    },
  } as unknown as TemplateSrv;
  setTemplateSrv(service);
}
