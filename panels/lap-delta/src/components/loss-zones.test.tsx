/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';

import type { LapDeltaView } from '../model/types';
import { best, other, table, telemetry, track, view } from '../testing/simulated-session';
import { LossZones } from './loss-zones';

describe('LossZones', () => {
  it('names the loss zones by the track’s corners, on the reference lap’s distance', () => {
    const state = view([telemetry([other], 'A'), telemetry([best], 'B'), table, ...track]) as LapDeltaView;
    render(<LossZones view={state} onZoom={() => {}} onReset={() => {}} />);
    const first = screen.getAllByTestId('lap-delta-zone-place')[0];
    expect(first.textContent).toMatch(new RegExp(`^${state.zones[0].place!.label} \\d+ m – \\d+ m$`));
  });

  it('gives the loss zones in metres without the track', () => {
    const state = view([telemetry([other], 'A'), telemetry([best], 'B'), table]) as LapDeltaView;
    render(<LossZones view={state} onZoom={() => {}} onReset={() => {}} />);
    expect(screen.getAllByTestId('lap-delta-zone-place')[0].textContent).toMatch(/^\d+ m – \d+ m$/);
  });
});
