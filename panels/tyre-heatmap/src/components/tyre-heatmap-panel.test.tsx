/** @jest-environment jsdom */
import { cursorPayload } from '@eracing/panel-kit/cursor';
import { TYRE_ZONES, WHEELS, tyreTempChannel } from '@eracing/telemetry-core/channels';
import { DataHoverClearEvent, DataHoverEvent, EventBusSrv, type DataFrame, type PanelProps } from '@grafana/data';
import { act, fireEvent, render, screen } from '@testing-library/react';

import { panelProps } from '../../../../test/panel-props';
import { telemetryFrame } from '../testing/frames';
import { countZoneRenders } from '../testing/zone-renders';
import { DEFAULT_OPTIONS, type TyreHeatmapOptions } from '../types';
import { TyreHeatmapPanel } from './tyre-heatmap-panel';

const TIME = [1000, 1010, 1020];

/** Every zone of every wheel: zone k of wheel w reads 70 + 10·w + k + sample. */
function allZones(shift: (wheel: number, zone: number) => number = () => 0): DataFrame {
  const columns: Record<string, number[]> = { lap: [3, 3, 3], tyre_pressure_fl: [1.7, 1.75, 1.8] };
  WHEELS.forEach((wheel, w) =>
    TYRE_ZONES.forEach((zone, k) => {
      columns[tyreTempChannel(wheel, zone)] = TIME.map((_, i) => 70 + 10 * w + k + i + shift(w, k));
    }),
  );
  return telemetryFrame(TIME, columns);
}

function props(series: DataFrame[], options: Partial<TyreHeatmapOptions> = {}, eventBus = new EventBusSrv()) {
  return {
    ...panelProps<TyreHeatmapOptions>(series, { ...DEFAULT_OPTIONS, ...options }),
    width: 440,
    height: 300,
    eventBus,
    replaceVariables: (text: string) => text.replace('$car', '7'),
    timeZone: 'utc',
  } as PanelProps<TyreHeatmapOptions>;
}

const zoneLabels = () => screen.getAllByTestId('tyre-zone').map((zone) => zone.getAttribute('data-zone'));
/** What a zone says: its value, and its window state when out of the window. */
function zoneTitle(label: string): string {
  const zone = screen.getAllByTestId('tyre-zone').find((element) => element.getAttribute('data-zone') === label)!;
  const value = zone.querySelector(':scope > text')!.textContent;
  const state = zone.getAttribute('data-state');
  return `${label}: ${value}${state === 'hot' || state === 'cold' ? ` (${state})` : ''}`;
}

