import { sameButLiveTime } from './live-ticks';

describe('sameButLiveTime', () => {
  const data = { series: [] };
  const options = { lap: 'best' };
  const props = { data, options, width: 400, timeRange: { from: 1, to: 2 }, renderCounter: 1 };

  it('treats a render that only moves the time range on as a repeat', () => {
    expect(sameButLiveTime(props, { ...props, timeRange: { from: 2, to: 3 }, renderCounter: 2 })).toBe(true);
  });

  it('renders for new data, options, size or a prop that came or went', () => {
    expect(sameButLiveTime(props, { ...props, data: { series: [] } })).toBe(false);
    expect(sameButLiveTime(props, { ...props, options: { lap: 'best' } })).toBe(false);
    expect(sameButLiveTime(props, { ...props, width: 401 })).toBe(false);
    expect(sameButLiveTime(props, { ...props, title: 'Track' } as typeof props)).toBe(false);
    const { width: _width, ...narrower } = props;
    expect(sameButLiveTime(props, narrower as typeof props)).toBe(false);
  });
});
