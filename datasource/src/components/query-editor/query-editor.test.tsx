/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The query editor against a real datasource and the real reference server on 127.0.0.1.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';

import type { DataSource } from '../../datasource';
import { makeDataSource } from '../../testing/datasource';
import { serveTelemetry, stopAllServers, installNodeWebSocket } from '../../testing/telemetry-server';
import type { TelemetryQuery } from '../../types';
import { QueryEditor } from './query-editor';

// jsdom lacks IntersectionObserver, which @grafana/ui's select menus read.
(window as { IntersectionObserver?: unknown }).IntersectionObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

let ds: DataSource;

beforeAll(async () => {
  installNodeWebSocket();
  const { server } = await serveTelemetry();
  ds = makeDataSource({ url: server.url, defaultSession: 'latest' }, { idleCloseMs: 200 });
});
afterAll(stopAllServers);

/** Renders the editor and lets its catalog arrive, so that every state update happens inside act(). */
async function renderEditor(query: TelemetryQuery, datasource = ds) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(<QueryEditor query={query} datasource={datasource} onChange={onChange} onRunQuery={onRunQuery} />);
  await act(() => datasource.getCatalog(query.session).then(noop, noop));
  return { onChange, onRunQuery };
}

const noop = () => {};

const options = () => screen.queryAllByRole('option').map((option) => option.textContent);

async function openMenu(id: string) {
  const input = document.getElementById(id)!;
  await act(async () => fireEvent.keyDown(input, { key: 'ArrowDown' }));
  return input;
}

async function typeAndEnter(input: HTMLElement, text: string) {
  await act(async () => fireEvent.change(input, { target: { value: text } }));
  await act(async () => fireEvent.keyDown(input, { key: 'Enter' }));
}

