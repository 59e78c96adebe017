import { formatTimeDelta } from '@eracing/telemetry-core/laps';

/** "1050 m": a lap distance as the axes, the readout and the loss zones write it. */
export function formatMetres(metres: number): string {
  return `${Math.round(metres)} m`;
}

/** "+0.123 s": a time delta as the legend, the axes, the readout and the loss zones write it. */
export function formatDeltaSeconds(seconds: number): string {
  return `${formatTimeDelta(seconds)} s`;
}
