import { readCornersFrame } from '../frames/reader';
import { zonePlace, type ZoneCorner } from './zone-corners';

const corners: ZoneCorner[] = [
  { number: 1, name: 'Paddock Hairpin', distance: 400 },
  { number: 2, name: 'Mill Kink', distance: 700 },
  { number: 3, name: 'Dyke Corner', distance: 1100 },
  { number: 4, name: 'Sluice', distance: 1250 },
  { number: 5, name: 'Sluice Exit', distance: 1330 },
  { number: 6, name: 'Polder Sweep', distance: 2000 },
];
const label = (start: number, end: number, list: ZoneCorner[] = corners) => zonePlace(start, end, list)?.label;

describe('zonePlace', () => {
  it('names a stretch by the corner whose apex it covers', () => {
    expect(zonePlace(1050, 1150, corners)).toEqual({ label: 'T3', corners: [corners[2]] });
    // The apex at either end counts.
    expect(label(1100, 1180)).toBe('T3');
    expect(label(1020, 1100)).toBe('T3');
  });

  it('names a stretch over several corners by the first and the last', () => {
    expect(zonePlace(1050, 1300, corners)).toEqual({ label: 'T3–T4', corners: [corners[2], corners[3]] });
    expect(label(1050, 1400)).toBe('T3–T5');
  });

  it('names a stretch short of an apex the corner’s entry, one past it the corner’s exit', () => {
    expect(label(950, 1060)).toBe('T3 entry'); // braking for T3
    expect(label(1400, 1480)).toBe('T5 exit');
    // Between two corners: the nearer one.
    expect(label(560, 590)).toBe('T2 entry');
    expect(label(450, 500)).toBe('T1 exit');
  });

  it('names a stretch far from any apex by the corner before it (before the first corner: by the first)', () => {
    expect(label(1600, 1700)).toBe('after T5');
    expect(label(2400, 2600)).toBe('after T6');
    expect(label(50, 200)).toBe('before T1');
  });

  it('reads corners in any order', () => {
    expect(label(1050, 1300, [...corners].reverse())).toBe('T3–T4');
  });

  it('has no name without corners: the panel gives metres', () => {
    expect(zonePlace(100, 200, [])).toBeUndefined();
    expect(zonePlace(100, 200, [{ number: 1, name: '', distance: NaN }])).toBeUndefined();
  });
});

describe('readCornersFrame', () => {
  it('reads number, name and apex in driving order, skipping rows without an apex', () => {
    const frame = {
      name: 'corners',
      length: 3,
      meta: { custom: { trackPart: 'corners' } },
      fields: [
        { name: 'number', type: 'number', values: [2, 1, 3] },
        { name: 'name', type: 'string', values: ['Mill Kink', 'Paddock Hairpin', 'Dyke Corner'] },
        { name: 'distance', type: 'number', values: [700, 400, null] },
      ],
    };
    expect(readCornersFrame(frame)).toEqual([
      { number: 1, name: 'Paddock Hairpin', distance: 400 },
      { number: 2, name: 'Mill Kink', distance: 700 },
    ]);
  });

  it('numbers corners by their row when the frame has no numbers', () => {
    const frame = { length: 1, fields: [{ name: 'distance', type: 'number', values: [120] }] };
    expect(readCornersFrame(frame)).toEqual([{ number: 1, name: '', distance: 120 }]);
  });
});
