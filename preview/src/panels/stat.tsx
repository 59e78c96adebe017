/** Grafana's core stat panel, reduced: one BigValue per field, reduced with the chosen calculation. */
import {
  getDisplayValueAlignmentFactors,
  getFieldDisplayValues,
  PanelPlugin,
  ReducerID,
  standardEditorsRegistry,
  VizOrientation,
  type FieldDisplay,
  type PanelProps,
  type ReduceDataOptions,
} from '@grafana/data';
import { BigValue, BigValueColorMode, BigValueGraphMode, BigValueTextMode, useTheme2, VizRepeater } from '@grafana/ui';

import { radio } from './choice';
import { NoData } from './no-data';

interface StatOptions {
  reduceOptions: ReduceDataOptions;
  colorMode: BigValueColorMode;
  graphMode: BigValueGraphMode;
  textMode: BigValueTextMode;
}

function StatPanel({
  data,
  options,
  fieldConfig,
  replaceVariables,
  timeZone,
  width,
  height,
  renderCounter,
}: PanelProps<StatOptions>) {
  const theme = useTheme2();
  const getValues = (): FieldDisplay[] =>
    getFieldDisplayValues({
      fieldConfig,
      reduceOptions: options.reduceOptions,
      replaceVariables,
      theme,
      data: data.series,
      sparkline: options.graphMode !== BigValueGraphMode.None,
      timeZone,
    });
  if (data.series.length === 0) return <NoData data={data} needs="a number field" />;
  return (
    <VizRepeater<FieldDisplay>
      getValues={getValues}
      getAlignmentFactors={(values) => getDisplayValueAlignmentFactors(values)}
      renderValue={({ value, width: w, height: h, alignmentFactors, count }) => (
        <BigValue
          value={value.display}
          count={count}
          sparkline={value.sparkline}
          colorMode={options.colorMode}
          graphMode={options.graphMode}
          textMode={options.textMode}
          alignmentFactors={alignmentFactors as never}
          width={w}
          height={h}
          theme={theme}
        />
      )}
      width={width}
      height={height}
      source={data}
      itemSpacing={3}
      renderCounter={renderCounter}
      autoGrid
      orientation={VizOrientation.Auto}
    />
  );
}

export const statPanel = new PanelPlugin<StatOptions>(StatPanel).useFieldConfig().setPanelOptions((builder) =>
  builder
    .addCustomEditor({
      id: 'reduceOptions.calcs',
      path: 'reduceOptions.calcs',
      name: 'Calculation',
      editor: (props) => {
        const StatsPicker = standardEditorsRegistry.get('stats-picker').editor;
        return <StatsPicker {...props} />;
      },
      defaultValue: [ReducerID.lastNotNull],
    })
    .addBooleanSwitch({ path: 'reduceOptions.values', name: 'Show all values', defaultValue: false })
    .addRadio(
      radio('colorMode', 'Color mode', BigValueColorMode.Value, [
        [BigValueColorMode.None, 'None'],
        [BigValueColorMode.Value, 'Value'],
        [BigValueColorMode.Background, 'Background'],
      ]),
    )
    .addRadio(
      radio('graphMode', 'Graph mode', BigValueGraphMode.Area, [
        [BigValueGraphMode.None, 'None'],
        [BigValueGraphMode.Area, 'Area'],
      ]),
    )
    .addRadio(
      radio('textMode', 'Text mode', BigValueTextMode.Auto, [
        [BigValueTextMode.Auto, 'Auto'],
        [BigValueTextMode.Value, 'Value'],
        [BigValueTextMode.ValueAndName, 'Value and name'],
      ]),
    ),
);
