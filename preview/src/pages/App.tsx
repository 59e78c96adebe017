import { config, locationService } from '@grafana/runtime';
import { Badge, GlobalStyles, Stack, TextLink, ThemeContext } from '@grafana/ui';
import { Router } from 'react-router-dom';
import { CompatRouter } from 'react-router-dom-v5-compat';

import { DashboardPage } from '../dashboard/DashboardPage';
import { DataSourceSettingsPage } from '../datasources/DataSourceSettingsPage';
import { DashboardsPage } from './DashboardsPage';
import { useLocation } from './location';
import { PluginsPage } from './PluginsPage';

function Route({ path }: { path: string }) {
  const dashboard = /^\/d\/([^/]+)/.exec(path);
  if (dashboard) return <DashboardPage uid={decodeURIComponent(dashboard[1])} />;
  const datasource = /^\/(?:connections\/)?datasources\/edit\/([^/]+)/.exec(path);
  if (datasource) return <DataSourceSettingsPage uid={decodeURIComponent(datasource[1])} />;
  if (path === '/plugins') return <PluginsPage />;
  return <DashboardsPage />;
}

function TopBar() {
  const { buildInfo, datasources } = config;
  const telemetry = Object.values(datasources)[0];
  return (
    <Stack justifyContent="space-between" alignItems="center">
      <Stack gap={2} alignItems="center">
        <Badge color="orange" icon="exclamation-triangle" text="Preview — not Grafana" data-testid="preview-label" />
        <TextLink href="/dashboards" inline={false}>
          Dashboards
        </TextLink>
        {telemetry && (
          <TextLink href={`/connections/datasources/edit/${telemetry.uid}`} inline={false}>
            Datasource
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
