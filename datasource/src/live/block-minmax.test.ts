import { readFileSync } from 'node:fs';

import { WASM_BASE64 } from './block-minmax-wasm';
import { createBlockMinMax, KERNEL_BLOCK_ROWS as B } from './block-minmax';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('../../../scripts/build-wasm.cjs');

/** Min and max of each block, in JavaScript: the reference the kernel must match. */
function scanBlocks(values: ArrayLike<number>, lo: number, blocks: number): Array<[number, number]> {
  return Array.from({ length: blocks }, (_, b) => {
    let min = Infinity;
    let max = -Infinity;
    for (let i = lo + b * B; i < lo + (b + 1) * B; i++) {
      if (values[i] < min) min = values[i];
      if (values[i] > max) max = values[i];
    }
    return [min, max];
  });
}

function ring(slots: number) {
  return { mins: new Float64Array(slots).fill(12345), maxes: new Float64Array(slots).fill(12345) };
}

describe('block min/max kernel', () => {
  it('is the compiled form of block-minmax.wat', async () => {
    const [file] = build.MODULES;
    const generated = readFileSync(build.generatedPath(file), 'utf8');
    expect(generated).toBe(build.bytesModule(file, await build.compileWat(file)));
    expect(WASM_BASE64.length).toBeGreaterThan(100);
  });

  it('runs here (Node has WebAssembly SIMD)', () => {
    expect(createBlockMinMax()).toBeDefined();
  });

  it.each([
    ['float32', Float32Array],
    ['float64', Float64Array],
  ] as const)('matches a scan for %s blocks, with NaN passed over and a block of NaN', (_, Type) => {
    const kernel = createBlockMinMax()!;
    // More blocks than the kernel's memory takes at once, so the copy goes in chunks.
    const blocks = 420;
    const values = new Type((blocks + 1) * B + 7);
    for (let i = 0; i < values.length; i++)
      values[i] = i % 89 === 0 ? NaN : Math.sin(i / 40) * 1e3 + (i % 13) - i / 100;
    values.fill(NaN, 5 + 3 * B, 5 + 4 * B);
    const { mins, maxes } = ring(blocks + 2);
    kernel.summarise(values, 5, blocks, 1000, mins, maxes);
    const expected = scanBlocks(values, 5, blocks);
    const got = expected.map((_, b) => [mins[(1000 + b) % mins.length], maxes[(1000 + b) % maxes.length]]);
    expect(got).toEqual(expected);
    expect(got[3]).toEqual([Infinity, -Infinity]);
    // Only the slots of the blocks asked for were written.
    expect(mins.filter((v) => v === 12345)).toHaveLength(2);
  });

  it('writes around the ring of slots', () => {
    const kernel = createBlockMinMax()!;
    const values = Float32Array.from({ length: 6 * B }, (_, i) => Math.floor(i / B) * 10 + (i % B) / B);
    const { mins, maxes } = ring(4);
    kernel.summarise(values, 0, 6, 2, mins, maxes);
    // Blocks 2…7 in slots 2, 3, 0, 1, 2, 3: the last four blocks stay.
    expect(Array.from(mins)).toEqual([20, 30, 40, 50]);
    expect(Array.from(maxes).map((v) => Math.round(v))).toEqual([21, 31, 41, 51]);
  });
});
