import { createSimulatorSource } from './simulator-source';

const startTime = Date.UTC(2026, 5, 1, 14);
const source = createSimulatorSource({ seed: 21, startTime, cars: 1 });
const car = source.cars[0].id;
const laps = source.laps(startTime + 20 * 60e3).filter((l) => !l.flags.incomplete);
/** The last flying lap of the first run: tyres and brakes are up to temperature. */
const lap = laps.filter((l) => l.valid && laps.some((o) => o.flags.inLap && o.lap > l.lap)).pop()!;
const batch = source.range(lap.startTime, lap.endTime!, [car]);
const ch = batch.channels;
const distance = ch.lap_distance;
const corner = (n: number) => source.track.corners[n - 1];

/** Index of the first sample at or past lap distance s. */
function at(s: number): number {
  let i = 0;
  while (i < distance.length - 1 && distance[i] < s) i++;
  return i;
}

function mean(name: string): number {
  const column = ch[name];
  let sum = 0;
  for (const v of column) sum += v;
  return sum / column.length;
}

describe('thermal model', () => {
  it('heats the tyres through a corner and cools them down the straight after it', () => {
    // Turn 1 is a right-hand hairpin: the left tyres are on the outside.
    const t1 = corner(1);
    const zone = 'tyre_temp_fl_middle';
    expect(ch[zone][at(t1.distance + 15)]).toBeGreaterThan(ch[zone][at(t1.distance - 60)] + 2);
    // The long run to the line: no more load, the tread cools.
    const last = corner(source.track.corners.length);
    const straightStart = at(last.distance + 150);
    const straightEnd = distance.length - 1;
    for (const name of ['tyre_temp_fl_middle', 'tyre_temp_fr_middle', 'tyre_temp_rl_middle', 'tyre_temp_rr_middle']) {
      expect(ch[name][straightEnd]).toBeLessThan(ch[name][straightStart] - 2);
    }
  });

  it('runs the inner shoulder hotter than the outer one (negative camber)', () => {
    for (const wheel of ['fl', 'fr', 'rl', 'rr']) {
      expect(mean(`tyre_temp_${wheel}_inner`)).toBeGreaterThan(mean(`tyre_temp_${wheel}_middle`));
      expect(mean(`tyre_temp_${wheel}_middle`)).toBeGreaterThan(mean(`tyre_temp_${wheel}_outer`));
    }
  });

  it('works the outside tyres hardest: a clockwise lap heats the left side more', () => {
    const right = source.track.corners.filter((c) => c.direction === 'right').length;
    expect(right).toBeGreaterThan(source.track.corners.length / 2);
    expect(mean('tyre_temp_fl_middle')).toBeGreaterThan(mean('tyre_temp_fr_middle'));
    expect(mean('tyre_temp_rl_middle')).toBeGreaterThan(mean('tyre_temp_rr_middle'));
  });

  it('keeps running temperatures in the usual windows', () => {
    for (const wheel of ['fl', 'fr', 'rl', 'rr']) {
      expect(mean(`tyre_temp_${wheel}_middle`)).toBeGreaterThan(55);
      expect(mean(`tyre_temp_${wheel}_middle`)).toBeLessThan(120);
    }
    expect(Math.max(...ch.brake_temp_fl)).toBeGreaterThan(200);
    expect(Math.max(...ch.brake_temp_fl)).toBeLessThan(900);
    expect(mean('motor_temp')).toBeGreaterThan(50);
    expect(mean('inverter_temp')).toBeLessThan(mean('motor_temp'));
  });

  it('heats the brakes in a braking zone and cools them with speed', () => {
    const t1 = corner(1);
    const before = at(t1.distance - 300);
    const apex = at(t1.distance);
    expect(ch.brake_temp_fl[apex]).toBeGreaterThan(ch.brake_temp_fl[before] + 50);
    expect(ch.brake_temp_fl[apex]).toBeGreaterThan(ch.brake_temp_rl[apex]);
    const end = distance.length - 1;
    expect(ch.brake_temp_fl[end]).toBeLessThan(
      ch.brake_temp_fl[at(corner(source.track.corners.length).distance + 100)],
    );
  });

  it('follows the tyre temperature with the pressure, like a gas', () => {
    const pressure = ch.tyre_pressure_fl;
    expect(pressure[pressure.length - 1]).toBeGreaterThan(1.5);
    expect(pressure[pressure.length - 1]).toBeLessThan(2.3);
    // Out of the garage the tyres and their gas are cold; by the end of the run they are hot.
    const out = source.range(startTime, startTime + 60e3, [car]).channels.tyre_pressure_fl;
    expect(out[0]).toBeLessThan(pressure[pressure.length - 1] - 0.15);
  });

  it('draws energy under power and recovers it under braking', () => {
    const { power, energy_used: used, energy_regen: regen, battery_soc: soc, pack_current: current } = ch;
    expect(Math.max(...power)).toBeGreaterThan(300);
    expect(Math.min(...power)).toBeLessThan(-200);
    const last = power.length - 1;
    // The samples miss up to 10 ms at each end of the lap: a couple of Wh at full power.
    expect(used[last] - used[0]).toBeCloseTo(lap.energyUsed!, 2);
    expect(regen[last] - regen[0]).toBeCloseTo(lap.energyRegen!, 2);
    expect(soc[last]).toBeLessThan(soc[0]);
    for (let i = 0; i < power.length; i += 50) expect(Math.sign(current[i])).toBe(Math.sign(power[i]));
  });
});
