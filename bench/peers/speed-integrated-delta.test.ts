import { speedIntegratedDelta } from './speed-integrated-delta';

describe('speedIntegratedDelta', () => {
  it('is exact at constant speed (rectangles integrate a constant exactly)', () => {
    const lap = { time: [] as number[], speed: [] as number[], startTime: 1000, endTime: 21_000 };
    const reference = { time: [] as number[], speed: [] as number[], startTime: 5000, endTime: 21_000 };
    for (let t = 0; t < 30_000; t += 100) {
      lap.time.push(t);
      lap.speed.push(180); // 50 m/s: 1000 m in 20 s
      reference.time.push(t);
      reference.speed.push(225); // 62.5 m/s: 1000 m in 16 s
    }
    const { distance, delta } = speedIntegratedDelta(lap, reference);
    expect(distance[distance.length - 1]).toBeCloseTo(1000, 9);
    for (let k = 0; k < distance.length; k++) expect(delta[k]).toBeCloseTo(distance[k] / 50 - distance[k] / 62.5, 9);
  });
});
