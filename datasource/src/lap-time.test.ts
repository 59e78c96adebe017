import { describeLapFlags } from './lap-time';

describe('describeLapFlags', () => {
  it('names the flags that make a lap invalid', () => {
    expect(describeLapFlags({ outLap: true, inLap: false, pit: true, incomplete: false })).toBe('out-lap, pit');
    expect(describeLapFlags({ outLap: false, inLap: false, pit: false, incomplete: false })).toBe('');
  });
});