describe('QueryEditor', () => {
  it('suggests the catalog’s channels with their units and adds the one picked', async () => {
    const { onChange, onRunQuery } = await renderEditor({ refId: 'A', queryType: 'telemetry', channels: ['speed'] });
    await waitFor(() => expect(document.getElementById('eracing-channels-A')).toBeTruthy());
    const input = await openMenu('eracing-channels-A');
    await waitFor(() => expect(options()).toContain('brakeBrake · %'));
    expect(options()).toContain('tyre_temp_fl_innerTyre temp front left inner · °C');
    await typeAndEnter(input, 'brake');
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'telemetry', channels: ['speed', 'brake'] });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('keeps an unknown channel, marked invalid with a message', async () => {
    await renderEditor({ refId: 'A', channels: ['speed', 'sped'] });
    await screen.findByText('Unknown channel: sped. There is no channel of that name in session live.');
    expect(screen.getByText('sped')).toBeTruthy();
  });

  it('accepts variables without calling them unknown', async () => {
    await renderEditor({ refId: 'A', channels: ['$channel'], cars: ['$car'] });
    await waitFor(() => expect(screen.getByText('$channel')).toBeTruthy());
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(screen.queryByText(/^Unknown/)).toBeNull();
  });

  it('suggests cars by number with driver and team, and flags an unknown one', async () => {
    await renderEditor({ refId: 'A', cars: ['99'] });
    await screen.findByText('Unknown car: 99. There is no car of that name in session live.');
    await openMenu('eracing-cars-A');
    await waitFor(() => expect(options().length).toBe(4));
    expect(options()[0]).toMatch(/^1.+ · .+$/);
  });

  it('changes the query type and the mode', async () => {
    const { onChange } = await renderEditor({ refId: 'A' });
    fireEvent.click(screen.getByLabelText('Laps'));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', queryType: 'laps' });
    fireEvent.click(screen.getByLabelText('History'));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', mode: 'history' });
  });

  it('shows the aggregates picker for laps, no car or channel for the track, and event kinds for events', async () => {
    await renderEditor({ refId: 'L', queryType: 'laps' });
    expect(screen.getByText('Aggregates')).toBeTruthy();
    expect(screen.queryByText('Mode')).toBeNull();
    await renderEditor({ refId: 'T', queryType: 'track' });
    expect(document.getElementById('eracing-cars-T')).toBeNull();
    await renderEditor({ refId: 'E', queryType: 'events' });
    expect(document.getElementById('eracing-kinds-E')).toBeTruthy();
  });

  it('chooses laps for a history query and commits the lap numbers on blur', async () => {
    const query: TelemetryQuery = { refId: 'A', mode: 'history', lapChoice: 'laps', laps: '3' };
    const { onChange, onRunQuery } = await renderEditor(query);
    const laps = document.getElementById('eracing-laps-A') as HTMLInputElement;
    fireEvent.change(laps, { target: { value: '3, 4, $lap' } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.blur(laps);
    expect(onChange).toHaveBeenCalledWith({ ...query, laps: '3, 4, $lap' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByLabelText('Best lap'));
    expect(onChange).toHaveBeenLastCalledWith({ ...query, lapChoice: 'best' });
  });

  it('sets a live query’s updates per second, below the datasource’s rate, and clears it', async () => {
    const query: TelemetryQuery = { refId: 'A', mode: 'live' };
    const { onChange } = await renderEditor(query);
    const rate = document.getElementById('eracing-rate-A') as HTMLInputElement;
    expect(rate.placeholder).toBe(String(ds.liveRateHz));
    fireEvent.change(rate, { target: { value: '2' } });
    fireEvent.blur(rate);
    expect(onChange).toHaveBeenLastCalledWith({ ...query, updateRateHz: 2 });
    fireEvent.change(rate, { target: { value: 'fast' } });
    fireEvent.blur(rate);
    expect(onChange).toHaveBeenLastCalledWith({ ...query, updateRateHz: undefined });
  });

  it('asks for the lap position and car colours only when switched on, both off by default', async () => {
    const query: TelemetryQuery = { refId: 'A', queryType: 'telemetry', mode: 'history' };
    const { onChange } = await renderEditor(query);
    const lapPosition = document.getElementById('eracing-lap-position-A') as HTMLInputElement;
    const colourByCar = document.getElementById('eracing-colour-by-car-A') as HTMLInputElement;
    expect([lapPosition.checked, colourByCar.checked]).toEqual([false, false]);
    fireEvent.click(lapPosition);
    expect(onChange).toHaveBeenLastCalledWith({ ...query, lapPosition: true });
    fireEvent.click(colourByCar);
    expect(onChange).toHaveBeenLastCalledWith({ ...query, colourByCar: true });
  });

  it('has no update rate for history', async () => {
    await renderEditor({ refId: 'A', mode: 'history' });
    expect(document.getElementById('eracing-rate-A')).toBeNull();
  });

  it("shows the datasource's default session and commits another one on blur", async () => {
    const { onChange } = await renderEditor({ refId: 'A' });
    const session = document.getElementById('eracing-session-A') as HTMLInputElement;
    expect(session.placeholder).toBe('latest');
    fireEvent.change(session, { target: { value: ' $session ' } });
    fireEvent.blur(session);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', session: '$session' });
  });

  it('says when the catalog cannot be read', async () => {
    await renderEditor({ refId: 'A' }, makeDataSource({ url: 'ftp://nowhere' }));
    await screen.findByText("The server's catalog could not be read");
    expect(screen.getByText(/The server URL must start with ws:\/\/ or wss:\/\/, not ftp:\/\//)).toBeTruthy();
  });

  it('edits an annotation as an events query, without query type or mode', async () => {
    const AnnotationEditor = ds.annotations!.QueryEditor!;
    render(<AnnotationEditor query={{ refId: 'Anno' }} datasource={ds} onChange={jest.fn()} onRunQuery={jest.fn()} />);
    await act(() => ds.getCatalog().then(noop, noop));
    expect(document.getElementById('eracing-kinds-Anno')).toBeTruthy();
    expect(screen.queryByText('Mode')).toBeNull();
    expect(screen.queryByLabelText('Telemetry')).toBeNull();
  });
});
