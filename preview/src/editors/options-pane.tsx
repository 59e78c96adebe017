/**
 * A panel's options editor, as Grafana builds it: the plugin's own option items (setPanelOptions) and its field
 * config items (useFieldConfig: standard and custom), each drawn by the editor its builder chose.
 */
import {
  PanelOptionsEditorBuilder,
  type DataFrame,
  type FieldConfigPropertyItem,
  type FieldConfigSource,
  type PanelOptionsEditorItem,
  type PanelPlugin,
  type StandardEditorContext,
} from '@grafana/data';
import { Field, Input } from '@grafana/ui';
import { get, set } from 'lodash';
import type { ComponentType, ReactNode } from 'react';

interface Props {
  plugin: PanelPlugin;
  title: string;
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSource;
  series: DataFrame[];
  onTitleChange: (title: string) => void;
  onOptionsChange: (options: Record<string, unknown>) => void;
  onFieldConfigChange: (fieldConfig: FieldConfigSource) => void;
}

type AnyEditor = ComponentType<{
  value: unknown;
  onChange: (value: unknown) => void;
  item: unknown;
  context: StandardEditorContext<unknown>;
  id?: string;
}>;

/** An immutable set: a deep copy with one path changed. */
function withValue<T extends object>(source: T, path: string, value: unknown): T {
  return set(structuredClone(source), path, value);
}

function Section({ title, children }: { title: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <section style={{ marginBottom: 16 }} data-testid={`preview-options-${title}`}>
      <h3 style={{ fontSize: 14, margin: '8px 0' }}>{title}</h3>
      {children}
    </section>
  );
}

function panelOptionItems(plugin: PanelPlugin, options: Record<string, unknown>, series: DataFrame[]) {
  const builder = new PanelOptionsEditorBuilder<Record<string, unknown>>();
  const supplier = plugin.getPanelOptionsSupplier();
  supplier(builder, { data: series, options });
  return builder.getItems().filter((item) => !item.showIf || item.showIf(options, series));
}

function groupBy<T>(items: T[], category: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(category(item), [...(groups.get(category(item)) ?? []), item]);
  return groups;
}

export function OptionsPane(props: Props) {
  const { plugin, options, fieldConfig, series } = props;
  const context: StandardEditorContext<unknown> = { data: series, options };
  const pluginName = plugin.meta?.name ?? 'Panel';

  const editorRow = (
    key: string,
    item: { name: string; description?: string; editor: unknown },
    value: unknown,
    onChange: (v: unknown) => void,
  ) => {
    const Editor = item.editor as AnyEditor;
    const id = `option-${key}`;
    return (
      <Field key={key} label={item.name} description={item.description} htmlFor={id}>
        <Editor id={id} value={value} onChange={onChange} item={item} context={context} />
      </Field>
    );
  };

  const optionItems = panelOptionItems(plugin, options, series);
  const optionGroups = groupBy(optionItems, (item: PanelOptionsEditorItem) => item.category?.[0] ?? pluginName);
  const defaults = fieldConfig.defaults;
  const fieldItems = plugin.fieldConfigRegistry
    .list()
    .filter(
      (item) =>
        !item.hideFromDefaults &&
        (!item.showIf || item.showIf(item.isCustom ? (defaults.custom ?? {}) : defaults, series)),
    );
  const fieldGroups = groupBy(fieldItems, (item: FieldConfigPropertyItem) =>
    item.isCustom ? (item.category?.[0] ?? pluginName) : (item.category?.[0] ?? 'Standard options'),
  );

  return (
    <div data-testid="preview-options-pane">
      <Section title="Panel options">
        {[
          <Field key="title" label="Title" htmlFor="option-title">
            <Input
              id="option-title"
              defaultValue={props.title}
              onBlur={(e) => props.onTitleChange(e.currentTarget.value)}
            />
          </Field>,
        ]}
      </Section>
      {[...optionGroups].map(([category, items]) => (
        <Section key={`o-${category}`} title={category}>
          {items.map((item) =>
            editorRow(item.path, item, get(options, item.path), (value) =>
              props.onOptionsChange(withValue(options, item.path, value)),
            ),
          )}
        </Section>
      ))}
      {[...fieldGroups].map(([category, items]) => (
        <Section key={`f-${category}`} title={category}>
          {items.map((item) => {
            const path = item.isCustom ? `custom.${item.path}` : item.path;
            return editorRow(`field-${path}`, item, get(defaults, path), (value) =>
              props.onFieldConfigChange({ ...fieldConfig, defaults: withValue(defaults, path, value) }),
            );
          })}
        </Section>
      ))}
    </div>
  );
}
