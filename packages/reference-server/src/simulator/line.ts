import type { Circuit } from './circuit';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { max, min } = Math;

export type LapKind = 'out' | 'flying' | 'in';

/** How a driver takes one corner on one lap: how wide on entry and exit, how close to the apex, how late. */
export interface CornerLine {
  /** Distance towards the outside at turn-in and track-out, metres. */
  outside: number;
  /** Distance towards the inside at the apex, metres. */
  inside: number;
  /** Apex position relative to the middle of the corner, metres (+ later). */
  apexShift: number;
  /** Distance before the corner where the car sits on the outside, metres. */
  lead: number;
}

/** Lateral position on the main straight at the start/finish line: the same on every lap, so laps join smoothly. */
export const LINE_OFFSET = 3;
/** Keypoints closer than this are merged (a chicane's exit of one corner is the entry of the next). */
const MIN_KEYPOINT_GAP = 25;

/** Quintic smoothstep: zero slope and zero curvature at both ends, so the line is C2 through its keypoints. */
function smoothstep(u: number): number {
  return u * u * u * (10 + u * (-15 + 6 * u));
}

/**
 * The car's lateral offset from the centre line (+ left) at every centre-line node of one lap: outside on the
 * way in, inside at the apex, outside on the way out, blended smoothly between these keypoints. In-laps end in
 * the pit lane and out-laps start there.
 */
export function lateralOffsets(circuit: Circuit, kind: LapKind, lines: readonly CornerLine[], out: Float64Array): void {
  const { pitLane, spacing, nodes } = circuit;
  const pit = pitLane.side * pitLane.offset;
  const ks: number[] = [];
  const vs: number[] = [];
  const add = (s: number, n: number): void => {
    const last = ks.length - 1;
    if (last >= 0 && s - ks[last] < MIN_KEYPOINT_GAP) {
      ks[last] = (ks[last] + s) / 2;
      vs[last] = (vs[last] + n) / 2;
    } else {
      ks.push(s);
      vs.push(n);
    }
  };
  if (kind === 'out') {
    ks.push(0, pitLane.limiterOutNode * spacing);
    vs.push(pit, pit);
  } else {
    ks.push(0);
    vs.push(LINE_OFFSET);
  }
  circuit.corners.forEach((corner, c) => {
    const line = lines[c];
    const side = corner.direction === 'left' ? 1 : -1;
    add(corner.start - line.lead, -side * line.outside);
    add(corner.distance + line.apexShift, side * line.inside);
    add(corner.end + line.lead, -side * line.outside);
  });
  if (kind === 'in') {
    ks.push(pitLane.entryNode * spacing, pitLane.limiterInNode * spacing, circuit.length);
    vs.push(LINE_OFFSET, pit, pit);
  } else {
    ks.push(circuit.length);
    vs.push(LINE_OFFSET);
  }
  let k = 0;
  for (let i = 0; i <= nodes; i++) {
    const s = i * spacing;
    while (k < ks.length - 2 && s >= ks[k + 1]) k++;
    const u = min(1, max(0, (s - ks[k]) / (ks[k + 1] - ks[k])));
    out[i] = vs[k] + (vs[k + 1] - vs[k]) * smoothstep(u);
  }
}
