/**
 * The standard option editors Grafana core registers at start-up (public/app/core/components/OptionsUI/registry.tsx),
 * with the same ids, built here from @grafana/ui. `PanelPlugin`'s options builders look editors up by these ids,
 * so a plugin's `setPanelOptions` throws `"text" not found` in any host that skips this.
 */
import {
  fieldColorModeRegistry,
  FieldColorModeId,
  type FieldColor,
  type SelectableValue,
  type StandardEditorProps,
  type StandardEditorsRegistryItem,
  type ThresholdsConfig,
} from '@grafana/data';
import {
  Button,
  ColorPickerInput,
  Input,
  MultiSelect,
  RadioButtonGroup,
  Select,
  Slider,
  Stack,
  StatsPicker,
  Switch,
  TagsInput,
  TimeZonePicker,
  UnitPicker,
} from '@grafana/ui';
import type { ComponentType } from 'react';

type Editor<T = unknown, S = Record<string, unknown>> = ComponentType<StandardEditorProps<T, S>>;
type Choice = { options?: Array<SelectableValue<unknown>> };

function toNumber(text: string, integer?: boolean): number | undefined {
  if (text.trim() === '') return undefined;
  const value = integer ? parseInt(text, 10) : parseFloat(text);
  return Number.isFinite(value) ? value : undefined;
}

