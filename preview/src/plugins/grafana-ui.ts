/**
 * @grafana/ui as Grafana hands it to plugins: the package, plus the plugin base classes that moved to
 * @grafana/data in Grafana 6.5 and are still reachable from @grafana/ui for old plugins.
 */
import { AppPlugin, DataSourceApi, DataSourcePlugin, PanelPlugin } from '@grafana/data';
import * as ui from '@grafana/ui';

export const grafanaUI: Record<string, unknown> = { ...ui, PanelPlugin, DataSourcePlugin, AppPlugin, DataSourceApi };
