import { tyreTempChannel, WHEELS, TYRE_ZONES } from '../channels/wheels';
import { manualSlot, mappedFieldNames, resolveTyreChannels, wheelZones } from './mapping';

const canonicalTemps = WHEELS.flatMap((w) => TYRE_ZONES.map((z) => tyreTempChannel(w, z)));

describe('resolveTyreChannels', () => {
  it('finds the canonical names, with pressure and brake temperature', () => {
    const result = resolveTyreChannels([...canonicalTemps, 'tyre_pressure_fl', 'brake_temp_rr', 'speed']);
    expect(result.preset?.id).toBe('canonical');
    expect(result.zoneCount).toBe(12);
    expect(result.missingTemperatures).toEqual([]);
    expect(result.channels.fl).toEqual({
      zones: { inner: 'tyre_temp_fl_inner', middle: 'tyre_temp_fl_middle', outer: 'tyre_temp_fl_outer' },
      pressure: 'tyre_pressure_fl',
    });
    expect(result.channels.rr.brake).toBe('brake_temp_rr');
    expect(result.channels.rr.pressure).toBeUndefined();
  });

  it('maps MoTeC left/middle/right side-aware: left is outer on a left wheel and inner on a right wheel', () => {
    const names = ['LFtempL', 'LFtempM', 'LFtempR', 'RFtempL', 'RFtempM', 'RFtempR', 'LFpress', 'RRtempCM'];
    const result = resolveTyreChannels(names);
    expect(result.preset?.id).toBe('motec-lmr');
    expect(result.channels.fl.zones).toEqual({ outer: 'LFtempL', middle: 'LFtempM', inner: 'LFtempR' });
    expect(result.channels.fr.zones).toEqual({ inner: 'RFtempL', middle: 'RFtempM', outer: 'RFtempR' });
    expect(result.channels.fl.pressure).toBe('LFpress');
    expect(result.channels.rr.core).toBe('RRtempCM');
    expect(result.zoneCount).toBe(6);
    expect(result.missingTemperatures).toEqual(['LRtempL', 'LRtempM', 'LRtempR', 'RRtempL', 'RRtempM', 'RRtempR']);
  });

  it('matches names ignoring case, and a chosen preset over auto', () => {
    const names = ['TYRE_FL_LEFT', 'tyre_rr_right', 'tyre_temp_fl_inner'];
    const auto = resolveTyreChannels(names);
    expect(auto.preset?.id).toBe('wheel-lmr');
    // the preset's fl inner (tyre_fl_right) is missing, so the canonical name fills it
    expect(auto.channels.fl.zones).toEqual({ outer: 'TYRE_FL_LEFT', inner: 'tyre_temp_fl_inner' });
    expect(auto.channels.rr.zones).toEqual({ outer: 'tyre_rr_right' });
    const canonical = resolveTyreChannels(names, 'canonical');
    expect(canonical.channels.fl.zones).toEqual({ inner: 'tyre_temp_fl_inner' });
    expect(canonical.zoneCount).toBe(1);
  });

  it('lets a manual mapping override detection, with left/right taken side-aware', () => {
    const names = [...canonicalTemps, 'Tyre FL L', 'Tyre RR L', 'P_FL', 'BrakeDisc RL'];
    const result = resolveTyreChannels(names, 'auto', {
      fl_left: 'Tyre FL L',
      rr_left: 'Tyre RR L',
      fl_pressure: 'P_FL',
      rl_brake: 'BrakeDisc RL',
      fr_inner: 'not there',
      fr_middle: '',
    });
    expect(result.channels.fl.zones.outer).toBe('Tyre FL L');
    expect(result.channels.rr.zones.inner).toBe('Tyre RR L');
    expect(result.channels.fl.pressure).toBe('P_FL');
    expect(result.channels.rl.brake).toBe('BrakeDisc RL');
    expect(result.channels.fr.zones.inner).toBe('tyre_temp_fr_inner');
    expect(result.missingManual).toEqual(['not there']);
  });

  it('names every zone it looked for when nothing matches', () => {
    const result = resolveTyreChannels(['speed', 'throttle']);
    expect(result.preset).toBeUndefined();
    expect(result.zoneCount).toBe(0);
    expect(result.missingTemperatures).toEqual(canonicalTemps);
  });
});

describe('manualSlot', () => {
  it('reads wheel and zone or extra from a key', () => {
    expect(manualSlot('rl_left')).toEqual({ wheel: 'rl', zone: 'outer' });
    expect(manualSlot('rr_left')).toEqual({ wheel: 'rr', zone: 'inner' });
    expect(manualSlot('fr_right')).toEqual({ wheel: 'fr', zone: 'outer' });
    expect(manualSlot('fl_middle')).toEqual({ wheel: 'fl', zone: 'middle' });
    expect(manualSlot('fr_core')).toEqual({ wheel: 'fr', extra: 'core' });
    expect(manualSlot('xx_inner')).toBeUndefined();
    expect(manualSlot('fl_centre')).toBeUndefined();
  });
});

describe('wheelZones and mappedFieldNames', () => {
  it('list what a partial map has, inner to outer', () => {
    const { channels } = resolveTyreChannels(['tyre_temp_fl_outer', 'tyre_temp_fl_inner', 'brake_temp_fl']);
    expect(wheelZones(channels.fl)).toEqual(['inner', 'outer']);
    expect(wheelZones(channels.rr)).toEqual([]);
    expect(mappedFieldNames(channels)).toEqual(['tyre_temp_fl_inner', 'tyre_temp_fl_outer', 'brake_temp_fl']);
  });
});
