import { createSimulatorSource } from './simulator-source';
import { GRAVITY } from './vehicle';

const startTime = Date.UTC(2026, 0, 10, 9);
const source = createSimulatorSource({ seed: 11, startTime, cars: 4 });
const hour = source.laps(startTime + 3600e3).filter((l) => !l.flags.incomplete);
/** A spread of laps: every car, every kind of lap. */
const sample = source.cars.flatMap((car) => {
  const laps = hour.filter((l) => l.car === car.id);
  const flying = laps.filter((l) => l.valid);
  return [
    laps[0],
    flying[0],
    flying[flying.length - 1],
    laps.find((l) => l.flags.inLap)!,
    laps.filter((l) => l.flags.outLap)[1],
  ];
});

describe('simulated physics', () => {
  it.each(sample.map((l) => [l.car, l.lap]))(
    'car %s lap %i keeps within its grip, traction and braking limits',
    (car, lap) => {
      const { motion, limits } = source.inspectLap(car as string, lap as number);
      // Worst use of each limit over the lap (1 = at the limit), so one failed node does not bury the report.
      let lateral = 0;
      let between = 0;
      let speed = 0;
      let traction = 0;
      let braking = 0;
      for (let i = 0; i < motion.count - 1; i++) {
        lateral = Math.max(lateral, (motion.v[i] ** 2 * Math.abs(motion.kappa[i])) / limits.lateral);
        speed = Math.max(speed, motion.v[i] / limits.topSpeed);
        traction = Math.max(traction, motion.a[i] / limits.acceleration);
        braking = Math.max(braking, -motion.a[i] / limits.deceleration);
        // In between nodes v² and curvature vary linearly: the corner speed limit still holds closely.
        const d = motion.s[i + 1] - motion.s[i];
        for (const f of [0.25, 0.5, 0.75]) {
          const v2 = motion.v[i] ** 2 + 2 * motion.a[i] * f * d;
          const kappa = Math.abs(motion.kappa[i] + f * (motion.kappa[i + 1] - motion.kappa[i]));
          between = Math.max(between, Math.sqrt(v2) / Math.sqrt(limits.lateral / kappa));
        }
      }
      expect(lateral).toBeLessThanOrEqual(1 + 1e-12);
      expect(between).toBeLessThanOrEqual(1.002);
      expect(speed).toBeLessThanOrEqual(1 + 1e-12);
      expect(traction).toBeLessThanOrEqual(1 + 1e-12);
      expect(braking).toBeLessThanOrEqual(1 + 1e-12);
      // Every lap brakes and corners hard somewhere; out- and in-laps less so.
      expect(lateral).toBeGreaterThan(0.6);
      expect(braking).toBeGreaterThan(0.4);
    },
  );

  it('reports lateral and longitudinal g within the tyres’ grip in the channels', () => {
    const lap = hour.find((l) => l.valid)!;
    const { setup, limits } = source.inspectLap(lap.car, lap.lap);
    const batch = source.range(lap.startTime, lap.endTime!, [lap.car]);
    const gLat = batch.channels.g_lat;
    const gLong = batch.channels.g_long;
    let peakLat = 0;
    let peakAccel = 0;
    let peakBrake = 0;
    for (let i = 0; i < gLat.length; i++) {
      peakLat = Math.max(peakLat, Math.abs(gLat[i]));
      peakAccel = Math.max(peakAccel, gLong[i] * GRAVITY);
      peakBrake = Math.max(peakBrake, -gLong[i] * GRAVITY);
    }
    expect(peakLat).toBeLessThanOrEqual(setup.mu * 1.002);
    expect(peakAccel).toBeLessThanOrEqual(limits.acceleration * 1.0001);
    expect(peakBrake).toBeLessThanOrEqual(limits.deceleration * 1.0001);
    // A push lap uses nearly all the grip somewhere.
    expect(peakLat).toBeGreaterThan(setup.mu * 0.9);
    expect(peakBrake).toBeGreaterThan(setup.brakeDecel * 0.9);
  });

  it('keeps to the pit lane speed limit and stands still in the box', () => {
    const inLap = hour.find((l) => l.flags.inLap)!;
    const outLap = hour.find((l) => l.flags.outLap && l.lap > 1 && l.car === inLap.car)!;
    const batch = source.range(inLap.startTime, outLap.endTime!, [inLap.car]);
    const { speed, lap_distance: distance, lap } = batch.channels;
    const circuit = source.circuit;
    const limiterIn = circuit.pitLane.limiterInNode * circuit.spacing;
    const limiterOut = circuit.pitLane.limiterOutNode * circuit.spacing;
    let stopped = 0;
    let fastest = 0;
    for (let i = 0; i < speed.length; i++) {
      const inLimiter =
        (lap[i] === inLap.lap && distance[i] > limiterIn + 5) ||
        (lap[i] === outLap.lap && distance[i] < limiterOut - 5);
      if (inLimiter) fastest = Math.max(fastest, speed[i]);
      if (speed[i] === 0) stopped++;
    }
    expect(fastest).toBeLessThanOrEqual(circuit.pitLane.speedLimitKmh);
    expect(fastest).toBeGreaterThan(circuit.pitLane.speedLimitKmh * 0.95);
    expect(stopped * 0.01).toBeGreaterThan(20);
  });

  it('varies laps from lap to lap and from car to car', () => {
    const flying = hour.filter((l) => l.valid);
    const lengths = flying.map((l) => l.length!);
    for (let i = 1; i < flying.length; i++) {
      if (flying[i].car !== flying[i - 1].car) continue;
      expect(flying[i].lapTime).not.toBeCloseTo(flying[i - 1].lapTime!, 3);
      expect(flying[i].length).not.toBeCloseTo(flying[i - 1].length!, 2);
    }
    const spread = (Math.max(...lengths) - Math.min(...lengths)) / source.track.length;
    expect(spread).toBeGreaterThan(0.0005);
    expect(spread).toBeLessThan(0.01);
    const best = source.cars.map((c) => Math.min(...flying.filter((l) => l.car === c.id).map((l) => l.lapTime!)));
    expect(new Set(best.map((b) => b.toFixed(2))).size).toBe(source.cars.length);
    for (const t of best) expect(t).toBeGreaterThan(60);
    for (const t of best) expect(t).toBeLessThan(100);
  });
});
