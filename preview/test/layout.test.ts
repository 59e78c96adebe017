/** @jest-environment jsdom */
import { gridCell, visiblePanels, type PanelModel } from '../src/dashboard/model';
import { liveTickMs } from '../src/dashboard/live-now';
import { StructureRevision } from '../src/dashboard/structure';
import { dateTime, FieldType, toDataFrame } from '@grafana/data';

const panel = (id: number, type = 'stat', extra: Partial<PanelModel> = {}): PanelModel => ({
  id,
  type,
  gridPos: { x: 0, y: id, w: 24, h: 1 },
  ...extra,
});

describe('dashboard layout', () => {
  it('places a panel on the 24-column grid from its gridPos, clipped at the right edge', () => {
    expect(gridCell({ x: 16, y: 0, w: 8, h: 13 })).toEqual({ gridColumn: '17 / span 8', gridRow: '1 / span 13' });
    expect(gridCell({ x: 20, y: 2, w: 8, h: 1 })).toEqual({ gridColumn: '21 / span 4', gridRow: '3 / span 1' });
  });

  it('shows the panels of a folded row only once it is opened', () => {
    const folded = panel(1, 'row', { collapsed: true, panels: [panel(2), panel(3)] });
    const panels = [folded, panel(4)];
    expect(visiblePanels(panels, new Set()).map((p) => p.id)).toEqual([1, 4]);
    expect(visiblePanels(panels, new Set([1])).map((p) => p.id)).toEqual([1, 2, 3, 4]);
  });

  it('ticks live mode once per pixel of the time axis, rounded up to 100 ms beats as Grafana does', () => {
    const range = (seconds: number) => {
      const to = dateTime(0);
      const from = dateTime(-seconds * 1000);
      return { from, to, raw: { from: `now-${seconds}s`, to: 'now' } };
    };
    expect(liveTickMs(range(300), 1000)).toBe(300);
    expect(liveTickMs(range(30), 1000)).toBe(100);
    expect(liveTickMs(range(120), 1000)).toBe(200);
    expect(liveTickMs(range(3600), 1000)).toBe(3600);
    expect(liveTickMs(range(3601), 1000)).toBe(3700);
    expect(liveTickMs(range(86_400), 100)).toBe(5 * 60 * 1000);
  });

  it('bumps structureRev when the shape of the frames changes, not their values', () => {
    const frames = (names: string[], value: number) => [
      toDataFrame({ refId: 'A', fields: names.map((name) => ({ name, type: FieldType.number, values: [value] })) }),
    ];
    const revision = new StructureRevision();
    const first = revision.of(frames(['time', 'speed'], 1));
    expect(revision.of(frames(['time', 'speed'], 2))).toBe(first);
    expect(revision.of(frames(['time', 'speed', 'brake'], 2))).toBe(first + 1);
  });
});
