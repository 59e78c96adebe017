const n = 20000;
const x = new Float64Array(n);
for (let i = 0; i < n; i++) x[i] = (i * 3500) / n + Math.sin(i) * 0.01;
function check(x: Float64Array): number {
  let k = 0;
  const n = x.length;
  for (; k < n - 1; k++) if (!(x[k + 1] > x[k])) break;
  return k;
}
function sum(x: Float64Array): number { let s = 0; for (let k = 0; k < x.length; k++) s += x[k]; return s; }
const qs = 1;
const mark = new Int32Array(3502);
function scatter(x: Float64Array): number {
  mark.fill(-1);
  const n = x.length;
  for (let k = 0; k < n; k++) { const c = Math.ceil(x[k] / qs); mark[c < 0 ? 0 : c > 3501 ? 3501 : c] = k; }
  let m = -1; for (let i = 0; i < 3502; i++) { const v = mark[i]; m = v > m ? v : m; mark[i] = m; }
  return m;
}
for (let r = 0; r < 3; r++) for (const [name, f] of [['check', check], ['sum', sum], ['scatter', scatter]] as const) {
  const t: number[] = [];
  for (let i = 0; i < 2000; i++) { const s = performance.now(); f(x); t.push(performance.now() - s); }
  t.sort((a, b) => a - b); console.log(name, (t[1000] * 1000).toFixed(1), 'µs');
}
