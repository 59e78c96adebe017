import { deltaTime, type LapTrace } from '@eracing/telemetry-core';
function syntheticLap(samples: number, pace: number): LapTrace {
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
const reference = syntheticLap(20_000, 1.01);
for (let i = 0; i < 50; i++) deltaTime(lap, reference);
for (let k = 0; k < 5; k++) {
  const times: number[] = [];
  for (let i = 0; i < 400; i++) {
    const start = performance.now();
    deltaTime(lap, reference);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log('median', times[200].toFixed(3), 'best', times[0].toFixed(3), 'p90', times[360].toFixed(3));
}
