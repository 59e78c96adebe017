/** The reference and the compared laps run through the core's comparison, with the channels asked for. */
import { compareLaps, type LapComparison } from '@eracing/telemetry-core/delta';

import type { ChosenLaps } from './choose-laps';
import type { ChannelMeta, ViewLap } from './types';

export interface Compared {
  comparison: LapComparison;
  /** The channels asked for that a lap drawn has, in the order asked. */
  channels: ChannelMeta[];
}

export function compareChosen(
  { reference, compared }: ChosenLaps,
  request: { channels: string[]; zones: number },
): Compared {
  const referenceLength = reference.trace.length;
  const tracedLap = (lap: ViewLap) => ({
    // A lap in progress has no length yet: it runs on the reference's distance.
    trace: lap.inProgress ? { ...lap.trace, length: referenceLength } : lap.trace,
    channels: sliceChannels(lap, request.channels),
  });
  const channels = request.channels.flatMap((name): ChannelMeta[] => {
    const owner = [reference, ...compared].find((l) => l.fields.has(name));
    return owner ? [{ name, field: owner.fields.get(name)! }] : [];
  });
  const comparison = compareLaps(
    compared.map(tracedLap),
    tracedLap(reference),
    channels.map((c) => c.name),
    { zones: request.zones },
  );
  return { comparison, channels };
}

function sliceChannels(lap: ViewLap, names: readonly string[]): Record<string, ArrayLike<number>> {
  const out: Record<string, ArrayLike<number>> = {};
  const { startIndex, endIndex } = lap.trace;
  for (const name of names) {
    const values = lap.fields.get(name)?.values as ArrayLike<number> | undefined;
    if (!values) continue;
    out[name] = ArrayBuffer.isView(values)
      ? (values as unknown as Float32Array).subarray(startIndex, endIndex)
      : Array.prototype.slice.call(values, startIndex, endIndex);
  }
  return out;
}
