// The preview's datasource API store: Grafana's rules for adding and removing a datasource.
import { DataSourceStore, TELEMETRY_DATASOURCE } from '../server/datasources';
import type { BuiltPlugin } from '../server/plugins';

const plugin: BuiltPlugin = {
  id: TELEMETRY_DATASOURCE.type,
  type: 'datasource',
  dist: '/nowhere',
  json: { id: TELEMETRY_DATASOURCE.type, type: 'datasource', name: 'eRacing Telemetry' },
};

describe('DataSourceStore', () => {
  it('provisions the telemetry datasource as the default, even when its plugin is not built', () => {
    const [provisioned] = new DataSourceStore({ telemetryUrl: 'ws://127.0.0.1:8765', mode: 'browser' }, []).list();
    expect(provisioned).toMatchObject({
      uid: 'eracing-telemetry',
      isDefault: true,
      jsonData: { url: 'ws://127.0.0.1:8765' },
    });
  });

  it('adds a datasource of an installed plugin under a new id, and finds it by uid or name', () => {
    const store = new DataSourceStore({ telemetryUrl: 'ws://127.0.0.1:8765', mode: 'browser' }, [plugin]);
    const added = store.add({ name: 'Second', type: plugin.id, uid: 'second', jsonData: { url: 'ws://x' } });
    expect(added).toMatchObject({ id: 2, uid: 'second', typeName: 'eRacing Telemetry', isDefault: false });
    expect(store.find('second')).toBe(added);
    expect(store.find('Second')).toBe(added);
    const generated = store.add({ name: 'Third', type: plugin.id });
    expect(generated.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
  });

  it('makes a new default the only default', () => {
    const store = new DataSourceStore({ telemetryUrl: 'ws://127.0.0.1:8765', mode: 'browser' }, [plugin]);
    store.add({ name: 'Second', type: plugin.id, isDefault: true });
    expect(
      store
        .list()
        .filter((ds) => ds.isDefault)
        .map((ds) => ds.name),
    ).toEqual(['Second']);
  });

  it('refuses a missing or taken name, a taken or malformed uid and a plugin that is not installed', () => {
    const store = new DataSourceStore({ telemetryUrl: 'ws://127.0.0.1:8765', mode: 'browser' }, [plugin]);
    const refusal = (body: object) => {
      try {
        store.add(body);
      } catch (error) {
        return [(error as { status: number }).status, (error as Error).message];
      }
      return undefined;
    };
    expect(refusal({ type: plugin.id })).toEqual([400, 'A data source needs a name']);
    expect(refusal({ name: TELEMETRY_DATASOURCE.name, type: plugin.id })).toEqual([
      409,
      'data source with the same name already exists',
    ]);
    expect(refusal({ name: 'X', type: plugin.id, uid: 'eracing-telemetry' })).toEqual([
      409,
      'data source with the same uid already exists',
    ]);
    expect(refusal({ name: 'X', type: plugin.id, uid: 'no spaces' })?.[0]).toBe(400);
    expect(refusal({ name: 'X', type: 'influxdb' })).toEqual([
      400,
      'No datasource plugin influxdb is installed (built)',
    ]);
  });

  it('removes a datasource by uid', () => {
    const store = new DataSourceStore({ telemetryUrl: 'ws://127.0.0.1:8765', mode: 'browser' }, [plugin]);
    store.add({ name: 'Second', type: plugin.id, uid: 'second' });
    expect(store.remove('second')?.name).toBe('Second');
    expect(store.remove('second')).toBeUndefined();
    expect(store.list().map((ds) => ds.uid)).toEqual(['eracing-telemetry']);
  });
});