describe('the car view', () => {
  it('draws every zone left to right from above: inner towards the centre line', () => {
    render(<TyreHeatmapPanel {...props([allZones()])} />);
    expect(zoneLabels()).toEqual([
      'FL outer',
      'FL middle',
      'FL inner',
      'FR inner',
      'FR middle',
      'FR outer',
      'RL outer',
      'RL middle',
      'RL inner',
      'RR inner',
      'RR middle',
      'RR outer',
    ]);
    expect(zoneTitle('FL inner')).toBe('FL inner: 72.0 °C (cold)');
    expect(zoneTitle('RR outer')).toBe('RR outer: 104.0 °C');
    expect(screen.getByText('1.80 bar')).toBeTruthy();
    expect(screen.getByTestId('tyre-footer').textContent).toContain('car 7 · live 00:00:01');
  });

  it('re-renders only the zones an emission changed', () => {
    const view = render(<TyreHeatmapPanel {...props([allZones()])} />);
    const renders = countZoneRenders();
    // three zones change, the other nine keep their values
    const changed = new Set(['0:0', '1:2', '3:1']);
    view.rerender(<TyreHeatmapPanel {...props([allZones((w, k) => (changed.has(`${w}:${k}`) ? 5 : 0))])} />);
    renders.stop();
    expect(renders.count).toBe(3);
    expect(zoneTitle('FL inner')).toBe('FL inner: 77.0 °C (cold)');
  });

  it('follows the shared cursor to the sample at its time, and goes back to live when it leaves', () => {
    const bus = new EventBusSrv();
    render(<TyreHeatmapPanel {...props([allZones()], {}, bus)} />);
    act(() => bus.publish(new DataHoverEvent(cursorPayload({ time: 1012 }))));
    expect(zoneTitle('FL inner')).toBe('FL inner: 71.0 °C (cold)');
    expect(screen.getByTestId('tyre-panel').getAttribute('data-following')).toBe('1012');
    expect(screen.getByTestId('tyre-footer').textContent).toContain('cursor 00:00:01.010');
    act(() => bus.publish(new DataHoverEvent(cursorPayload({ time: 500 }))));
    expect(zoneTitle('FL inner')).toBe('FL inner: –');
    expect(screen.getByTestId('tyre-footer').textContent).toContain('no sample at or before the cursor');
    act(() => bus.publish(new DataHoverClearEvent()));
    expect(zoneTitle('FL inner')).toBe('FL inner: 72.0 °C (cold)');
    expect(screen.getByTestId('tyre-footer').textContent).toContain('live');
  });

  it('renders partial data, and names what it did not find', () => {
    const frame = telemetryFrame(TIME, { tyre_temp_fl_outer: [90, 91, 92], tyre_temp_rr_inner: [120, 121, 122] });
    render(<TyreHeatmapPanel {...props([frame])} />);
    expect(zoneLabels()).toEqual(['FL outer', 'RR inner']);
    expect(zoneTitle('RR inner')).toBe('RR inner: 122.0 °C (hot)');
    expect(screen.getAllByTestId('tyre-missing').map((wheel) => wheel.getAttribute('data-wheel'))).toEqual([
      'fr',
      'rl',
    ]);
    expect(screen.getByTestId('tyre-footer').textContent).toContain(
      'Not found: tyre_temp_fl_inner, tyre_temp_fl_middle, tyre_temp_fr_inner',
    );
  });
});

describe('the car view notices', () => {
  it('says when the session has no core temperature to show', () => {
    render(<TyreHeatmapPanel {...props([allZones()])} />);
    expect(screen.getByTestId('tyre-notice').textContent).toMatch(
      /^No core temperature in this session: tyre_core_temp_fl to tyre_core_temp_rr are not in the data\./,
    );
  });

  it('says nothing of core temperature when it is switched off, or there', () => {
    const view = render(<TyreHeatmapPanel {...props([allZones()], { showCore: false })} />);
    expect(screen.queryByTestId('tyre-notice')).toBeNull();
    const core = Object.fromEntries(WHEELS.map((wheel) => [`tyre_core_temp_${wheel}`, [95, 96, 97]]));
    const frame = telemetryFrame(TIME, { ...core, tyre_temp_fl_inner: [80, 81, 82] });
    view.rerender(<TyreHeatmapPanel {...props([frame])} />);
    expect(screen.queryByTestId('tyre-notice')).toBeNull();
    expect(screen.getAllByText('97.0 °C')).toHaveLength(4);
  });
});

describe('the temperature legend', () => {
  const ticks = () => screen.getAllByTestId('tyre-legend-tick').map((tick) => tick.textContent);

  it('is under the car view, from min to max with the operating window', () => {
    render(<TyreHeatmapPanel {...props([allZones()])} />);
    const legend = screen.getByTestId('tyre-legend');
    expect(legend.getAttribute('aria-label')).toBe(
      'Temperature scale from 20.0 °C to 130.0 °C, steps at 70.0 °C, 80.0 °C, 105.0 °C, 115.0 °C; ' +
        'operating window 80.0 °C to 105.0 °C',
    );
    expect(ticks()[0]).toBe('20.0 °C');
    expect(ticks().at(-1)).toBe('130.0 °C');
    expect(ticks()).toEqual(expect.arrayContaining(['80.0 °C', '105.0 °C']));
    expect(screen.getByTestId('tyre-legend-window')).toBeTruthy();
  });

  it('is under the heatmap too', () => {
    render(<TyreHeatmapPanel {...props([allZones()], { mode: 'heatmap' })} />);
    expect(screen.getByTestId('tyre-legend').getAttribute('data-max')).toBe('130');
    expect(ticks()[0]).toBe('20.0 °C');
  });
});

