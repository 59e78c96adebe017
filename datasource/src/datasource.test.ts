/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { LoadingState } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { makeDataSource, makeRequest } from './testing/datasource';
import { serveTelemetry, stopAllServers, installNodeWebSocket } from './testing/telemetry-server';

beforeAll(installNodeWebSocket);
afterAll(stopAllServers);

describe('DataSource', () => {
  it('tests the connection with Save & test', async () => {
    const { server } = await serveTelemetry({ token: 'pit-wall' });
    await expect(makeDataSource({ url: server.url, token: 'pit-wall' }).testDatasource()).resolves.toEqual({
      status: 'success',
      message: 'Connected to eRacing telemetry server 0.1.0 (protocol 1): 1 session, live: live.',
    });
    await expect(makeDataSource({ url: server.url, token: 'nope' }).testDatasource()).resolves.toEqual({
      status: 'error',
      message: 'The server refused the token: The token is wrong. Check the token setting.',
    });
  });

  it('fails Save & test on a URL that cannot work', async () => {
    await expect(makeDataSource({}).testDatasource()).resolves.toEqual({
      status: 'error',
      message: 'The server URL is not set.',
    });
    await expect(makeDataSource({ url: 'https://example.com' }).testDatasource()).resolves.toEqual({
      status: 'error',
      message: 'The server URL must start with ws:// or wss://, not https://.',
    });
  });

  it('answers every query with the settings problem when the URL is wrong', async () => {
    const request = makeRequest([{ refId: 'A' }, { refId: 'B', hide: true }], { from: 0, to: 1000 });
    await expect(lastValueFrom(makeDataSource({}).query(request))).resolves.toEqual({
      data: [],
      key: 'A',
      state: LoadingState.Error,
      errors: [{ refId: 'A', message: 'The server URL is not set.' }],
    });
  });

  it('defaults new queries to live telemetry and skips hidden ones', () => {
    const ds = makeDataSource({ url: 'ws://localhost:8765', defaultSession: ' latest ' });
    expect(ds.getDefaultQuery()).toEqual({ queryType: 'telemetry', mode: 'live' });
    expect(ds.filterQuery({ refId: 'A', hide: true })).toBe(false);
    expect(ds.filterQuery({ refId: 'A' })).toBe(true);
    expect(ds.defaultSession).toBe('latest');
  });
});
