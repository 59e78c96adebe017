import { cornerLabel } from '@eracing/telemetry-core/delta';

import type { LossZone } from '../data/lap-view';

export function formatMetres(metres: number): string {
  return `${Math.round(metres)} m`;
}

/** "1050 m – 1300 m". */
export function formatRange(start: number, end: number): string {
  return `${formatMetres(start)} – ${formatMetres(end)}`;
}

/** A loss zone with its corners' names, "T3–T4: T3 Dyke Corner, T4 Sluice (1050 m – 1300 m)", or its distances. */
export function zoneTitle(zone: LossZone): string {
  const range = formatRange(zone.start, zone.end);
  if (!zone.place) return range;
  const names = zone.place.corners.map((c) => (c.name ? `${cornerLabel(c)} ${c.name}` : cornerLabel(c))).join(', ');
  return `${zone.place.label}: ${names} (${range})`;
}