const TextEditor: Editor<string, { placeholder?: string; useTextarea?: boolean }> = ({ value, onChange, item, id }) => (
  <Input
    id={id}
    defaultValue={value ?? ''}
    placeholder={item.settings?.placeholder}
    onBlur={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
  />
);

const NumberEditor: Editor<number, { placeholder?: string; integer?: boolean; min?: number; max?: number }> = ({
  value,
  onChange,
  item,
  id,
}) => (
  <Input
    id={id}
    type="number"
    defaultValue={value ?? ''}
    placeholder={item.settings?.placeholder}
    min={item.settings?.min}
    max={item.settings?.max}
    onBlur={(e) => onChange(toNumber(e.currentTarget.value, item.settings?.integer))}
  />
);

const SliderEditor: Editor<number, { min: number; max: number; step?: number }> = ({ value, onChange, item, id }) => (
  <Slider
    inputId={id ?? item.id}
    min={item.settings?.min ?? 0}
    max={item.settings?.max ?? 100}
    step={item.settings?.step}
    value={value}
    onChange={onChange}
  />
);

const BooleanEditor: Editor<boolean> = ({ value, onChange, id }) => (
  <Switch id={id} value={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} />
);

const RadioEditor: Editor<unknown, Choice> = ({ value, onChange, item }) => (
  <RadioButtonGroup value={value} onChange={onChange} options={item.settings?.options ?? []} />
);

const SelectEditor: Editor<unknown, Choice & { allowCustomValue?: boolean; isClearable?: boolean }> = ({
  value,
  onChange,
  item,
  id,
}) => (
  <Select
    inputId={id}
    value={value}
    options={item.settings?.options ?? []}
    allowCustomValue={item.settings?.allowCustomValue}
    isClearable={item.settings?.isClearable}
    onChange={(choice) => onChange(choice?.value)}
  />
);

const MultiSelectEditor: Editor<unknown[], Choice> = ({ value, onChange, item, id }) => (
  <MultiSelect
    inputId={id}
    value={value ?? []}
    options={item.settings?.options ?? []}
    onChange={(choices) => onChange(choices.map((choice) => choice.value))}
  />
);

const UnitEditor: Editor<string> = ({ value, onChange, id }) => (
  <UnitPicker id={id} value={value} onChange={onChange} />
);

const ColorEditor: Editor<string> = ({ value, onChange, id }) => (
  <ColorPickerInput id={id} value={value} onChange={onChange} returnColorAs="hex" />
);

const StringsEditor: Editor<string[]> = ({ value, onChange }) => <TagsInput tags={value ?? []} onChange={onChange} />;

const StatsEditor: Editor<string[]> = ({ value, onChange, id }) => (
  <StatsPicker inputId={id} stats={value ?? []} onChange={onChange} allowMultiple />
);

const TimeZoneEditor: Editor<string> = ({ value, onChange, id }) => (
  <TimeZonePicker inputId={id} value={value} onChange={(zone) => onChange(zone)} />
);

const FieldColorEditor: Editor<FieldColor | undefined> = ({ value, onChange, id }) => {
  const modes = fieldColorModeRegistry
    .list()
    .filter((mode) => !mode.excludeFromPicker)
    .map((mode) => ({ value: mode.id, label: mode.name, description: mode.description }));
  const mode = value?.mode ?? FieldColorModeId.Thresholds;
  return (
    <Stack direction="column" gap={1}>
      <Select
        inputId={id}
        value={mode}
        options={modes}
        onChange={(choice) => onChange({ ...value, mode: choice.value! })}
      />
      {mode === FieldColorModeId.Fixed && (
        <ColorPickerInput
          value={value?.fixedColor}
          returnColorAs="hex"
          onChange={(fixedColor) => onChange({ mode, fixedColor })}
        />
      )}
    </Stack>
  );
};

const ThresholdsEditor: Editor<ThresholdsConfig | undefined> = ({ value, onChange }) => {
  const steps = value?.steps ?? [];
  const update = (next: ThresholdsConfig['steps']) =>
    onChange({ mode: value?.mode ?? ('absolute' as ThresholdsConfig['mode']), steps: next });
  return (
    <Stack direction="column" gap={1}>
      {steps.map((step, index) => (
        <Stack key={index} gap={1} alignItems="center">
          <ColorPickerInput
            value={step.color}
            width={14}
            onChange={(color) => update(steps.map((s, i) => (i === index ? { ...s, color } : s)))}
          />
          {step.value === -Infinity ? (
            <span>Base</span>
          ) : (
            <Input
              type="number"
              defaultValue={step.value}
              width={12}
              onBlur={(e) =>
                update(steps.map((s, i) => (i === index ? { ...s, value: toNumber(e.currentTarget.value) ?? 0 } : s)))
              }
            />
          )}
        </Stack>
      ))}
      <Button
        size="sm"
        variant="secondary"
        icon="plus"
        onClick={() => update([...steps, { value: (steps.at(-1)?.value ?? 0) + 10, color: 'red' }])}
      >
        Add threshold
      </Button>
    </Stack>
  );
};

/** Shown for the editors the preview does not implement: the value is kept, and the count shown. */
const ReadOnlyListEditor: Editor<unknown[]> = ({ value, item }) => (
  <span style={{ opacity: 0.7 }}>
    {(value ?? []).length} {item.name.toLowerCase()}: editing is not available in the preview.
  </span>
);

function editor<T, S>(id: string, name: string, component: Editor<T, S>): StandardEditorsRegistryItem {
  return { id, name, description: name, editor: component as StandardEditorsRegistryItem['editor'] };
}

export function getAllOptionEditors(): StandardEditorsRegistryItem[] {
  return [
    editor('text', 'Text', TextEditor),
    editor('number', 'Number', NumberEditor),
    editor('slider', 'Slider', SliderEditor),
    editor('boolean', 'Boolean', BooleanEditor),
    editor('radio', 'Radio', RadioEditor),
    editor('select', 'Select', SelectEditor),
    editor('unit', 'Unit', UnitEditor),
    editor('links', 'Links', ReadOnlyListEditor),
    editor('stats-picker', 'Stats picker', StatsEditor),
    editor('strings', 'String array', StringsEditor),
    editor('timezone', 'Time zone', TimeZoneEditor),
    editor('fieldColor', 'Field color', FieldColorEditor),
    editor('color', 'Color', ColorEditor),
    editor('multi-select', 'Multi select', MultiSelectEditor),
    editor('field-name', 'Field name', TextEditor),
    editor('dashboard-uid', 'Dashboard', TextEditor),
    editor('mappings', 'Value mappings', ReadOnlyListEditor),
    editor('thresholds', 'Thresholds', ThresholdsEditor),
    editor('actions', 'Actions', ReadOnlyListEditor),
  ];
}
