import { bucketWidthText, cellTooltip, heatmapLabels } from './heatmap-labels';

describe('heatmapLabels', () => {
  it('calls lap columns lap mean or lap max', () => {
    const labels = heatmapLabels({ columns: 'laps', bucketMs: 10_000, aggregate: 'max' });
    expect(labels.value).toBe('lap max');
    expect(labels.axis).toBe('Lap');
    expect([labels.count(1), labels.count(12)]).toEqual(['1 lap', '12 laps']);
  });

  it('calls time-bucket columns by the bucket width, never lap', () => {
    const labels = heatmapLabels({ columns: 'time', bucketMs: 10_000, aggregate: 'max' });
    expect(labels.value).toBe('max per 10 s');
    expect(labels.axis).toBe('UTC, per 10 s');
    expect(labels.count(30)).toBe('30 buckets of 10 s');
    expect(heatmapLabels({ columns: 'time', bucketMs: 60_000, aggregate: 'mean' }).value).toBe('mean per 1 min');
  });
});

describe('bucketWidthText', () => {
  it('says seconds, whole minutes or whole hours', () => {
    expect([1000, 10_000, 60_000, 90_000, 120_000, 3_600_000, 5_400_000].map(bucketWidthText)).toEqual([
      '1 s',
      '10 s',
      '1 min',
      '90 s',
      '2 min',
      '1 h',
      '90 min',
    ]);
  });
});

describe('cellTooltip', () => {
  const row = { label: 'FL inner' };

  it('names the lap, the zone and what the value is', () => {
    const labels = heatmapLabels({ columns: 'laps', bucketMs: 60_000, aggregate: 'mean' });
    expect(cellTooltip({ lap: 2, label: '2', partial: false }, row, labels, '92.0 °C', 'optimal')).toBe(
      'lap 2 · FL inner, lap mean: 92.0 °C',
    );
  });

  it('names the bucket start and width in time-bucket mode, and flags a hot cell', () => {
    const labels = heatmapLabels({ columns: 'time', bucketMs: 10_000, aggregate: 'max' });
    expect(cellTooltip({ label: '00:00:10', partial: true }, row, labels, '118.0 °C', 'hot')).toBe(
      '00:00:10 UTC (partial) · FL inner, max per 10 s: 118.0 °C ▲ hot',
    );
  });
});
