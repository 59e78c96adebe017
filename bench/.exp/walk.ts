const n = 20000;
const x = new Float64Array(n);
for (let i = 0; i < n; i++) x[i] = (i * 3500) / n + Math.sin(i) * 0.01;
const grid = new Float64Array(3501); for (let i = 0; i <= 3500; i++) grid[i] = i;
const out = new Float64Array(3501);
function walk(x: Float64Array, q: Float64Array, out: Float64Array): boolean {
  const n = x.length;
  let k = 0;
  for (let i = 0; i < q.length; i++) {
    const v = q[i];
    while (k < n - 2 && x[k + 1] < v) {
      if (!(x[k + 1] > x[k])) return false;
      k++;
    }
    out[i] = x[k];
  }
  return true;
}
function walk2(x: ArrayLike<number>, q: ArrayLike<number>, out: Float64Array): boolean {
  const n = x.length;
  let k = 0;
  let prev = x[0];
  for (let i = 0; i < q.length; i++) {
    const v = q[i];
    let next = x[k + 1];
    while (next < v && k < n - 2) {
      if (!(next > prev)) return false;
      prev = next;
      k++;
      next = x[k + 1];
    }
    out[i] = prev;
  }
  return true;
}
for (let r = 0; r < 3; r++) for (const [name, f] of [['walk', walk], ['walk2', walk2]] as const) {
  const t: number[] = [];
  for (let i = 0; i < 2000; i++) { const s = performance.now(); f(x, grid, out); t.push(performance.now() - s); }
  t.sort((a, b) => a - b); console.log(name, (t[1000] * 1000).toFixed(1), 'µs');
}
