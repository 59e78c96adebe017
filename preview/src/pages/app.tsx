import { config, locationService } from '@grafana/runtime';
import { Badge, GlobalStyles, Stack, TextLink, ThemeContext } from '@grafana/ui';
import { Router } from 'react-router-dom';
import { CompatRouter } from 'react-router-dom-v5-compat';

import { DashboardPage } from '../dashboard/dashboard-page';
import { DataSourceSettingsPage } from '../datasources/data-source-settings-page';
import { DashboardsPage } from './dashboards-page';
import { DataSourcesPage } from './data-sources-page';
import { ImportDashboardPage } from './import-dashboard-page';
import { useLocation } from './location';
import { PluginsPage } from './plugins-page';

function Route({ path }: { path: string }) {
  const dashboard = /^\/d\/([^/]+)/.exec(path);
  if (dashboard) return <DashboardPage uid={decodeURIComponent(dashboard[1])} />;
  const datasource = /^\/(?:connections\/)?datasources\/edit\/([^/]+)(\/dashboards)?/.exec(path);
  if (datasource) {
    const uid = decodeURIComponent(datasource[1]);
    return <DataSourceSettingsPage key={uid} uid={uid} tab={datasource[2] ? 'dashboards' : 'settings'} />;
  }
  if (/^\/(?:connections\/)?datasources\/?$/.test(path)) return <DataSourcesPage />;
  if (path === '/dashboard/import') return <ImportDashboardPage />;
  if (path === '/plugins') return <PluginsPage />;
  return <DashboardsPage />;
}

function TopBar() {
  const { buildInfo, datasources } = config;
  const all = Object.values(datasources);
  return (
    <Stack justifyContent="space-between" alignItems="center">
      <Stack gap={2} alignItems="center">
        <Badge color="orange" icon="exclamation-triangle" text="Preview — not Grafana" data-testid="preview-label" />
        <TextLink href="/dashboards" inline={false}>
          Dashboards
        </TextLink>
        {all.length === 1 ? (
          <TextLink href={`/connections/datasources/edit/${all[0].uid}`} inline={false}>
            Datasource
          </TextLink>
        ) : (
          <TextLink href="/connections/datasources" inline={false}>
            Datasources
          </TextLink>
        )}
        <TextLink href="/plugins" inline={false}>
          Plugins
        </TextLink>
      </Stack>
      <span style={{ opacity: 0.6, fontSize: 12 }}>
        @grafana/* {buildInfo.version} packages · the real thing is Grafana itself (see compose/)
      </span>
    </Stack>
  );
}

export function App() {
  const location = useLocation();
  // Grafana renders everything inside a router on locationService's history; @grafana/ui's links need it.
  return (
    <ThemeContext.Provider value={config.theme2}>
      <Router history={locationService.getHistory()}>
        <CompatRouter>
          <GlobalStyles />
          <div
            style={{
              padding: 16,
              display: 'flex',
              flexDirection: 'column',
              gap: 16,
              minHeight: '100%',
              boxSizing: 'border-box',
            }}
          >
            <TopBar />
            <Route path={location.pathname} />
          </div>
        </CompatRouter>
      </Router>
    </ThemeContext.Provider>
  );
}
