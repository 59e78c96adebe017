/** The lap chart's series from the panel's view: colours from Grafana's classic palette, units from the fields. */
import { channelInfo } from '@eracing/telemetry-core/channels';
import { colorManipulator, formattedValueToString, getValueFormat, type GrafanaTheme2 } from '@grafana/data';

import type { ChartModel, ChartStyle } from '../chart/types';
import type { ChannelMeta, LapDeltaView } from '../model/types';

const REFERENCE_DASH = [6, 4];

/** The colour of the k-th compared lap. */
export function lapColour(theme: GrafanaTheme2, k: number): string {
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(palette[k % palette.length]);
}

export function referenceColour(theme: GrafanaTheme2): string {
  return theme.colors.text.secondary;
}

export function channelLabel(channel: ChannelMeta): string {
  return channelInfo(channel.name)?.displayName ?? channel.field.config.displayName ?? channel.name;
}

function channelFormat(channel: ChannelMeta): (v: number) => string {
  const format = getValueFormat(channel.field.config.unit ?? 'none');
  const decimals = channel.field.config.decimals;
  return (v) => formattedValueToString(format(v, decimals ?? undefined));
}

/** NaN (no data) as null, the only gap uPlot knows: a lap in progress ends where it has got to. */
function withGaps(values: ArrayLike<number>): Array<number | null> {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number.isNaN(values[i]) ? null : values[i];
  return out;
}

export function chartModel(view: LapDeltaView, theme: GrafanaTheme2): ChartModel {
  const { comparison, laps, reference } = view;
  return {
    distance: comparison.distance,
    deltas: laps.map((lap, k) => ({
      label: lap.label,
      color: lapColour(theme, k),
      values: withGaps(comparison.laps[k].slip.delta),
    })),
    channels: view.channels.map((channel) => {
      const min = channel.field.config.min;
      const max = channel.field.config.max;
      return {
        name: channel.name,
        label: channelLabel(channel),
        format: channelFormat(channel),
        min: typeof min === 'number' && Number.isFinite(min) ? min : undefined,
        max: typeof max === 'number' && Number.isFinite(max) ? max : undefined,
        series: [
          ...laps.map((lap, k) => ({
            label: lap.label,
            color: lapColour(theme, k),
            values: withGaps(comparison.laps[k].channels[channel.name]),
          })),
          {
            label: `${reference.label} (reference)`,
            color: referenceColour(theme),
            dash: REFERENCE_DASH,
            values: withGaps(comparison.referenceChannels[channel.name]),
          },
        ],
      };
    }),
    sectors: view.sectors,
    zones: view.zones.map(({ start, end }) => ({ start, end })),
  };
}

export function chartStyle(theme: GrafanaTheme2): ChartStyle {
  const colour = (name: string) => theme.visualization.getColorByName(name);
  return {
    text: theme.colors.text.secondary,
    grid: theme.colors.border.weak,
    gain: colorManipulator.alpha(colour('green'), 0.35),
    loss: colorManipulator.alpha(colour('red'), 0.35),
    sector: theme.colors.text.disabled,
    zone: colorManipulator.alpha(colour('red'), 0.08),
    font: theme.typography.fontFamily,
  };
}
