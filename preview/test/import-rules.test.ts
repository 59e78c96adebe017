// The rules of the import page and of a datasource's Dashboards and Settings tabs: what they show and send.
import type { DataSourceInstanceSettings, DataSourceSettings } from '@grafana/data';

import type { PluginDashboard } from '../server/dashboard-import';
import type { DashboardInput } from '../src/dashboard/requirements';
import { dashboardKey, importAgainText, importRequest, revisionText } from '../src/datasources/plugin-dashboards';
import { errorMessage } from '../src/datasources/request-error';
import { detailsText, instanceSettings, severity } from '../src/datasources/test-result';
import { dashboardImportRequest, initialInputValues } from '../src/pages/import-request';

const included = (extra: Partial<PluginDashboard>): PluginDashboard => ({
  uid: 'eracing-live-session',
  pluginId: 'eracing-telemetry-datasource',
  title: 'Live session',
  imported: false,
  importedUri: '',
  importedUrl: '',
  slug: '',
  dashboardId: 0,
  folderId: 0,
  importedRevision: 0,
  revision: 3,
  description: '',
  path: 'dashboards/live-session.json',
  removed: false,
  ...extra,
});

describe('included dashboards', () => {
  it.each([
    [{}, 'revision 3'],
    [{ imported: true, importedRevision: 3 }, 'revision 3, imported'],
    [{ imported: true, importedRevision: 2 }, 'revision 3 packaged, revision 2 imported'],
    [{ imported: true, removed: true, importedRevision: 2 }, 'no longer in the plugin; imported revision 2'],
  ])('%j says %s', (extra, text) => {
    expect(revisionText(included(extra))).toBe(text);
  });

  it.each([
    [2, 'Update'],
    [3, 'Re-import'],
  ])('an imported revision %d is imported again with %s', (importedRevision, text) => {
    expect(importAgainText(included({ imported: true, importedRevision }))).toBe(text);
  });

  it('keys a row by uid, or by path before the dashboard has one', () => {
    expect(dashboardKey(included({}))).toBe('eracing-live-session');
    expect(dashboardKey(included({ uid: '' }))).toBe('dashboards/live-session.json');
  });

  it("binds the import to this datasource with one '*' input", () => {
    const settings = { type: 'eracing-telemetry-datasource', name: 'Second' };
    expect(importRequest(included({}), settings, true)).toEqual({
      pluginId: 'eracing-telemetry-datasource',
      path: 'dashboards/live-session.json',
      overwrite: true,
      inputs: [{ name: '*', type: 'datasource', pluginId: 'eracing-telemetry-datasource', value: 'Second' }],
    });
  });
});

describe('import page', () => {
  const input = (extra: Partial<DashboardInput>): DashboardInput => ({
    name: 'DS_ERACING',
    label: 'eRacing',
    description: '',
    type: 'datasource',
    pluginId: 'eracing-telemetry-datasource',
    pluginName: 'eRacing Telemetry',
    value: '',
    ...extra,
  });
  const inputs = [
    input({}),
    input({ name: 'DS_OTHER', pluginId: 'other' }),
    input({ name: 'VAR_LAPS', type: 'constant', pluginId: '', value: '10' }),
  ];

  it('fills a datasource input with the default of its plugin, else the first, and a constant with its default', () => {
    const choices: Record<string, Array<{ uid: string; isDefault?: boolean }>> = {
      'eracing-telemetry-datasource': [{ uid: 'a' }, { uid: 'b', isDefault: true }],
      other: [{ uid: 'c' }, { uid: 'd' }],
    };
    expect(initialInputValues(inputs, (pluginId) => choices[pluginId] ?? [])).toEqual({
      DS_ERACING: 'b',
      DS_OTHER: 'c',
      VAR_LAPS: '10',
    });
    expect(initialInputValues(inputs, () => [])).toEqual({ VAR_LAPS: '10' });
  });

  it("posts the dashboard with the form's name and uid, and each input's value", () => {
    const form = { title: 'Mine', uid: 'mine', values: { DS_ERACING: 'b', DS_OTHER: 'c', VAR_LAPS: '12' } };
    expect(dashboardImportRequest({ title: 'Theirs', uid: 'theirs', panels: [] }, inputs, form, false)).toEqual({
      dashboard: { title: 'Mine', uid: 'mine', panels: [] },
      overwrite: false,
      inputs: [
        { name: 'DS_ERACING', type: 'datasource', pluginId: 'eracing-telemetry-datasource', value: 'b' },
        { name: 'DS_OTHER', type: 'datasource', pluginId: 'other', value: 'c' },
        { name: 'VAR_LAPS', type: 'constant', pluginId: undefined, value: '12' },
      ],
      folderUid: '',
    });
  });

  it.each([
    [{ data: { message: 'Dashboard exists' }, message: 'HTTP 412' }, 'Dashboard exists'],
    [{ message: 'HTTP 500' }, 'HTTP 500'],
    ['offline', 'offline'],
  ])('names a failed request %j by %s', (error, message) => {
    expect(errorMessage(error)).toBe(message);
  });
});

describe('Save & test', () => {
  it.each([
    ['success', 'success'],
    ['warning', 'warning'],
    ['info', 'info'],
    ['error', 'error'],
    ['fail', 'error'],
  ])('shows status %s as %s', (status, shown) => {
    expect(severity(status)).toBe(shown);
  });

  it.each([
    [undefined, undefined],
    ['plain', 'plain'],
    [{ message: 'short' }, 'short'],
    [{ message: 'short', verboseMessage: 'long' }, 'long'],
  ])('shows details %j as %s', (details, text) => {
    expect(detailsText(details)).toBe(text);
  });

  it('rebuilds boot data from the saved settings and keeps the rest', () => {
    const previous = { uid: 'x', name: 'Old', url: '', jsonData: {}, isDefault: false, meta: { id: 'p' } };
    const saved = { name: 'New', url: 'u', jsonData: { url: 'ws://y' }, isDefault: true };
    expect(
      instanceSettings(saved as unknown as DataSourceSettings, previous as unknown as DataSourceInstanceSettings),
    ).toEqual({ ...previous, ...saved });
  });
});
