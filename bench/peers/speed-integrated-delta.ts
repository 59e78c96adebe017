/**
 * The peer of the lap delta's accuracy benchmark: the delta FastF1 used to ship (`fastf1.utils.delta_time`, since
 * removed from FastF1 for being inaccurate), reimplemented on our inputs. Distance is the speed integrated by
 * rectangles (`Speed / 3.6 · ΔTime`, cumulative) over the lap cut at its timing crossings, with edge samples
 * interpolated there; the compared lap's distance is scaled to the reference length, and the time slip is its time
 * interpolated linearly at each reference sample's distance.
 */
export interface PeerLap {
  /** Epoch ms, ascending. */
  time: ArrayLike<number>;
  /** km/h. */
  speed: ArrayLike<number>;
  /** The lap's line crossings (from timing), epoch ms. */
  startTime: number;
  endTime: number;
}

export interface PeerDelta {
  /** Reference lap distance of each reference sample, metres. */
  distance: Float64Array;
  /** Seconds, positive: the lap is slower. */
  delta: Float64Array;
}

/** The lap cut at its crossings with interpolated edges, and its speed integrated: seconds since the start, metres. */
export function speedIntegratedDistance(lap: PeerLap): { time: Float64Array; distance: Float64Array } {
  const inside: number[] = [];
  for (let i = 0; i < lap.time.length; i++) {
    if (lap.time[i] > lap.startTime && lap.time[i] < lap.endTime && Number.isFinite(lap.speed[i])) inside.push(i);
  }
  const n = inside.length + 2;
  const time = new Float64Array(n);
  const speed = new Float64Array(n);
  time[0] = 0;
  speed[0] = speedAt(lap, lap.startTime);
  inside.forEach((i, k) => {
    time[k + 1] = (lap.time[i] - lap.startTime) / 1000;
    speed[k + 1] = lap.speed[i];
  });
  time[n - 1] = (lap.endTime - lap.startTime) / 1000;
  speed[n - 1] = speedAt(lap, lap.endTime);
  const distance = new Float64Array(n);
  for (let k = 1; k < n; k++) distance[k] = distance[k - 1] + (speed[k] / 3.6) * (time[k] - time[k - 1]);
  return { time, distance };
}

/** Linear interpolation of the speed at `t`. */
function speedAt(lap: PeerLap, t: number): number {
  for (let i = 1; i < lap.time.length; i++) {
    if (lap.time[i] >= t && lap.time[i - 1] <= t) {
      const f = (t - lap.time[i - 1]) / (lap.time[i] - lap.time[i - 1]);
      return lap.speed[i - 1] + f * (lap.speed[i] - lap.speed[i - 1]);
    }
  }
  return NaN;
}

export function speedIntegratedDelta(lap: PeerLap, reference: PeerLap): PeerDelta {
  const ref = speedIntegratedDistance(reference);
  const comp = speedIntegratedDistance(lap);
  const scale = ref.distance[ref.distance.length - 1] / comp.distance[comp.distance.length - 1];
  for (let k = 0; k < comp.distance.length; k++) comp.distance[k] *= scale;
  const delta = new Float64Array(ref.distance.length);
  let j = 0;
  for (let k = 0; k < ref.distance.length; k++) {
    const s = ref.distance[k];
    while (j < comp.distance.length - 2 && comp.distance[j + 1] < s) j++;
    const f = (s - comp.distance[j]) / (comp.distance[j + 1] - comp.distance[j]);
    delta[k] = comp.time[j] + f * (comp.time[j + 1] - comp.time[j]) - ref.time[k];
  }
  return { distance: ref.distance, delta };
}
