/**
 * Deterministic randomness. Every random choice of the simulator is a pure function of the seed and a key
 * (car, run, lap…), so any part of an endless session can be computed on its own, in any order, in any process.
 */

/** The murmur3 finaliser: a bijective avalanche of 32 bits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;

/** Hashes a list of numbers (integers, or any finite double such as an epoch time) into 32 bits. */
export function hashKey(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    const lo = (part % TWO_POW_32) >>> 0;
    const hi = Math.floor(part / TWO_POW_32) >>> 0;
    h = fmix32(h ^ lo) + 0x632be5ab;
    h = fmix32(h ^ hi ^ 0x5bd1e995);
  }
  return h;
}

/** mulberry32: a small, fast generator with a 2^32 period, plenty for the few draws made per key. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static of(...key: number[]): Random {
    return new Random(hashKey(...key));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Standard normal, clipped to ±3 so that every derived quantity stays within known bounds. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(-3, Math.min(3, z));
  }
}

/** Streams of the simulator's random keys, so that different uses of the same numbers never correlate. */
export const STREAM = {
  car: 1,
  run: 2,
  lap: 3,
  flag: 4,
  noise: 5,
} as const;
