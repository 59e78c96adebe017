import type { TelemetryQuery } from '../../types';
import {
  editedLapScope,
  editedMode,
  editedQueryType,
  hasLiveMode,
  lastLapsFromText,
  listOrNothing,
  queryTypeChange,
  switchedOnOrNothing,
  textOrNothing,
  updateRateFromText,
} from './query-rules';

describe('query rules', () => {
  it('edits a query without type or mode as live telemetry over the time range', () => {
    const query: TelemetryQuery = { refId: 'A' };
    expect([editedQueryType(query, false), editedMode(query, false), editedLapScope(query)]).toEqual([
      'telemetry',
      'live',
      'range',
    ]);
  });

  it('keeps the type, mode and lap scope a query has', () => {
    const query: TelemetryQuery = { refId: 'A', queryType: 'laps', mode: 'history', lapChoice: 'best' };
    expect([editedQueryType(query, false), editedMode(query, false), editedLapScope(query)]).toEqual([
      'laps',
      'history',
      'best',
    ]);
  });

  it('edits an annotation as a history events query, whatever the query says', () => {
    const query: TelemetryQuery = { refId: 'Anno', queryType: 'telemetry', mode: 'live' };
    expect([editedQueryType(query, true), editedMode(query, true)]).toEqual(['events', 'history']);
  });

  it('has a live mode for telemetry and events only', () => {
    expect((['telemetry', 'laps', 'track', 'events'] as const).filter(hasLiveMode)).toEqual(['telemetry', 'events']);
  });

  it('changes the query type and nothing else', () => {
    expect(queryTypeChange('track')).toEqual({ queryType: 'track' });
  });

  it('leaves empty lists, texts and switches that are off out of the query', () => {
    expect([listOrNothing([]), listOrNothing(['1', '7'])]).toEqual([undefined, ['1', '7']]);
    expect([textOrNothing(''), textOrNothing('3, 4')]).toEqual([undefined, '3, 4']);
    expect([switchedOnOrNothing(false), switchedOnOrNothing(true)]).toEqual([undefined, true]);
  });

  it('reads "how many" last laps as a whole number from 1', () => {
    expect(['3', '2.6', '0', '-4', 'many', ''].map(lastLapsFromText)).toEqual([3, 3, 1, 1, 1, 1]);
  });

  it('reads updates per second as a positive number, or nothing', () => {
    expect(['2', '0.5', ' 4 ', '0', '-1', 'fast', '', ' ', 'Infinity'].map(updateRateFromText)).toEqual([
      2,
      0.5,
      4,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
