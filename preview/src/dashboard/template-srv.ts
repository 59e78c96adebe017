/**
 * getTemplateSrv() for plugins: the current dashboard's variables, interpolated with Grafana's syntax
 * ($var, ${var}, ${var:format}, [[var]]) and its common formats.
 */
import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv, VariableInterpolation } from '@grafana/runtime';

/** Grafana's variable syntax: $name | [[name:format]] | ${name.fieldPath:format}. */
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

type Value = string | number | boolean | Array<string | number | boolean> | undefined | null;
type Formatter = (value: string | string[]) => string;

const regexEscape = (text: string) => text.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');
const asList = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

const FORMATS: Record<string, Formatter> = {
  raw: (v) => asList(v).join(','),
  csv: (v) => asList(v).join(','),
  pipe: (v) => asList(v).join('|'),
  json: (v) => JSON.stringify(v),
  text: (v) => asList(v).join(' + '),
  glob: (v) => (Array.isArray(v) && v.length > 1 ? `{${v.join(',')}}` : asList(v).join(',')),
  regex: (v) =>
    Array.isArray(v) && v.length > 1 ? `(${v.map(regexEscape).join('|')})` : regexEscape(asList(v)[0] ?? ''),
  singlequote: (v) =>
    asList(v)
      .map((s) => `'${s.replace(/'/g, "\\'")}'`)
      .join(','),
  doublequote: (v) =>
    asList(v)
      .map((s) => `"${s.replace(/"/g, '\\"')}"`)
      .join(','),
  percentencode: (v) => encodeURIComponent(Array.isArray(v) ? `{${v.join(',')}}` : v),
  queryparam: (v) =>
    asList(v)
      .map((s) => `var-${encodeURIComponent(s)}`)
      .join('&'),
};

function currentValue(variable: TypedVariableModel): Value {
  const current = (variable as { current?: { value?: Value } }).current;
  if (variable.type === 'constant') return (variable as { query?: string }).query;
  return current?.value;
}

export class PreviewTemplateSrv implements TemplateSrv {
  private variables: TypedVariableModel[] = [];
  private timeRange?: TimeRange;

  setVariables(variables: TypedVariableModel[]): void {
    this.variables = variables;
  }

  getVariables(): TypedVariableModel[] {
    return this.variables;
  }

  updateTimeRange(timeRange: TimeRange): void {
    this.timeRange = timeRange;
  }

  containsTemplate(target?: string): boolean {
    if (!target) return false;
    VARIABLE.lastIndex = 0;
    for (let m = VARIABLE.exec(target); m; m = VARIABLE.exec(target)) {
      if (this.lookup(m[1] || m[2] || m[4]) !== undefined) return true;
    }
    return false;
  }

  replace(
    target?: string,
    scopedVars?: ScopedVars,
    // TemplateSrv's own signature: a format name or a function of the value.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    format?: string | Function,
    interpolations?: VariableInterpolation[],
  ): string {
    if (!target) return target ?? '';
    return target.replace(VARIABLE, (match, plain, bracket, bracketFormat, braced, fieldPath, bracedFormat) => {
      const variableName = plain || bracket || braced;
      const chosenFormat = bracketFormat || bracedFormat || format;
      const scoped = scopedVars?.[variableName];
      const value =
        scoped !== undefined ? (fieldPath ? undefined : (scoped.value as Value)) : this.lookup(variableName);
      const record = (interpolated: string, found: boolean) =>
        interpolations?.push({
          match,
          variableName,
          fieldPath,
          format: String(chosenFormat ?? ''),
          value: interpolated,
          found,
        });
      if (value === undefined || value === null) {
        record(match, false);
        return match;
      }
      const text = Array.isArray(value) ? value.map(String) : String(value);
      const formatted =
        typeof chosenFormat === 'function'
          ? String(chosenFormat(text))
          : (FORMATS[chosenFormat ?? (Array.isArray(text) ? 'glob' : 'raw')] ?? FORMATS.raw)(text);
      record(formatted, true);
      return formatted;
    });
  }

  private lookup(name: string): Value {
    if (this.timeRange && name === '__from') return this.timeRange.from.valueOf();
    if (this.timeRange && name === '__to') return this.timeRange.to.valueOf();
    const variable = this.variables.find((v) => v.name === name);
    return variable ? currentValue(variable) : undefined;
  }
}

export const templateSrv = new PreviewTemplateSrv();
