import { CarTrace } from './car-trace';
import { traceSource } from './trace-source';

/** Rows t = first … first + count − 1 (time in ms = t × 10), channel 0 = t, channel 1 = −t. */
function rows(first: number, count: number) {
  const time = new Float64Array(count);
  const a = new Float32Array(count);
  const b = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    time[i] = (first + i) * 10;
    a[i] = first + i;
    b[i] = -(first + i);
  }
  return { time, columns: [a, b] };
}

function append(trace: CarTrace, first: number, count: number): number {
  const batch = rows(first, count);
  return trace.append(traceSource(batch.time, batch.columns), 0, count);
}

function expectRows(trace: CarTrace, first: number, count: number) {
  const view = trace.view();
  expect(view.time.length).toBe(count);
  expect(Array.from(view.columns[0])).toEqual(Array.from({ length: count }, (_, i) => first + i));
  expect(Array.from(view.columns[1])).toEqual(Array.from({ length: count }, (_, i) => -(first + i)));
  expect(Array.from(view.time)).toEqual(Array.from({ length: count }, (_, i) => (first + i) * 10));
}

describe('CarTrace', () => {
  it('keeps appended runs in order, typed as asked', () => {
    const trace = new CarTrace(['f32', 'f64'], 100);
    append(trace, 0, 10);
    append(trace, 10, 5);
    expectRows(trace, 0, 15);
    const view = trace.view();
    expect(view.columns[0]).toBeInstanceOf(Float32Array);
    expect(view.columns[1]).toBeInstanceOf(Float64Array);
    expect(trace.newestTime).toBe(140);
  });

  it('copies only the run it is given out of a batch, and fills a missing channel with NaN', () => {
    const trace = new CarTrace(['f32', 'f64'], 100);
    const batch = rows(0, 10);
    trace.append(traceSource(batch.time, [batch.columns[0], undefined]), 3, 4);
    const view = trace.view();
    expect(Array.from(view.columns[0])).toEqual([3, 4, 5, 6]);
    expect(Array.from(view.columns[1]).every(Number.isNaN)).toBe(true);
  });

  it('holds at most its capacity, the newest rows', () => {
    const trace = new CarTrace(['f32', 'f64'], 50);
    for (let first = 0; first < 1000; first += 7) append(trace, first, 7);
    expect(trace.view().time.length).toBe(50);
    expectRows(trace, 1001 - 50, 50);
    append(trace, 2000, 120);
    expectRows(trace, 2070, 50);
  });

  it('drops rows older than a cutoff', () => {
    const trace = new CarTrace(['f32', 'f64'], 100);
    append(trace, 0, 40);
    trace.dropBefore(125);
    expectRows(trace, 13, 27);
    trace.dropBefore(10_000);
    expect(trace.view().time.length).toBe(0);
  });

  it('drops rows that are not newer than what it holds, and counts them', () => {
    const trace = new CarTrace(['f32', 'f64'], 100);
    append(trace, 0, 10);
    expect(append(trace, 5, 10)).toBe(5);
    expect(append(trace, 0, 3)).toBe(3);
    expectRows(trace, 0, 15);
  });

  it('never overwrites the rows of the last view while compacting', () => {
    const trace = new CarTrace(['f32', 'f64'], 40);
    append(trace, 0, 30);
    let view = trace.view();
    let seen = Array.from(view.columns[0]);
    for (let first = 30; first < 2000; first += 3) {
      append(trace, first, 3);
      // What the last emitted frame shows must not change under it.
      expect(Array.from(view.columns[0])).toEqual(seen);
      if (first % 9 === 0) {
        view = trace.view();
        seen = Array.from(view.columns[0]);
      }
    }
    expectRows(trace, 2001 - 40, 40);
  });

  it('alternates between two buffers once grown, allocating nothing more', () => {
    const trace = new CarTrace(['f32', 'f64'], 2000);
    for (let first = 0; first < 4000; first += 10) append(trace, first, 10);
    const buffers = new Set<ArrayBufferLike>();
    for (let first = 4000; first < 40_000; first += 10) {
      append(trace, first, 10);
      buffers.add(trace.view().time.buffer);
    }
    expect(buffers.size).toBe(2);
    expectRows(trace, 38_000, 2000);
  });
});
