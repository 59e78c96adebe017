/** The panel's options, by category, in the order the editor shows them. */
import { WHEEL_NAMES, WHEELS } from '@eracing/telemetry-core/channels';
import { TYRE_NAMING_PRESETS, type ColumnAggregate, type TyrePresetChoice } from '@eracing/telemetry-core/tyres';
import { FieldType, type PanelOptionsEditorBuilder } from '@grafana/data';

import {
  DEFAULT_OPTIONS,
  type HeatmapColumns,
  type ManualZoneNaming,
  type TyreHeatmapOptions,
  type TyreViewMode,
} from './types';

type Builder = PanelOptionsEditorBuilder<TyreHeatmapOptions>;

const MAPPING = 'Tyre channels';
const inHeatmap = (options: TyreHeatmapOptions) => options.mode === 'heatmap';
const inCarView = (options: TyreHeatmapOptions) => options.mode !== 'heatmap';

/** A radio's settings: its values and their labels. */
function choices<T>(...options: [value: T, label: string][]) {
  return { options: options.map(([value, label]) => ({ value, label })) };
}

function addViewOptions(builder: Builder) {
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
    });
}

function addHeatmapOptions(builder: Builder) {
  const category = ['Heatmap'];
  builder
    .addRadio({
      path: 'columns',
      name: 'Columns',
      category,
      defaultValue: DEFAULT_OPTIONS.columns,
      settings: choices<HeatmapColumns>(['laps', 'Laps'], ['time', 'Time buckets']),
      showIf: inHeatmap,
    })
    .addNumberInput({
      path: 'bucketSeconds',
      name: 'Bucket size',
      description: 'Seconds per time-bucket column.',
      category,
      defaultValue: DEFAULT_OPTIONS.bucketSeconds,
      settings: { min: 1, integer: true },
      showIf: (options) => inHeatmap(options) && options.columns === 'time',
    })
    .addRadio({
      path: 'aggregate',
      name: 'Value per column',
      description: 'Time-weighted mean, or the highest sample.',
      category,
      defaultValue: DEFAULT_OPTIONS.aggregate,
      settings: choices<ColumnAggregate>(['mean', 'Mean'], ['max', 'Max']),
      showIf: inHeatmap,
    })
    .addBooleanSwitch({
      path: 'showSpread',
      name: 'Inner − outer spread',
      description: 'A row per wheel with inner minus outer: the camber read-out.',
      category,
      defaultValue: DEFAULT_OPTIONS.showSpread,
      showIf: inHeatmap,
    });
}

const CAR_VIEW_EXTRAS = [
  ['showPressure', 'Pressure'],
  ['showBrake', 'Brake temperature'],
  ['showCore', 'Core temperature'],
] as const;

function addCarViewOptions(builder: Builder) {
  for (const [path, name] of CAR_VIEW_EXTRAS) {
    builder.addBooleanSwitch({
      path,
      name,
      category: ['Car view'],
      defaultValue: DEFAULT_OPTIONS[path],
      showIf: inCarView,
    });
  }
}

function addNamingOptions(builder: Builder) {
  builder
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
      settings: choices<ManualZoneNaming>(['tyre', 'Inner / outer'], ['source', 'Left / right']),
      showIf: (options) => options.mapByHand,
    });
}

const MANUAL_SLOTS: [key: string, name: string, zones?: ManualZoneNaming][] = [
  ['inner', 'inner', 'tyre'],
  ['outer', 'outer', 'tyre'],
  ['left', 'left (from behind)', 'source'],
  ['right', 'right (from behind)', 'source'],
  ['middle', 'middle'],
  ['pressure', 'pressure'],
  ['brake', 'brake temperature'],
  ['core', 'core temperature'],
];

function addManualMapping(builder: Builder) {
  for (const wheel of WHEELS) {
    for (const [key, name, zones] of MANUAL_SLOTS) {
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

export function tyreHeatmapOptions(builder: Builder): Builder {
  addViewOptions(builder);
  addHeatmapOptions(builder);
  addCarViewOptions(builder);
  addNamingOptions(builder);
  addManualMapping(builder);
  return builder;
}
