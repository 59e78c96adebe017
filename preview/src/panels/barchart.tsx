/** Grafana's core bar chart, reduced to what the packaged dashboards use: vertical grouped bars over a string field. */
import { FieldColorModeId, FieldConfigProperty, PanelPlugin, type PanelProps } from '@grafana/data';
import { LegendDisplayMode, useTheme2, VizLegend, type VizLegendOptions } from '@grafana/ui';
import { useMemo } from 'react';

import { barChartProblem, layOutBars, type BarChartOptions } from './barchart-model';
import { radio, slider } from './choice';

interface BarChartPanelOptions extends BarChartOptions {
  legend: Omit<VizLegendOptions, 'calcs'>;
}

const AXIS_WIDTH = 72;
const AXIS_HEIGHT = 22;
const LEGEND_HEIGHT = 28;
const TOP = 8;

const plotBox = (width: number, height: number, legendHeight: number) => ({
  width: Math.max(0, width - AXIS_WIDTH),
  height: Math.max(0, height - AXIS_HEIGHT - legendHeight - TOP),
});

function BarChartPanel({ data, width, height, options }: PanelProps<BarChartPanelOptions>) {
  const theme = useTheme2();
  const frame = data.series[0];
  const problem = barChartProblem(frame, options.xField);
  const legendHeight = options.legend.showLegend ? LEGEND_HEIGHT : 0;
  const box = plotBox(width, height, legendHeight);
  const layout = useMemo(
    () => (problem ? undefined : layOutBars(frame, options, plotBox(width, height, legendHeight), theme)),
    [frame, options, problem, width, height, legendHeight, theme],
  );
  if (!layout) {
    return (
      <div style={{ display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center', opacity: 0.7 }}>
        {problem}
      </div>
    );
  }
  const axisText = { fill: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize };
  return (
    <div data-testid="preview-barchart" style={{ width, height }}>
      <svg width={width} height={height - legendHeight} role="img" aria-label="Bar chart">
        <g transform={`translate(${AXIS_WIDTH}, ${TOP})`}>
          {layout.valueTicks.map((tick) => (
            <g key={tick.at} transform={`translate(0, ${tick.at})`}>
              <line x1={0} x2={box.width} stroke={theme.colors.border.weak} />
              <text x={-6} dy="0.32em" textAnchor="end" style={axisText}>
                {tick.text}
              </text>
            </g>
          ))}
          {layout.bars.map((bar) => (
            <rect
              key={bar.title}
              data-testid="preview-bar"
              x={bar.x}
              y={bar.y}
              width={bar.width}
              height={bar.height}
              fill={bar.color}
            >
              <title>{bar.title}</title>
            </rect>
          ))}
          <line x1={0} x2={box.width} y1={layout.baseline} y2={layout.baseline} stroke={theme.colors.border.medium} />
          {layout.categoryTicks.map((tick) => (
            <text key={tick.at} x={tick.at} y={box.height + 16} textAnchor="middle" style={axisText}>
              {tick.text}
            </text>
          ))}
        </g>
      </svg>
      {options.legend.showLegend && (
        <VizLegend
          placement="bottom"
          displayMode={LegendDisplayMode.List}
          readonly
          items={layout.series.map((s) => ({ label: s.name, color: s.color, yAxis: 1 }))}
        />
      )}
    </div>
  );
}

export const barchartPanel = new PanelPlugin<BarChartPanelOptions>(BarChartPanel)
  .useFieldConfig({
    standardOptions: {
      [FieldConfigProperty.Color]: {
        settings: { byValueSupport: false, bySeriesSupport: true, preferThresholdsMode: false },
        defaultValue: { mode: FieldColorModeId.PaletteClassic },
      },
    },
  })
  .setPanelOptions((builder) =>
    builder
      .addTextInput({ path: 'xField', name: 'X Axis', description: 'The string field of the categories' })
      .addSliderInput(slider('groupWidth', 'Group width', 0.7, 1, 0.01))
      .addSliderInput(slider('barWidth', 'Bar width', 0.97, 1, 0.01))
      .addBooleanSwitch({ path: 'legend.showLegend', name: 'Legend visibility', defaultValue: true })
      .addRadio(radio('legend.displayMode', 'Legend mode', LegendDisplayMode.List, [[LegendDisplayMode.List, 'List']])),
  );
