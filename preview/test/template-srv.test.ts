/** @jest-environment jsdom */
import { dateTime, type TypedVariableModel } from '@grafana/data';

import { PreviewTemplateSrv } from '../src/dashboard/template-srv';

function variable(name: string, value: string | string[], type = 'custom'): TypedVariableModel {
  return { name, type, current: { value, text: value } } as unknown as TypedVariableModel;
}

describe('PreviewTemplateSrv', () => {
  const srv = new PreviewTemplateSrv();
  srv.setVariables([
    variable('ds', 'eracing-telemetry', 'datasource'),
    variable('car', '7'),
    variable('cars', ['7', '22']),
    { name: 'session', type: 'constant', query: 'live' } as unknown as TypedVariableModel,
  ]);

  it('interpolates $name, ${name} and [[name]]', () => {
    expect(srv.replace('$car|${car}|[[car]]')).toBe('7|7|7');
    expect(srv.replace('${ds}')).toBe('eracing-telemetry');
    expect(srv.replace('$session')).toBe('live');
  });

  it('formats multi-value variables as Grafana does', () => {
    expect(srv.replace('$cars')).toBe('{7,22}');
    expect(srv.replace('${cars:csv}')).toBe('7,22');
    expect(srv.replace('${cars:pipe}')).toBe('7|22');
    expect(srv.replace('${cars:regex}')).toBe('(7|22)');
    expect(srv.replace('${cars:json}')).toBe('["7","22"]');
    expect(srv.replace('${cars:singlequote}')).toBe("'7','22'");
    expect(srv.replace('${cars:queryparam}')).toBe('var-7&var-22');
    expect(srv.replace('$cars', undefined, (v: string[]) => v.join('+'))).toBe('7+22');
  });

  it('prefers scoped variables and leaves unknown ones as written', () => {
    expect(srv.replace('$car', { car: { text: '94', value: '94' } })).toBe('94');
    expect(srv.replace('$nope and ${nope:csv}')).toBe('$nope and ${nope:csv}');
    expect(srv.containsTemplate('car $car')).toBe(true);
    expect(srv.containsTemplate('car $nope')).toBe(false);
  });

  it('reports what it interpolated', () => {
    const interpolations: Parameters<PreviewTemplateSrv['replace']>[3] = [];
    srv.replace('$car $nope', undefined, undefined, interpolations);
    expect(interpolations).toEqual([
      expect.objectContaining({ variableName: 'car', value: '7', found: true }),
      expect.objectContaining({ variableName: 'nope', value: '$nope', found: false }),
    ]);
  });

  it('knows __from and __to of the current range in epoch milliseconds', () => {
    const from = dateTime(Date.UTC(2026, 0, 1, 12));
    const to = dateTime(Date.UTC(2026, 0, 1, 13));
    srv.updateTimeRange({ from, to, raw: { from, to } });
    expect(srv.replace('${__from}-${__to}')).toBe(`${from.valueOf()}-${to.valueOf()}`);
  });
});
