/** Grafana's core time series panel, reduced to what the preview needs, drawn with @grafana/ui's TimeSeries. */
import {
  DashboardCursorSync,
  FieldColorModeId,
  FieldConfigProperty,
  FieldType,
  getFieldDisplayName,
  PanelPlugin,
  type DataFrame,
  type PanelProps,
} from '@grafana/data';
import {
  EventBusPlugin,
  KeyboardPlugin,
  LegendDisplayMode,
  SeriesTable,
  TimeSeries,
  TooltipDisplayMode,
  TooltipPlugin2,
  usePanelContext,
  type GraphFieldConfig,
  type VizLegendOptions,
} from '@grafana/ui';
import { useMemo } from 'react';

import { AnnotationsPlugin } from './annotations-plugin';
import { radio, slider } from './choice';
import { NoData } from './no-data';

interface TimeSeriesOptions {
  legend: Omit<VizLegendOptions, 'calcs'> & { calcs?: string[] };
  tooltip: { mode: TooltipDisplayMode };
}

/** Frames a time series can draw: a time field and at least one number field. */
export function graphableFrames(series: DataFrame[]): DataFrame[] {
  return series.filter(
    (frame) =>
      frame.fields.some((f) => f.type === FieldType.time) && frame.fields.some((f) => f.type === FieldType.number),
  );
}

/** TooltipPlugin2's hover modes (a const enum in @grafana/ui, so not importable as a value). */
const HOVER_ONE = 0;
const HOVER_ALL = 1;

function TimeSeriesPanel({
  data,
  timeRange,
  timeZone,
  width,
  height,
  options,
  onChangeTimeRange,
}: PanelProps<TimeSeriesOptions>) {
  const { sync, eventBus, eventsScope } = usePanelContext();
  const frames = useMemo(() => graphableFrames(data.series), [data.series]);
  // GraphNG rebuilds the whole plot when `legend` is a new object: keep it the same between updates.
  const legend = useMemo(() => ({ ...options.legend, calcs: options.legend.calcs ?? [] }), [options.legend]);
  const cursorSync = sync?.() ?? DashboardCursorSync.Off;
  if (frames.length === 0) return <NoData data={data} needs="a time field and a number field" />;

  return (
    <TimeSeries
      frames={frames}
      structureRev={data.structureRev}
      timeRange={timeRange}
      timeZone={timeZone}
      width={width}
      height={height}
      legend={legend}
      options={options}
    >
      {(config, alignedFrame) => (
        <>
          <KeyboardPlugin config={config} />
          <AnnotationsPlugin config={config} annotations={data.annotations} />
          {cursorSync !== DashboardCursorSync.Off && eventBus && (
            <EventBusPlugin config={config} eventBus={eventBus} frame={alignedFrame} />
          )}
          {options.tooltip.mode !== TooltipDisplayMode.None && (
            <TooltipPlugin2
              config={config}
              hoverMode={(options.tooltip.mode === TooltipDisplayMode.Single ? HOVER_ONE : HOVER_ALL) as never}
              queryZoom={onChangeTimeRange}
              clientZoom
              syncMode={cursorSync}
              syncScope={eventsScope}
              render={(u, dataIdxs, seriesIdx) => {
                const rowIndex = dataIdxs.find((i) => i != null);
                if (rowIndex == null) return null;
                const rows = alignedFrame.fields.flatMap((field, i) => {
                  if (
                    i === 0 ||
                    dataIdxs[i] == null ||
                    (seriesIdx != null && options.tooltip.mode === TooltipDisplayMode.Single && i !== seriesIdx)
                  )
                    return [];
                  const value = field.values[dataIdxs[i]!];
                  return [
                    {
                      label: getFieldDisplayName(field, alignedFrame, frames),
                      color: u.series[i]?.stroke ? String((u.series[i].stroke as () => string)()) : undefined,
                      value: field.display ? field.display(value).text : String(value),
                      isActive: i === seriesIdx,
                    },
                  ];
                });
                const time = alignedFrame.fields[0].values[rowIndex];
                return <SeriesTable timestamp={alignedFrame.fields[0].display?.(time).text} series={rows} />;
              }}
            />
          )}
        </>
      )}
    </TimeSeries>
  );
}

const LEGEND_MODES: Array<[LegendDisplayMode, string]> = [
  [LegendDisplayMode.List, 'List'],
  [LegendDisplayMode.Table, 'Table'],
];
const LEGEND_PLACEMENTS: Array<['bottom' | 'right', string]> = [
  ['bottom', 'Bottom'],
  ['right', 'Right'],
];
const TOOLTIP_MODES: Array<[TooltipDisplayMode, string]> = [
  [TooltipDisplayMode.Single, 'Single'],
  [TooltipDisplayMode.Multi, 'All'],
  [TooltipDisplayMode.None, 'Hidden'],
];

export const timeseriesPanel = new PanelPlugin<TimeSeriesOptions, GraphFieldConfig>(TimeSeriesPanel)
  .useFieldConfig({
    standardOptions: {
      [FieldConfigProperty.Color]: {
        settings: { byValueSupport: true, bySeriesSupport: true, preferThresholdsMode: false },
        defaultValue: { mode: FieldColorModeId.PaletteClassic },
      },
    },
    useCustomConfig: (builder) =>
      builder
        .addRadio(
          radio('drawStyle', 'Style', 'line', [
            ['line', 'Lines'],
            ['bars', 'Bars'],
            ['points', 'Points'],
          ]),
        )
        .addSliderInput(slider('lineWidth', 'Line width', 1, 10))
        .addSliderInput(slider('fillOpacity', 'Fill opacity', 0, 100))
        .addRadio(
          radio('showPoints', 'Show points', 'never', [
            ['auto', 'Auto'],
            ['always', 'Always'],
            ['never', 'Never'],
          ]),
        )
        .addBooleanSwitch({ path: 'spanNulls', name: 'Connect null values', defaultValue: false })
        .addTextInput({ path: 'axisLabel', name: 'Axis label' }),
  })
  .setPanelOptions((builder) =>
    builder
      .addBooleanSwitch({
        path: 'legend.showLegend',
        name: 'Legend visibility',
        category: ['Legend'],
        defaultValue: true,
      })
      .addRadio(radio('legend.displayMode', 'Legend mode', LegendDisplayMode.List, LEGEND_MODES, ['Legend']))
      .addRadio(radio('legend.placement', 'Legend placement', 'bottom', LEGEND_PLACEMENTS, ['Legend']))
      .addRadio(radio('tooltip.mode', 'Tooltip mode', TooltipDisplayMode.Single, TOOLTIP_MODES, ['Tooltip'])),
  );
