/** @jest-environment jsdom */
import {
  FieldColorModeId,
  PanelOptionsEditorBuilder,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  ThresholdsMode,
  type FieldConfigPropertyItem,
  type StandardEditorsRegistryItem,
} from '@grafana/data';

import { plugin } from './module';
import { DEFAULT_OPTIONS, type TyreHeatmapOptions } from './types';

// Grafana registers its option editors at start-up; the builder only needs their ids here.
const EDITORS = [
  'text',
  'number',
  'boolean',
  'radio',
  'select',
  'field-name',
  'unit',
  'color',
  'fieldColor',
  'thresholds',
];
standardEditorsRegistry.setInit(() =>
  EDITORS.map((id): StandardEditorsRegistryItem => ({ id, name: id, editor: () => null })),
);
// …and the standard field config properties the plugin sets defaults for.
standardFieldConfigEditorRegistry.setInit(() =>
  ['unit', 'color', 'thresholds', 'min', 'max', 'decimals'].map((id): FieldConfigPropertyItem => ({
    id,
    path: id,
    name: id,
    editor: () => null,
    override: () => null,
    process: (value) => value,
    shouldApply: () => true,
  })),
);

function optionItems() {
  const builder = new PanelOptionsEditorBuilder<TyreHeatmapOptions>();
  plugin.getPanelOptionsSupplier()(builder, { data: [] });
  return builder.getItems();
}

describe('the plugin', () => {
  it('defaults to the car view, the racing-slick window and colours from thresholds', () => {
    const defaults = plugin.fieldConfigDefaults.defaults;
    expect(defaults.unit).toBe('celsius');
    expect(defaults.color).toEqual({ mode: FieldColorModeId.Thresholds });
    expect(defaults.thresholds).toEqual({
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: 'blue' },
        { value: 70, color: 'light-blue' },
        { value: 80, color: 'green' },
        { value: 105, color: 'orange' },
        { value: 115, color: 'red' },
      ],
    });
    const { manual: _manual, ...options } = DEFAULT_OPTIONS;
    expect(plugin.defaults).toEqual(options);
  });

  it('lists the options by category, in the editor’s order', () => {
    const items = optionItems().filter((item) => !item.path.startsWith('manual.'));
    expect(items.map((item) => `${item.category?.join(' › ') ?? ''}: ${item.path}`)).toEqual([
      ': mode',
      ': car',
      'Heatmap: columns',
      'Heatmap: bucketSeconds',
      'Heatmap: aggregate',
      'Heatmap: showSpread',
      'Car view: showPressure',
      'Car view: showBrake',
      'Car view: showCore',
      'Tyre channels: preset',
      'Tyre channels: mapByHand',
      'Tyre channels: manualZones',
    ]);
  });

  it('offers a field picker per wheel for each zone, left/right, pressure, brake and core', () => {
    const items = optionItems();
    const paths = items.map((item) => item.path);
    expect(paths.filter((path) => path.startsWith('manual.fl_'))).toEqual([
      'manual.fl_inner',
      'manual.fl_outer',
      'manual.fl_left',
      'manual.fl_right',
      'manual.fl_middle',
      'manual.fl_pressure',
      'manual.fl_brake',
      'manual.fl_core',
    ]);
    expect(paths.filter((path) => path.startsWith('manual.'))).toHaveLength(32);
    const left = items.find((item) => item.path === 'manual.rr_left')!;
    const showIf = left.showIf!;
    expect(showIf({ ...DEFAULT_OPTIONS, mapByHand: true, manualZones: 'source' }, [])).toBe(true);
    expect(showIf({ ...DEFAULT_OPTIONS, mapByHand: true, manualZones: 'tyre' }, [])).toBe(false);
    expect(showIf({ ...DEFAULT_OPTIONS, mapByHand: false, manualZones: 'source' }, [])).toBe(false);
  });
});
