import { type DataFrame, FieldType } from '@grafana/data';
import { TYRE_ZONES, WHEELS, parseTyreChannel, tyreTempChannel, type Wheel } from '@eracing/telemetry-core';

export interface WheelCoverage {
  wheel: Wheel;
  /** How many of the wheel's inner/middle/outer surface temperatures the data has. */
  zones: number;
}

/** Which tyre surface-temperature channels (`tyre_temp_<wheel>_<zone>`) appear as number fields, per wheel. */
export function tyreTemperatureCoverage(series: readonly DataFrame[]): WheelCoverage[] {
  const found = new Set<string>();
  for (const frame of series) {
    for (const field of frame.fields) {
      if (field.type === FieldType.number && parseTyreChannel(field.name)?.kind === 'temperature') {
        found.add(field.name);
      }
    }
  }
  return WHEELS.map((wheel) => ({
    wheel,
    zones: TYRE_ZONES.filter((zone) => found.has(tyreTempChannel(wheel, zone))).length,
  }));
}
