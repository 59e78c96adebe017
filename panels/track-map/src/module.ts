import { FieldColorModeId, FieldConfigProperty, PanelPlugin, type PanelOptionsEditorBuilder } from '@grafana/data';
import { sameButLiveTime } from '@eracing/panel-kit/live-ticks';
import { memo } from 'react';

import { TrackMapPanel } from './components/track-map-panel';
import { DEFAULT_OPTIONS as D, type TrackMapOptions } from './types';

const numericFields = { filter: (field: { type: string }) => field.type === 'number' };

type Builder = PanelOptionsEditorBuilder<TrackMapOptions>;

/** Where the cars are: x/y in metres or lat/lon in degrees, found by name or picked. */
function positionOptions(builder: Builder): void {
  builder
    .addRadio({
      path: 'positions',
      name: 'Position fields',
      description: 'x/y in metres, or lat/lon in degrees (projected to metres around the track)',
      category: ['Positions'],
      defaultValue: D.positions,
      settings: {
        options: [
          { value: 'auto', label: 'Auto' },
          { value: 'xy', label: 'x / y' },
          { value: 'latlon', label: 'lat / lon' },
        ],
      },
    })
    .addFieldNamePicker({
      path: 'xField',
      name: 'x field',
      category: ['Positions'],
      settings: numericFields,
      showIf: (o) => o.positions === 'xy',
    })
    .addFieldNamePicker({
      path: 'yField',
      name: 'y field',
      category: ['Positions'],
      settings: numericFields,
      showIf: (o) => o.positions === 'xy',
    })
    .addFieldNamePicker({
      path: 'latField',
      name: 'Latitude field',
      category: ['Positions'],
      settings: numericFields,
      showIf: (o) => o.positions === 'latlon',
    })
    .addFieldNamePicker({
      path: 'lonField',
      name: 'Longitude field',
      category: ['Positions'],
      settings: numericFields,
      showIf: (o) => o.positions === 'latlon',
    });
}

/** Which lap of which car is drawn, and what colours it. */
function racingLineOptions(builder: Builder): void {
  builder
    .addFieldNamePicker({
      path: 'colourField',
      name: 'Colour by',
      description:
        'The channel that colours the racing line; its colour scheme, thresholds and unit come from the field config',
      category: ['Racing line'],
      defaultValue: D.colourField,
      settings: numericFields,
    })
    .addRadio({
      path: 'colourRange',
      name: 'Colour range',
      description: "This lap's own minimum to maximum, or the field's min and max (Standard options)",
      category: ['Racing line'],
      defaultValue: D.colourRange,
      settings: {
        options: [
          { value: 'lap', label: 'This lap' },
          { value: 'field', label: 'Field min/max' },
        ],
      },
    })
    .addRadio({
      path: 'lap',
      name: 'Lap',
      category: ['Racing line'],
      defaultValue: D.lap,
      settings: {
        options: [
          { value: 'current', label: 'Current' },
          { value: 'best', label: 'Best valid' },
          { value: 'chosen', label: 'Chosen' },
        ],
      },
    })
    .addTextInput({
      path: 'lapNumber',
      name: 'Lap number',
      description: 'A lap number or a template variable such as $lap',
      category: ['Racing line'],
      settings: { placeholder: '$lap' },
      showIf: (o) => o.lap === 'chosen',
    })
    .addTextInput({
      path: 'lineCar',
      name: 'Car',
      description: 'The car whose lap is drawn, e.g. 7 or $car; empty: any car',
      category: ['Racing line'],
      settings: { placeholder: 'any car' },
    })
    .addBooleanSwitch({ path: 'showLegend', name: 'Legend', category: ['Racing line'], defaultValue: D.showLegend });
}

/** The live cars: trails and labels. */
function carOptions(builder: Builder): void {
  builder
    .addBooleanSwitch({ path: 'showTrails', name: 'Trails', category: ['Cars'], defaultValue: D.showTrails })
    .addNumberInput({
      path: 'trailSeconds',
      name: 'Trail length (s)',
      category: ['Cars'],
      defaultValue: D.trailSeconds,
      settings: { min: 1, max: 120, integer: true },
      showIf: (o) => o.showTrails,
    })
    .addBooleanSwitch({
      path: 'showCarLabels',
      name: 'Car labels',
      category: ['Cars'],
      defaultValue: D.showCarLabels,
    });
}

/** The track marks and the orientation of the map. */
function trackOptions(builder: Builder): void {
  builder
    .addBooleanSwitch({
      path: 'showSectors',
      name: 'Sectors and start/finish',
      category: ['Track'],
      defaultValue: D.showSectors,
    })
    .addBooleanSwitch({
      path: 'showCorners',
      name: 'Corner labels',
      category: ['Track'],
      defaultValue: D.showCorners,
    })
    .addSliderInput({
      path: 'rotation',
      name: 'Rotation (°)',
      category: ['Track'],
      defaultValue: D.rotation,
      settings: { min: -180, max: 180, step: 5 },
    })
    .addBooleanSwitch({
      path: 'flipHorizontal',
      name: 'Flip horizontally',
      category: ['Track'],
      defaultValue: D.flipHorizontal,
    })
    .addBooleanSwitch({
      path: 'flipVertical',
      name: 'Flip vertically',
      category: ['Track'],
      defaultValue: D.flipVertical,
    });
}

export const plugin = new PanelPlugin<TrackMapOptions>(memo(TrackMapPanel, sameButLiveTime))
  .useFieldConfig({
    standardOptions: {
      [FieldConfigProperty.Color]: {
        settings: { byValueSupport: true, bySeriesSupport: false, preferThresholdsMode: false },
        defaultValue: { mode: FieldColorModeId.ContinuousGrYlRd },
      },
    },
  })
  .setPanelOptions((builder) => {
    positionOptions(builder);
    racingLineOptions(builder);
    carOptions(builder);
    trackOptions(builder);
  });
