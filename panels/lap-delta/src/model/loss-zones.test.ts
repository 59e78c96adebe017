/** @jest-environment jsdom */
import { best, other, table, telemetry, track, view } from '../testing/simulated-session';
import { formatRange, zoneList } from './loss-zones';
import type { LapDeltaView } from './types';

describe('zoneList', () => {
  it('lists the first compared lap’s zones by corner, each zooming to the zone with a margin', () => {
    const state = view([telemetry([other], 'A'), telemetry([best], 'B'), table, ...track]) as LapDeltaView;
    const list = zoneList(state)!;
    expect(list.title).toBe(`Biggest losses, ${state.laps[0].label}`);
    expect(list.items).toHaveLength(state.zones.length);
    list.items.forEach((item, k) => {
      const zone = state.zones[k];
      expect(item.place).toBe(zone.place!.label);
      expect(item.range).toBe(formatRange(zone.start, zone.end));
      expect(item.title).toMatch(new RegExp(`^Zoom to ${zone.place!.label}: `));
      expect(item.lost).toMatch(/ s$/);
      const margin = Math.max(20, (zone.end - zone.start) * 0.25);
      expect(item.zoom).toEqual({ from: Math.max(0, zone.start - margin), to: zone.end + margin });
    });
  });

  it('gives the distances alone without the track, and nothing without zones', () => {
    const state = view([telemetry([other], 'A'), telemetry([best], 'B'), table]) as LapDeltaView;
    const item = zoneList(state)!.items[0];
    expect(item.place).toMatch(/^\d+ m – \d+ m$/);
    expect(item.range).toBeUndefined();
    expect(item.title).toBe(`Zoom to ${item.place}`);
    expect(zoneList({ ...state, zones: [] })).toBeUndefined();
  });
});
