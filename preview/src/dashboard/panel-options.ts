import type { FieldConfigSource, PanelPlugin } from '@grafana/data';
import { mergeWith } from 'lodash';

const replaceArrays = (_target: unknown, source: unknown) => (Array.isArray(source) ? source : undefined);

/** The panel's options over the plugin's defaults, as Grafana's getPanelOptionsWithDefaults merges them. */
export function optionsWithDefaults(
  plugin: PanelPlugin,
  options: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return mergeWith({}, plugin.defaults, options ?? {}, replaceArrays);
}

/** The panel's field config over the defaults of the plugin's field config registry (standard and custom). */
export function fieldConfigWithDefaults(
  plugin: PanelPlugin,
  fieldConfig: FieldConfigSource | undefined,
): FieldConfigSource {
  return {
    defaults: mergeWith({}, plugin.fieldConfigDefaults.defaults, fieldConfig?.defaults ?? {}, replaceArrays),
    overrides: fieldConfig?.overrides ?? [],
  };
}
