/**
 * Template variables: their options and current values, from the dashboard JSON and the URL (`var-<name>`),
 * resolved in order so that a later variable may use an earlier one (a query variable on `${ds}`).
 */
import type { TimeRange, TypedVariableModel } from '@grafana/data';

import { dataSourceSrv } from '../datasources/datasource-srv';
import type { VariableJson } from './model';
import { templateSrv } from './template-srv';

export interface VariableOption {
  text: string;
  value: string;
}

/** The chosen option, or options of a multi-value variable (text and value then lists, as in Grafana). */
export interface VariableCurrent {
  text: string | string[];
  value: string | string[];
}

export interface ResolvedVariable {
  json: VariableJson;
  options: VariableOption[];
  current: VariableCurrent;
  error?: string;
}

function customOptions(query: string): VariableOption[] {
  return query
    .split(/(?<!\\),/)
    .map((part) => part.replace(/\\,/g, ',').trim())
    .filter(Boolean)
    .map((part) => {
      const [text, value] = part.split(/\s:\s/);
      return { text: text.trim(), value: (value ?? text).trim() };
    });
}

function datasourceOptions(variable: VariableJson): VariableOption[] {
  const regex = variable.regex ? new RegExp(variable.regex) : undefined;
  return dataSourceSrv
    .getList({ type: String(variable.query ?? ''), metrics: true })
    .filter((ds) => !regex || regex.test(ds.name))
    .map((ds) => ({ text: ds.name, value: ds.uid }));
}

async function queryOptions(variable: VariableJson, range: TimeRange): Promise<VariableOption[]> {
  const ds = await dataSourceSrv.get(variable.datasource ?? undefined);
  if (!ds.metricFindQuery) throw new Error(`Datasource ${ds.name} cannot run variable queries`);
  const query = typeof variable.query === 'string' ? templateSrv.replace(variable.query) : variable.query;
  const found = await ds.metricFindQuery(query, { range, variable: variable as never });
  return found.map((item) => ({ text: String(item.text), value: String(item.value ?? item.text) }));
}

async function optionsOf(variable: VariableJson, range: TimeRange): Promise<VariableOption[]> {
  switch (variable.type) {
    case 'datasource':
      return datasourceOptions(variable);
    case 'custom':
      return customOptions(String(variable.query ?? ''));
    case 'query':
      return queryOptions(variable, range);
    case 'constant':
    case 'textbox': {
      const value = String(variable.query ?? variable.current?.value ?? '');
      return [{ text: value, value }];
    }
    default:
      throw new Error(`The preview does not support ${variable.type} variables`);
  }
}

/** A multi-value variable's choice: the options named in the URL, else the saved ones, else the first option. */
function chooseSeveral(variable: VariableJson, options: VariableOption[], fromUrl: string[]): VariableCurrent {
  const named = (wanted: unknown[]) =>
    options.filter((o) => wanted.some((w) => w !== undefined && (String(w) === o.value || String(w) === o.text)));
  let chosen = named(fromUrl);
  if (chosen.length === 0) chosen = named([variable.current?.value].flat());
  if (chosen.length === 0) chosen = options.slice(0, 1);
  return { text: chosen.map((o) => o.text), value: chosen.map((o) => o.value) };
}

/** The chosen option: from the URL, else the saved current value, else the default datasource, else the first. */
function choose(variable: VariableJson, options: VariableOption[], fromUrl: string[]): VariableCurrent {
  if (variable.multi && variable.type !== 'textbox') return chooseSeveral(variable, options, fromUrl);
  return chooseOne(variable, options, fromUrl[0] ?? null);
}

function chooseOne(variable: VariableJson, options: VariableOption[], fromUrl: string | null): VariableOption {
  if (variable.type === 'textbox' && fromUrl !== null) return { text: fromUrl, value: fromUrl };
  const saved = [variable.current?.value].flat()[0];
  const byValueOrText = (wanted?: string | null) =>
    wanted == null ? undefined : options.find((o) => o.value === wanted || o.text === wanted);
  const defaultDs =
    variable.type === 'datasource'
      ? options.find((o) => dataSourceSrv.getInstanceSettings(o.value)?.isDefault)
      : undefined;
  return byValueOrText(fromUrl) ?? byValueOrText(saved) ?? defaultDs ?? options[0] ?? { text: '', value: '' };
}

export function toTemplateModel({ json, current, options }: ResolvedVariable): TypedVariableModel {
  return { ...json, current: { ...current, selected: true }, options, id: json.name, rootStateKey: 'preview' } as never;
}

export async function resolveVariables(
  list: VariableJson[],
  search: URLSearchParams,
  range: TimeRange,
): Promise<ResolvedVariable[]> {
  const resolved: ResolvedVariable[] = [];
  for (const json of list) {
    let options: VariableOption[] = [];
    let error: string | undefined;
    try {
      options = await optionsOf(json, range);
    } catch (e) {
      error = (e as Error).message;
    }
    const variable = { json, options, current: choose(json, options, search.getAll(`var-${json.name}`)), error };
    resolved.push(variable);
    // Later variables interpolate the earlier ones.
    templateSrv.setVariables(resolved.map(toTemplateModel));
  }
  return resolved;
}
