/** @jest-environment jsdom */
import { makeDataSource } from './testing/datasource';
import { installTemplateVariables } from './testing/template-service';

describe('server mode', () => {
  it('is chosen by the setting; a datasource saved without one stays in browser mode', () => {
    expect(makeDataSource({ url: 'ws://pit:8765' }).mode).toBe('browser');
    expect(makeDataSource({ url: 'ws://telemetry:8765', mode: 'server' }).mode).toBe('server');
  });

  it('replaces variables before Grafana sends the query to the backend, multi-value lists as entries', () => {
    installTemplateVariables({ session: 'fp2', car: ['7', '11'], lap: ['3', '4'] });
    const ds = makeDataSource({ url: 'ws://telemetry:8765', mode: 'server' });
    const applied = ds.applyTemplateVariables(
      {
        refId: 'A',
        queryType: 'telemetry',
        mode: 'history',
        session: '$session',
        cars: ['$car'],
        channels: ['speed'],
        lapChoice: 'laps',
        laps: '$lap',
      },
      {},
    );
    expect(applied).toEqual({
      refId: 'A',
      queryType: 'telemetry',
      mode: 'history',
      session: 'fp2',
      cars: ['7', '11'],
      channels: ['speed'],
      lapChoice: 'laps',
      laps: '3,4',
    });
  });
});
