/** Per-lap aggregates of channel columns: time-weighted mean, min, max, and the energy drawn and recovered. */

/** The part of the columns one lap covers: a {@link LapSplit} fits. Times in ms. */
export interface LapSpan {
  startIndex: number;
  endIndex: number;
  startTime: number;
  endTime: number;
}

export interface ChannelStats {
  /**
   * Time-weighted mean over the lap from line to line: the integral of the straight lines joining the finite samples
   * (values at the lap ends interpolated), divided by the time covered. Unlike a sample mean it does not favour
   * stretches logged at a higher rate. NaN samples are skipped.
   */
  mean: number;
  /** Smallest and largest finite sample in the lap. */
  min: number;
  max: number;
}

/** Energy over a lap, kWh. */
export interface LapEnergy {
  energyUsed: number;
  energyRegen: number;
}

/** The energy channels, named as in the known channels (`CHANNELS`). */
export interface EnergyChannels {
  /** Cumulative energy drawn from the battery, kWh. */
  energy_used?: ArrayLike<number>;
  /** Cumulative energy recovered, kWh. */
  energy_regen?: ArrayLike<number>;
  /** Electrical power, kW: positive drawn from the battery, negative recovered. */
  power?: ArrayLike<number>;
}

export interface LapAggregate extends LapEnergy {
  lap: number;
  channels: Record<string, ChannelStats>;
}

/** How far from a lap end (ms) a finite sample may be to give the channel's value there. */
const END_REACH_MS = 1000;
const KW_MS_PER_KWH = 3.6e6;

export function channelStats(time: ArrayLike<number>, values: ArrayLike<number>, lap: LapSpan): ChannelStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (let i = lap.startIndex; i < lap.endIndex; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  let integral = 0;
  let duration = 0;
  forEachSegment(time, values, lap, (t0, v0, t1, v1) => {
    integral += ((v0 + v1) / 2) * (t1 - t0);
    duration += t1 - t0;
  });
  if (count === 0) return { mean: NaN, min: NaN, max: NaN };
  return { mean: duration > 0 ? integral / duration : sum / count, min, max };
}

/**
 * Energy drawn and recovered over the lap, kWh: the rise of the cumulative `energy_used` / `energy_regen` channels
 * between the lap's ends (interpolated at the crossings; a drop, i.e. a counter reset, is skipped), or where a channel
 * is missing, the positive and negative parts of `power` integrated over time. NaN when neither is available.
 */
export function lapEnergy(time: ArrayLike<number>, channels: EnergyChannels, lap: LapSpan): LapEnergy {
  let drawn = NaN;
  let recovered = NaN;
  if (channels.power) {
    drawn = recovered = 0;
    forEachSegment(time, channels.power, lap, (t0, p0, t1, p1) => {
      const dt = t1 - t0;
      if (p0 >= 0 && p1 >= 0) drawn += ((p0 + p1) / 2) * dt;
      else if (p0 <= 0 && p1 <= 0) recovered -= ((p0 + p1) / 2) * dt;
      else {
        // The power line crosses zero inside the interval: split the area there.
        const f = p0 / (p0 - p1);
        const a = (p0 / 2) * f * dt;
        const b = (p1 / 2) * (1 - f) * dt;
        drawn += Math.max(a, b);
        recovered -= Math.min(a, b);
      }
    });
    drawn /= KW_MS_PER_KWH;
    recovered /= KW_MS_PER_KWH;
  }
  return {
    energyUsed: channels.energy_used ? (cumulativeRise(time, channels.energy_used, lap) ?? drawn) : drawn,
    energyRegen: channels.energy_regen ? (cumulativeRise(time, channels.energy_regen, lap) ?? recovered) : recovered,
  };
}

/** The rise of a cumulative channel over the lap, undefined when it has fewer than two values in the lap. */
function cumulativeRise(time: ArrayLike<number>, counter: ArrayLike<number>, lap: LapSpan): number | undefined {
  let rise = 0;
  let segments = 0;
  forEachSegment(time, counter, lap, (_t0, v0, _t1, v1) => {
    if (v1 > v0) rise += v1 - v0;
    segments++;
  });
  return segments ? rise : undefined;
}

/** Mean/min/max of every given channel and the lap energy, for each lap. */
export function lapAggregates(
  time: ArrayLike<number>,
  laps: readonly (LapSpan & { lap: number })[],
  channels: Record<string, ArrayLike<number>>,
): LapAggregate[] {
  const names = Object.keys(channels);
  return laps.map((lap) => {
    const stats: Record<string, ChannelStats> = {};
    for (const name of names) stats[name] = channelStats(time, channels[name], lap);
    return { lap: lap.lap, channels: stats, ...lapEnergy(time, channels, lap) };
  });
}

/**
 * Calls `segment` for each straight piece of the channel over the lap: from its value at `startTime`, through each
 * finite sample strictly inside the lap, to its value at `endTime`.
 */
function forEachSegment(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  lap: LapSpan,
  segment: (t0: number, v0: number, t1: number, v1: number) => void,
): void {
  let t0 = lap.startTime;
  let v0 = valueAtTime(time, values, t0, lap.startIndex);
  for (let i = lap.startIndex; i < lap.endIndex; i++) {
    const t = time[i];
    const v = values[i];
    if (!(t > t0) || !(t < lap.endTime) || !Number.isFinite(v)) continue;
    if (Number.isFinite(v0)) segment(t0, v0, t, v);
    t0 = t;
    v0 = v;
  }
  const end = valueAtTime(time, values, lap.endTime, lap.endIndex);
  if (Number.isFinite(v0) && Number.isFinite(end) && lap.endTime > t0) segment(t0, v0, lap.endTime, end);
}

/** The channel at time t, interpolated between the nearest finite samples either side (searched from `hint`). */
function valueAtTime(time: ArrayLike<number>, values: ArrayLike<number>, t: number, hint: number): number {
  const n = Math.min(time.length, values.length);
  let lo = Math.min(hint, n - 1);
  while (lo >= 0 && (time[lo] > t || (!Number.isFinite(values[lo]) && t - time[lo] <= END_REACH_MS))) lo--;
  if (lo >= 0 && (!Number.isFinite(values[lo]) || t - time[lo] > END_REACH_MS)) lo = -1;
  let hi = Math.max(hint - 1, 0);
  while (hi < n && (time[hi] < t || (!Number.isFinite(values[hi]) && time[hi] - t <= END_REACH_MS))) hi++;
  if (hi < n && (!Number.isFinite(values[hi]) || time[hi] - t > END_REACH_MS)) hi = n;
  if (lo >= 0 && hi < n) {
    return time[hi] === time[lo]
      ? values[lo]
      : values[lo] + ((t - time[lo]) / (time[hi] - time[lo])) * (values[hi] - values[lo]);
  }
  if (lo >= 0) return values[lo];
  if (hi < n) return values[hi];
  return NaN;
}
