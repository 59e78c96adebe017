import { sameButLiveTime } from '@eracing/panel-kit/live-ticks';
import { WHEEL_NAMES, WHEELS } from '@eracing/telemetry-core/channels';
import { TYRE_NAMING_PRESETS, type ColumnAggregate, type TyrePresetChoice } from '@eracing/telemetry-core/tyres';
import {
  FieldColorModeId,
  FieldConfigProperty,
  FieldType,
  PanelPlugin,
  ThresholdsMode,
  type PanelOptionsEditorBuilder,
} from '@grafana/data';
import { memo } from 'react';

import { TyreHeatmapPanel } from './components/tyre-heatmap-panel';
import { RACING_SLICK_THRESHOLDS } from './model/threshold-window';
import {
  DEFAULT_OPTIONS,
  type HeatmapColumns,
  type ManualZoneNaming,
  type TyreHeatmapOptions,
  type TyreViewMode,
} from './types';

const MAPPING = 'Tyre channels';

function addManualMapping(builder: PanelOptionsEditorBuilder<TyreHeatmapOptions>) {
  const slots: [key: string, name: string, zones?: ManualZoneNaming][] = [
    ['inner', 'inner', 'tyre'],
    ['outer', 'outer', 'tyre'],
    ['left', 'left (from behind)', 'source'],
    ['right', 'right (from behind)', 'source'],
    ['middle', 'middle'],
    ['pressure', 'pressure'],
    ['brake', 'brake temperature'],
    ['core', 'core temperature'],
  ];
  for (const wheel of WHEELS) {
    for (const [key, name, zones] of slots) {
      builder.addFieldNamePicker({
        path: `manual.${wheel}_${key}`,
        name: `${WHEEL_NAMES[wheel]} ${name}`,
        category: [MAPPING],
        settings: { filter: (field) => field.type === FieldType.number, noFieldsMessage: 'No number fields' },
        showIf: (options) => options.mapByHand && (zones === undefined || options.manualZones === zones),
      });
    }
  }
}

export const plugin = new PanelPlugin<TyreHeatmapOptions>(memo(TyreHeatmapPanel, sameButLiveTime))
  .useFieldConfig({
    standardOptions: {
      [FieldConfigProperty.Unit]: { defaultValue: 'celsius' },
      [FieldConfigProperty.Color]: { defaultValue: { mode: FieldColorModeId.Thresholds } },
      [FieldConfigProperty.Thresholds]: {
        defaultValue: {
          mode: ThresholdsMode.Absolute,
          steps: [...RACING_SLICK_THRESHOLDS],
        },
      },
    },
  })
  .setPanelOptions((builder) => {
    builder
      .addRadio({
        path: 'mode',
        name: 'View',
        defaultValue: DEFAULT_OPTIONS.mode,
        settings: {
          options: [
            { value: 'car' as TyreViewMode, label: 'Car', description: 'The four tyres now, or at the shared cursor' },
            { value: 'heatmap' as TyreViewMode, label: 'Heatmap', description: 'Each zone lap by lap, or over time' },
          ],
        },
      })
      .addTextInput({
        path: 'car',
        name: 'Car',
        description: 'The car to show when the data has several, e.g. 7 or $car. Empty: the first car with tyre data.',
        defaultValue: DEFAULT_OPTIONS.car,
      })
      .addRadio({
        path: 'columns',
        name: 'Columns',
        category: ['Heatmap'],
        defaultValue: DEFAULT_OPTIONS.columns,
        settings: {
          options: [
            { value: 'laps' as HeatmapColumns, label: 'Laps' },
            { value: 'time' as HeatmapColumns, label: 'Time buckets' },
          ],
        },
        showIf: (options) => options.mode === 'heatmap',
      })
      .addNumberInput({
        path: 'bucketSeconds',
        name: 'Bucket size',
        description: 'Seconds per time-bucket column.',
        category: ['Heatmap'],
        defaultValue: DEFAULT_OPTIONS.bucketSeconds,
        settings: { min: 1, integer: true },
        showIf: (options) => options.mode === 'heatmap' && options.columns === 'time',
      })
      .addRadio({
        path: 'aggregate',
        name: 'Value per column',
        description: 'Time-weighted mean, or the highest sample.',
        category: ['Heatmap'],
        defaultValue: DEFAULT_OPTIONS.aggregate,
        settings: {
          options: [
            { value: 'mean' as ColumnAggregate, label: 'Mean' },
            { value: 'max' as ColumnAggregate, label: 'Max' },
          ],
        },
        showIf: (options) => options.mode === 'heatmap',
      })
      .addBooleanSwitch({
        path: 'showSpread',
        name: 'Inner − outer spread',
        description: 'A row per wheel with inner minus outer: the camber read-out.',
        category: ['Heatmap'],
        defaultValue: DEFAULT_OPTIONS.showSpread,
        showIf: (options) => options.mode === 'heatmap',
      })
      .addBooleanSwitch({
        path: 'showPressure',
        name: 'Pressure',
        category: ['Car view'],
        defaultValue: DEFAULT_OPTIONS.showPressure,
        showIf: (options) => options.mode !== 'heatmap',
      })
      .addBooleanSwitch({
        path: 'showBrake',
        name: 'Brake temperature',
        category: ['Car view'],
        defaultValue: DEFAULT_OPTIONS.showBrake,
        showIf: (options) => options.mode !== 'heatmap',
      })
      .addBooleanSwitch({
        path: 'showCore',
        name: 'Core temperature',
        category: ['Car view'],
        defaultValue: DEFAULT_OPTIONS.showCore,
        showIf: (options) => options.mode !== 'heatmap',
      })
      .addSelect({
        path: 'preset',
        name: 'Naming',
        description:
          'How the source names its tyre channels. Left/middle/right names are mapped to inner/outer per side.',
        category: [MAPPING],
        defaultValue: DEFAULT_OPTIONS.preset,
        settings: {
          options: [
            { value: 'auto' as TyrePresetChoice, label: 'Detect', description: 'The naming that finds the most zones' },
            ...TYRE_NAMING_PRESETS.map((preset) => ({
              value: preset.id as TyrePresetChoice,
              label: preset.label,
              description: `e.g. ${preset.example}`,
            })),
          ],
        },
      })
      .addBooleanSwitch({
        path: 'mapByHand',
        name: 'Map fields by hand',
        description: 'Pick the field of any zone, pressure or temperature; picked fields override the naming.',
        category: [MAPPING],
        defaultValue: DEFAULT_OPTIONS.mapByHand,
      })
      .addRadio({
        path: 'manualZones',
        name: 'Zones named',
        description: 'Left/middle/right as seen from behind the car: left is the outer shoulder on a left wheel.',
        category: [MAPPING],
        defaultValue: DEFAULT_OPTIONS.manualZones,
        settings: {
          options: [
            { value: 'tyre' as ManualZoneNaming, label: 'Inner / outer' },
            { value: 'source' as ManualZoneNaming, label: 'Left / right' },
          ],
        },
        showIf: (options) => options.mapByHand,
      });
    addManualMapping(builder);
    return builder;
  });
