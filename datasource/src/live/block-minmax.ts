/**
 * Min and max of whole blocks of a column, by the WebAssembly SIMD kernel in `block-minmax.wat`: four float32 (two
 * float64) values per instruction. The live path summarises each new block once, at the emission after it fills;
 * copying the blocks into the kernel's memory and summarising them there took half the time of the JavaScript loop,
 * and made the whole ingest path about a fifth faster (`npm run bench datasource-ingest` compares the two).
 *
 * The kernel is optional: where WebAssembly SIMD is missing, or a content security policy forbids compiling it,
 * `blockMinMax()` is undefined and the caller summarises in JavaScript, with the same results.
 */
import { WASM_BASE64 } from './block-minmax-wasm';

export const KERNEL_BLOCK_ROWS = 128;

type Kernel = (p: number, blocks: number, out: number) => void;

const PAGE = 65536;
/** Values are copied to [0, INPUT_BYTES), results written from INPUT_BYTES. */
const INPUT_BYTES = 3 * PAGE;

export class BlockMinMax {
  private readonly f32: Float32Array;
  private readonly f64: Float64Array;

  constructor(
    memory: WebAssembly.Memory,
    private readonly blocks32: Kernel,
    private readonly blocks64: Kernel,
  ) {
    this.f32 = new Float32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
  }

  /**
   * Summarises `blocks` blocks of `values`, the first starting at `values[lo]` and numbered `firstBlock`: block k's
   * min and max go to `mins[k % mins.length]` and `maxes[k % maxes.length]`. NaN is ignored; a block of NaN gives
   * [+Infinity, −Infinity].
   */
  summarise(
    values: Float32Array | Float64Array,
    lo: number,
    blocks: number,
    firstBlock: number,
    mins: Float64Array,
    maxes: Float64Array,
  ): void {
    const wide = values.BYTES_PER_ELEMENT === 8;
    const memory = wide ? this.f64 : this.f32;
    const kernel = wide ? this.blocks64 : this.blocks32;
    const perChunk = INPUT_BYTES / (KERNEL_BLOCK_ROWS * values.BYTES_PER_ELEMENT);
    const out = INPUT_BYTES / values.BYTES_PER_ELEMENT;
    const slots = mins.length;
    for (let done = 0; done < blocks; done += perChunk) {
      const count = Math.min(perChunk, blocks - done);
      const from = lo + done * KERNEL_BLOCK_ROWS;
      memory.set(values.subarray(from, from + count * KERNEL_BLOCK_ROWS), 0);
      kernel(0, count, INPUT_BYTES);
      for (let b = 0; b < count; b++) {
        const slot = (firstBlock + done + b) % slots;
        mins[slot] = memory[out + 2 * b];
        maxes[slot] = memory[out + 2 * b + 1];
      }
    }
  }
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A kernel of its own memory, or undefined where this runtime cannot compile or run it. */
export function createBlockMinMax(): BlockMinMax | undefined {
  try {
    const bytes = decodeBase64(WASM_BASE64);
    if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return undefined;
    // Under 500 bytes: far below the 4 KiB a browser compiles synchronously on its main thread.
    const memory = new WebAssembly.Memory({ initial: INPUT_BYTES / PAGE + 1 });
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    return new BlockMinMax(memory, exports.blocks32 as Kernel, exports.blocks64 as Kernel);
  } catch {
    return undefined;
  }
}

let shared: BlockMinMax | null | undefined;
let enabled = true;

/** The kernel every trace of this page shares (it holds no state between calls), made on first use. */
export function blockMinMax(): BlockMinMax | undefined {
  if (!enabled) return undefined;
  if (shared === undefined) shared = createBlockMinMax() ?? null;
  return shared ?? undefined;
}

/** Whether traces made from now on use the kernel: off, they summarise in JavaScript (the benchmark compares). */
export function enableBlockMinMax(on: boolean): void {
  enabled = on;
}
