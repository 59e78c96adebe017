/**
 * Where on the track a stretch of the lap is, in the race engineer's words: by the corners it covers ("T3",
 * "T3–T4"), else by the corner it leads into or out of ("T3 entry", "T2 exit"), else by the corner before it.
 */

export interface ZoneCorner {
  number: number;
  /** The corner's name; may be empty. */
  name: string;
  /** Apex, on the same lap distance as the stretch (m). */
  distance: number;
}

export interface ZonePlace {
  /** `T3`, `T3–T4`, `T3 entry`, `T2 exit`, `after T7`, `before T1`. */
  label: string;
  /** The corners the label names, in driving order. */
  corners: ZoneCorner[];
}

/** A stretch that ends this close before an apex is that corner's entry; one that starts this close after, its exit. */
const CORNER_REACH_M = 150;

export function cornerLabel(corner: ZoneCorner): string {
  return `T${corner.number}`;
}

/** The place of the stretch [start, end] m among the corners (any order); undefined when no corner is known. */
export function zonePlace(start: number, end: number, corners: readonly ZoneCorner[]): ZonePlace | undefined {
  const sorted = corners.filter((c) => Number.isFinite(c.distance)).sort((a, b) => a.distance - b.distance);
  if (sorted.length === 0) return undefined;
  const covered = sorted.filter((c) => c.distance >= start && c.distance <= end);
  if (covered.length > 0) {
    const first = covered[0];
    const last = covered[covered.length - 1];
    return {
      label: covered.length === 1 ? cornerLabel(first) : `${cornerLabel(first)}–${cornerLabel(last)}`,
      corners: covered,
    };
  }
  const next = sorted.find((c) => c.distance > end);
  const previous = [...sorted].reverse().find((c) => c.distance < start);
  const toNext = next ? next.distance - end : Infinity;
  const fromPrevious = previous ? start - previous.distance : Infinity;
  if (next && toNext <= CORNER_REACH_M && toNext <= fromPrevious)
    return { label: `${cornerLabel(next)} entry`, corners: [next] };
  if (previous && fromPrevious <= CORNER_REACH_M)
    return { label: `${cornerLabel(previous)} exit`, corners: [previous] };
  if (previous) return { label: `after ${cornerLabel(previous)}`, corners: [previous] };
  return { label: `before ${cornerLabel(next!)}`, corners: [next!] };
}
