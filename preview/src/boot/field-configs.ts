/**
 * The standard field config properties Grafana core registers at start-up (unit, min, max, decimals, display name,
 * colour, no value, links, value mappings, thresholds), with Grafana's ids, paths and override processors.
 */
import {
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  FieldType,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  ThresholdsMode,
  valueMappingsOverrideProcessor,
  type Field,
  type FieldConfigPropertyItem,
} from '@grafana/data';

const category = ['Standard options'];
const isNumber = (field: Field) => field.type === FieldType.number;
const always = () => true;

function property(
  id: string,
  name: string,
  editorId: string,
  process: FieldConfigPropertyItem['process'],
  rest: Partial<FieldConfigPropertyItem> = {},
): FieldConfigPropertyItem {
  const { editor } = standardEditorsRegistry.get(editorId);
  return {
    id,
    path: id,
    name,
    editor,
    override: editor,
    process,
    shouldApply: always,
    category,
    settings: {},
    ...rest,
  };
}

export function getAllStandardFieldConfigs(): FieldConfigPropertyItem[] {
  return [
    property('unit', 'Unit', 'unit', stringOverrideProcessor, { settings: { placeholder: 'none' } }),
    property('min', 'Min', 'number', numberOverrideProcessor, {
      settings: { placeholder: 'auto' },
      shouldApply: isNumber,
    }),
    property('max', 'Max', 'number', numberOverrideProcessor, {
      settings: { placeholder: 'auto' },
      shouldApply: isNumber,
    }),
    property('fieldMinMax', 'Field min/max', 'boolean', booleanOverrideProcessor, { shouldApply: isNumber }),
    property('decimals', 'Decimals', 'number', numberOverrideProcessor, {
      settings: { placeholder: 'auto', min: 0, max: 15, integer: true },
      shouldApply: isNumber,
    }),
    property('displayName', 'Display name', 'text', displayNameOverrideProcessor, {
      settings: { placeholder: 'none', expandTemplateVars: true },
    }),
    property('color', 'Color scheme', 'fieldColor', identityOverrideProcessor, {
      settings: { byValueSupport: true, preferThresholdsMode: true },
    }),
    property('noValue', 'No value', 'text', stringOverrideProcessor, { settings: { placeholder: '-' } }),
    property('links', 'Data links', 'links', dataLinksOverrideProcessor, { category: ['Data links'] }),
    property('mappings', 'Value mappings', 'mappings', valueMappingsOverrideProcessor, {
      defaultValue: [],
      shouldApply: (field) => field.type !== FieldType.time,
      category: ['Value mappings'],
    }),
    property('thresholds', 'Thresholds', 'thresholds', thresholdsOverrideProcessor, {
      defaultValue: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'green' },
          { value: 80, color: 'red' },
        ],
      },
      category: ['Thresholds'],
    }),
  ];
}
