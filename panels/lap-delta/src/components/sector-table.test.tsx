/** @jest-environment jsdom */
import { formatLapTime, formatTimeDelta, lapTimeMs } from '@eracing/telemetry-core/laps';
import { getValueFormat } from '@grafana/data';
import { render, screen, within } from '@testing-library/react';

import { LAP_TIME_UNIT, lapTableFrame } from '../../../../datasource/src/frames/lap-table';
import { lapText } from '../../../../datasource/src/variables';
import { lapEvents } from '../../../../packages/reference-server/src/recording/lap-compute';
import { readPanelData } from '../data/frames';
import { lapEnd } from '../model/legend';
import type { LapDeltaView } from '../model/types';
import { best, car, laps, other, SESSION, telemetry, view } from '../testing/simulated-session';
import { SectorTable } from './sector-table';

describe('one lap-time figure on every screen', () => {
  /** Just under half a millisecond above the lap's whole ms minus one: truncation and rounding disagree here. */
  const awkward = (seconds: number) => (Math.round(seconds * 1000) - 0.4996) / 1000;
  // A logger's own lap time, 0.2 s under the time between the line crossings (a clock hitch taken out).
  const edited = { ...other, lapTime: awkward(other.lapTime! - 0.2), sectorTimes: other.sectorTimes.map(awkward) };
  const editedTable = lapTableFrame(
    laps.map((l) => (l === other ? edited : l)),
    [],
    'D',
    SESSION,
  );
  const digits = (text: string) => text.replace(/\D/g, '').replace(/^0+/, '');
  const grafanaTable = (ms: number) => getValueFormat(LAP_TIME_UNIT)(ms).text;

  it('shows the same digits in the laps table, the lap variable, the events, the sector table and the legend', () => {
    const shown = formatLapTime(edited.lapTime);
    const column = (name: string) => editedTable.fields.find((f) => f.name === name)!.values;
    const index = column('car').findIndex((c, i) => c === other.car && column('lap')[i] === other.lap);
    const row = column('lap_time')[index] as number;
    expect(digits(grafanaTable(row))).toBe(digits(shown));
    expect(lapText(edited)).toContain(shown);
    expect(lapEvents([edited]).find((e) => e.kind === 'lap')!.text).toContain(shown);
    expect(lapEvents([edited]).find((e) => e.kind === 'sector')!.text).toContain(formatLapTime(edited.sectorTimes[0]));

    const state = view([telemetry([other], 'A'), telemetry([best], 'B'), editedTable]) as LapDeltaView;
    expect(state.kind).toBe('view');
    render(<SectorTable view={state} colours={['red']} referenceColour="white" />);
    const rows = within(screen.getByTestId('lap-delta-sectors')).getAllByRole('row');
    const lapRow = rows.find((r) => (r as HTMLTableRowElement).cells[0].textContent === `Lap ${other.lap}`)!;
    const cells = within(lapRow).getAllByRole('cell');
    expect(cells.at(-1)!.textContent).toContain(shown);
    expect(cells[1].textContent).toContain(formatLapTime(edited.sectorTimes[0]));
    // The lap's time against the reference: one figure in the table's cell and in the legend.
    const delta = formatTimeDelta(lapTimeMs(edited.lapTime) / 1000 - lapTimeMs(best.lapTime!) / 1000);
    expect(cells.at(-1)!.textContent).toContain(delta);
    expect(lapEnd(state, 0)).toBe(`${delta} s`);
  });

  it('writes 59.9996 s as 1:00.000 in the variable, the laps table and the events', () => {
    const lap = { ...other, lapTime: 59.9996 };
    expect(lapText(lap)).toContain('Lap ' + other.lap + ' — 1:00.000');
    expect(grafanaTable(lapTimeMs(59.9996))).toBe('01m:00s:000ms');
    expect(lapEvents([lap]).find((e) => e.kind === 'lap')!.text).toContain(': 1:00.000');
  });

  it('gives the theoretical best as the sum of the shown sector bests', () => {
    const state = view([telemetry([other], 'A'), telemetry([best], 'B'), editedTable]) as LapDeltaView;
    const own = readPanelData([editedTable], ['D']).laps.filter((r) => r.car === car && r.valid);
    const sectors = own[0].sectorTimes.map((_, k) =>
      Math.min(...own.map((r) => lapTimeMs(r.sectorTimes[k] ?? Infinity))),
    );
    expect(lapTimeMs(state.theoreticalBest!.time)).toBe(sectors.reduce((a, b) => a + b, 0));
  });
});
