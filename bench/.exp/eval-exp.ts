import { evaluateAscending } from '../../packages/telemetry-core/src/math/delta-curve';
import { distanceGrid } from '../../packages/telemetry-core/src/math/resample';
import { evaluateAscending as variant } from './dc2';
function syntheticLap(samples: number, pace: number) {
  const length = 3500;
  const time = new Float64Array(samples);
  const distance = new Float64Array(samples);
  const step = 0.25;
  const profile: number[] = [0];
  for (let s = 0; s < length; s += step) {
    const v = (170 + 110 * Math.sin(s / 170) * Math.cos(s / 530)) / 3.6 / pace;
    profile.push(profile[profile.length - 1] + step / v);
  }
  const lapTime = profile[profile.length - 1];
  for (let i = 0, j = 0; i < samples; i++) {
    const t = (i / samples) * lapTime;
    while (profile[j + 1] < t) j++;
    time[i] = t;
    distance[i] = (j + (t - profile[j]) / (profile[j + 1] - profile[j])) * step;
  }
  return { time, distance, length, lapTime };
}
const lap = syntheticLap(20_000, 1);
const grid = distanceGrid(3500, 1);
const out = new Float64Array(grid.length), out2 = new Float64Array(grid.length);
const sl = new Float64Array(grid.length), sl2 = new Float64Array(grid.length);
const opts = (slopes: Float64Array) => ({ method: (process.argv[2] ?? 'monotone') as 'monotone', scale: 1.0001, slopes, start: { x: 0, y: 0 }, end: { x: 3500, y: lap.lapTime } });
function time(f: () => void) {
  const t: number[] = [];
  for (let i = 0; i < 1000; i++) { const s = performance.now(); f(); t.push(performance.now() - s); }
  t.sort((a, b) => a - b); return `median ${(t[500] * 1000).toFixed(0)} µs best ${(t[0] * 1000).toFixed(0)}`;
}
for (let k = 0; k < 4; k++) {
  console.log('orig', time(() => evaluateAscending(lap.distance, lap.time, grid, out, opts(sl))));
  console.log('var ', time(() => variant(lap.distance, lap.time, grid, out2, opts(sl2))));
}
let maxd = 0; for (let i = 0; i < out.length; i++) { const d = Math.abs(out[i] - out2[i]) + Math.abs(sl[i] - sl2[i]); if (d > maxd || (Number.isNaN(out[i]) !== Number.isNaN(out2[i]))) maxd = Math.max(maxd, d || 1); }
console.log('max diff', maxd, out[0], out2[0], out[3500], out2[3500]);
