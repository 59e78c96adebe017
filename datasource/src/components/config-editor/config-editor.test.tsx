/** @jest-environment jsdom */
import type { DataSourceSettings } from '@grafana/data';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';

import type { TelemetryOptions } from '../../types';
import { ConfigEditor } from './config-editor';

function settings(jsonData: TelemetryOptions): DataSourceSettings<TelemetryOptions> {
  return { id: 1, uid: 'telemetry', name: 'Telemetry', jsonData } as DataSourceSettings<TelemetryOptions>;
}

function renderEditor(jsonData: TelemetryOptions) {
  const onOptionsChange = jest.fn();
  render(<ConfigEditor options={settings(jsonData)} onOptionsChange={onOptionsChange} />);
  const saved = (): TelemetryOptions[] => onOptionsChange.mock.calls.map(([next]) => next.jsonData);
  // What the settings changed to, the mode (written by every change, asserted on its own) left out.
  const written = () => saved().map(({ mode: _mode, ...rest }) => rest);
  return { onOptionsChange, saved, written };
}

describe('ConfigEditor', () => {
  it('warns that viewers connect directly, need to reach the server, and can read the token', () => {
    renderEditor({ mode: 'browser' });
    const warning = screen.getByRole('alert').textContent!;
    expect(warning).toContain("Viewers' browsers connect to the server directly");
    expect(warning).toContain('not a Docker-internal host name');
    expect(warning).toContain("the server must allow this Grafana's origin");
    expect(warning).toContain('the token included, is readable by everyone who can view a dashboard');
  });

  it('starts a new datasource in Grafana server mode, and keeps a saved one without a mode in browser mode', () => {
    const fresh = renderEditor({});
    expect(fresh.saved()[0]).toEqual({ mode: 'server' });
    expect(screen.getByText(/The token is stored encrypted and never sent to browsers/)).toBeTruthy();
    cleanup();
    const saved = renderEditor({ url: 'ws://pit:8765' });
    expect(saved.saved()[0]).toEqual({ url: 'ws://pit:8765', mode: 'browser' });
  });

  it('keeps the token in secureJsonData in server mode, never in jsonData', () => {
    const onOptionsChange = jest.fn();
    const options = { ...settings({ mode: 'server', url: 'ws://telemetry:8765' }), secureJsonFields: {} };
    render(<ConfigEditor options={options} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByLabelText('Token'), { target: { value: 's3cret' } });
    const [next] = onOptionsChange.mock.calls.at(-1)!;
    expect(next.secureJsonData).toEqual({ token: 's3cret' });
    expect(next.jsonData.token).toBeUndefined();
  });

  it('writes the server URL and the token into jsonData, keeping the other settings', () => {
    const { written } = renderEditor({ mode: 'browser', token: 'abc', defaultSession: 'latest' });
    expect(screen.getByLabelText('Server URL').getAttribute('placeholder')).toBe('ws://localhost:8765');
    fireEvent.change(screen.getByLabelText('Server URL'), { target: { value: 'wss://pit.example.com/live' } });
    fireEvent.change(screen.getByLabelText('Token'), { target: { value: 's3cret' } });
    expect(written()).toEqual([
      { token: 'abc', defaultSession: 'latest', url: 'wss://pit.example.com/live' },
      { token: 's3cret', defaultSession: 'latest' },
    ]);
  });

  it('chooses the default session: live, latest or an id', () => {
    const { written } = renderEditor({ mode: 'browser' });
    expect(screen.queryByLabelText('Default session id')).toBeNull();
    fireEvent.click(screen.getByLabelText('Latest'));
    fireEvent.click(screen.getByLabelText('Session id'));
    fireEvent.change(screen.getByLabelText('Default session id'), { target: { value: 'fp2' } });
    expect(written()).toEqual([{ defaultSession: 'latest' }, { defaultSession: '' }, { defaultSession: 'fp2' }]);
  });

  it('shows a named default session as such', () => {
    renderEditor({ mode: 'browser', defaultSession: 'quali' });
    expect((screen.getByLabelText('Default session id') as HTMLInputElement).value).toBe('quali');
  });

  it('writes the live update rate and sample cap as numbers, and clears them', () => {
    const { written } = renderEditor({ mode: 'browser', liveRateHz: 10 });
    fireEvent.change(screen.getByLabelText('Live updates per second'), { target: { value: '15' } });
    fireEvent.change(screen.getByLabelText('Live samples per car'), { target: { value: '60000' } });
    fireEvent.change(screen.getByLabelText('Live updates per second'), { target: { value: '' } });
    expect(written()).toEqual([
      { liveRateHz: 15 },
      { liveRateHz: 10, liveSamplesPerCar: 60000 },
      { liveRateHz: undefined },
    ]);
  });

  it('flags a URL that is not a WebSocket address', () => {
    renderEditor({ mode: 'browser', url: 'http://pit:8080' });
    expect(screen.getByText('The server URL must start with ws:// or wss://, not http://.')).toBeTruthy();
  });
});
