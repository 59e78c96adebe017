import { CHANNELS, channelInfo } from './known-channels';
import { carColour, CAR_PALETTE } from './colours';
import { grafanaUnit, pressureToBar } from './units';
import {
  parseTyreChannel,
  sourceZoneToTyreZone,
  tyreZoneToSourceZone,
  WHEEL_NAMES,
  WHEEL_SHORT_NAMES,
  WHEELS,
  TYRE_ZONES,
} from './wheels';

describe('known channels', () => {
  it('has about forty unique canonical channels, each with a Grafana unit', () => {
    const names = CHANNELS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(channelInfo('speed')).toMatchObject({ unit: 'km/h', grafanaUnit: 'velocitykmh' });
    expect(channelInfo('tyre_pressure_rl')).toMatchObject({ grafanaUnit: 'pressurebar' });
    expect(channelInfo('battery_soc')?.grafanaUnit).toBe('percent');
    expect(channelInfo('lat')?.type).toBe('f64');
    expect(channelInfo('nope')).toBeUndefined();
  });

  it('maps every unit the suite uses', () => {
    expect(grafanaUnit('kWh')).toBe('kwatth');
    expect(grafanaUnit('rpm')).toBe('rotrpm');
    expect(grafanaUnit('furlongs')).toBe('none');
    expect(pressureToBar(200, 'kPa')).toBe(2);
    expect(pressureToBar(29.0075, 'psi')).toBeCloseTo(2, 4);
  });
});

describe('wheels and zones', () => {
  it('maps left/right of the tread to inner/outer by the side of the car', () => {
    expect(sourceZoneToTyreZone('fl', 'left')).toBe('outer');
    expect(sourceZoneToTyreZone('fl', 'right')).toBe('inner');
    expect(sourceZoneToTyreZone('rr', 'left')).toBe('inner');
    expect(sourceZoneToTyreZone('rr', 'right')).toBe('outer');
    expect(sourceZoneToTyreZone('fr', 'middle')).toBe('middle');
  });

  it('inverts the mapping for every wheel and zone', () => {
    for (const wheel of WHEELS) {
      for (const zone of TYRE_ZONES) expect(sourceZoneToTyreZone(wheel, tyreZoneToSourceZone(wheel, zone))).toBe(zone);
    }
  });

  it('names every wheel in full and short', () => {
    expect(WHEELS.map((wheel) => WHEEL_NAMES[wheel])).toEqual(['Front left', 'Front right', 'Rear left', 'Rear right']);
    expect(WHEELS.map((wheel) => WHEEL_SHORT_NAMES[wheel])).toEqual(['FL', 'FR', 'RL', 'RR']);
  });

  it('parses canonical tyre and brake names and rejects near misses', () => {
    expect(parseTyreChannel('tyre_temp_fr_outer')).toEqual({ kind: 'temperature', wheel: 'fr', zone: 'outer' });
    expect(parseTyreChannel('tyre_pressure_rl')).toEqual({ kind: 'pressure', wheel: 'rl' });
    expect(parseTyreChannel('brake_temp_fl')).toEqual({ kind: 'brake', wheel: 'fl' });
    expect(parseTyreChannel('tyre_temp_fr')).toBeUndefined();
    expect(parseTyreChannel('tyre_pressure_rl_inner')).toBeUndefined();
    expect(parseTyreChannel('tyre_temp_xx_inner')).toBeUndefined();
  });
});

describe('car colours', () => {
  it('gives cars 1 to 20 twenty different colours, stable across calls', () => {
    const colours = Array.from({ length: 20 }, (_, i) => carColour(String(i + 1)));
    expect(new Set(colours).size).toBe(20);
    expect(carColour('7')).toBe(CAR_PALETTE[6]);
    expect(carColour('A-team')).toBe(carColour('A-team'));
  });
});