describe('messages', () => {
  it('names the fields it looked for when there are none', () => {
    render(<TyreHeatmapPanel {...props([telemetryFrame(TIME, { speed: [1, 2, 3] })])} />);
    expect(screen.getByText('No tyre channels')).toBeTruthy();
    expect(
      screen.getByText(/looked for tyre surface temperatures tyre_temp_fl_inner, tyre_temp_fl_middle/),
    ).toBeTruthy();
    expect(
      screen.getByText(/tyre_temp_rr_outer \(or the MoTeC LFtempL and tyre_fl_left namings\) and found none for car 7/),
    ).toBeTruthy();
  });

  it('says which cars the data has when the chosen one is missing', () => {
    render(<TyreHeatmapPanel {...props([allZones()], { car: '12' })} />);
    expect(screen.getByText('No data for car 12')).toBeTruthy();
    expect(screen.getByText(/The data has cars 7\./)).toBeTruthy();
  });

  it('never throws on no data', () => {
    render(<TyreHeatmapPanel {...props([])} />);
    expect(screen.getByText('No tyre channels')).toBeTruthy();
  });
});

describe('the heatmap', () => {
  it('draws a column per lap and a row per zone and spread', () => {
    render(<TyreHeatmapPanel {...props([allZones()], { mode: 'heatmap' })} />);
    const canvas = screen.getByTestId('tyre-heatmap');
    expect(canvas.getAttribute('data-columns')).toBe('1');
    expect(canvas.getAttribute('data-rows')).toBe('16');
    expect(canvas.getAttribute('data-first-lap')).toBe('3');
    expect(screen.getByTestId('tyre-footer').textContent).toBe('car 7 · lap mean · 1 lap · from telemetry');
  });

  it('says per time bucket, not lap, in time-bucket mode: footer, hover and label', () => {
    render(
      <TyreHeatmapPanel
        {...props([allZones()], { mode: 'heatmap', columns: 'time', bucketSeconds: 10, aggregate: 'max' })}
      />,
    );
    const canvas = screen.getByTestId('tyre-heatmap');
    expect(screen.getByTestId('tyre-footer').textContent).toBe(
      'car 7 · max per 10 s · 1 bucket of 10 s · from telemetry',
    );
    expect(canvas.getAttribute('aria-label')).toBe('Tyre temperatures, max per 10 s, over 1 bucket of 10 s');
    fireEvent.mouseMove(canvas, { clientX: 200, clientY: 25 });
    expect(screen.getByTestId('tyre-heatmap-tooltip').textContent).toMatch(
      /^00:00:01 UTC \(partial\) · FL inner, max per 10 s: 72\.0 °C ▼ cold$/,
    );
  });

  it('outlines the lap of the shared cursor', () => {
    const bus = new EventBusSrv();
    render(<TyreHeatmapPanel {...props([allZones()], { mode: 'heatmap' }, bus)} />);
    const canvas = screen.getByTestId('tyre-heatmap');
    expect(canvas.getAttribute('data-cursor-column')).toBe('-1');
    act(() => bus.publish(new DataHoverEvent(cursorPayload({ time: 1015 }))));
    expect(canvas.getAttribute('data-cursor-column')).toBe('0');
    act(() => bus.publish(new DataHoverEvent(cursorPayload({ time: 5000 }))));
    expect(canvas.getAttribute('data-cursor-column')).toBe('-1');
  });
});
