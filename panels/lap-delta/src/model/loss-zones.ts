/** The first compared lap's biggest losses, placed by the track's corners, and the list the panel shows of them. */
import { cornerLabel, zonePlace, type LapComparison, type ZoneCorner } from '@eracing/telemetry-core/delta';

import { formatDeltaSeconds, formatMetres } from './format';
import type { LapDeltaView, LossZone } from './types';

/** The loss zones of the comparison's first lap; `corners` on the reference lap's distance. */
export function lossZones(comparison: LapComparison, corners: readonly ZoneCorner[]): LossZone[] {
  return (comparison.laps[0]?.zones ?? []).map((z): LossZone => ({
    start: z.startDistance,
    end: z.endDistance,
    timeLost: z.timeLost,
    place: zonePlace(z.startDistance, z.endDistance, corners),
  }));
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

export interface ZoneItem {
  key: number;
  /** The corners' label, else the distances. */
  place: string;
  /** The distances beside the corners' label; undefined when the place is the distances. */
  range?: string;
  /** The button's tooltip. */
  title: string;
  lost: string;
  /** What a click zooms the charts to, metres: the zone with a margin. */
  zoom: { from: number; to: number };
}

export interface ZoneList {
  title: string;
  items: ZoneItem[];
}

/** The loss zones as listed beside the charts; undefined when there are none. */
export function zoneList(view: LapDeltaView): ZoneList | undefined {
  if (view.zones.length === 0) return undefined;
  return {
    title: `Biggest losses, ${view.laps[0].label}`,
    items: view.zones.map((zone) => {
      const margin = Math.max(20, (zone.end - zone.start) * 0.25);
      const range = formatRange(zone.start, zone.end);
      return {
        key: zone.start,
        place: zone.place?.label ?? range,
        range: zone.place ? range : undefined,
        title: `Zoom to ${zoneTitle(zone)}`,
        lost: formatDeltaSeconds(zone.timeLost),
        zoom: { from: Math.max(0, zone.start - margin), to: zone.end + margin },
      };
    }),
  };
}
