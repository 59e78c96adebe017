/** @jest-environment jsdom */
import { DEFAULT_OPTIONS } from '../types';
import { telemetryFrame } from '../testing/frames';
import { readTyreData } from './frames';
import { carStatus, emptyMessage, missingChannels } from './notices';

const frame = telemetryFrame([1000, 2500], { tyre_temp_fl_inner: [80, 81] });

describe('emptyMessage', () => {
  it('names the cars the data has when the chosen one is missing, and the names looked for without channels', () => {
    expect(emptyMessage(readTyreData([frame], DEFAULT_OPTIONS, '12'), '12')).toEqual({
      title: 'No data for car 12',
      text: "The data has cars 7. Check the panel's Car option and the query.",
    });
    const none = emptyMessage(readTyreData([telemetryFrame([1000], { speed: [1] })], DEFAULT_OPTIONS, ''), '');
    expect(none?.title).toBe('No tyre channels');
    expect(none?.text).toMatch(/^This panel looked for tyre surface temperatures tyre_temp_fl_inner, /);
    expect(emptyMessage(readTyreData([frame], DEFAULT_OPTIONS, ''), '')).toBeUndefined();
  });
});

describe('missingChannels', () => {
  it('lists the zones looked for and not found', () => {
    const missing = missingChannels(readTyreData([frame], DEFAULT_OPTIONS, ''));
    expect(missing).toContain('tyre_temp_fl_middle');
    expect(missing).not.toContain('tyre_temp_fl_inner');
  });
});

describe('carStatus', () => {
  it('is a clock to the second when live, to the millisecond at the cursor, else says why there is none', () => {
    expect(carStatus(2500, undefined)).toEqual({ label: 'live', time: 2000, format: 'HH:mm:ss' });
    expect(carStatus(2500, 2600)).toEqual({ label: 'cursor', time: 2500, format: 'HH:mm:ss.SSS' });
    expect(carStatus(undefined, undefined)).toEqual({ text: 'no sample yet' });
    expect(carStatus(undefined, 500)).toEqual({ text: 'no sample at or before the cursor' });
  });
});
