import { Alert, Stack } from '@grafana/ui';
import { useEffect, useReducer } from 'react';

import { loadPlugin, onPluginStatusChange, pluginStatus, servedPlugins } from '../plugins/registry';

/** Loads every plugin the preview serves from its dist/ and shows how each load ended. */
export function PluginsPage() {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const plugins = servedPlugins();
  useEffect(() => onPluginStatusChange(rerender), []);
  useEffect(() => {
    for (const meta of plugins) loadPlugin(meta).catch(() => {}); // failures are shown from pluginStatus
  }, [plugins]);

  return (
    <Stack direction="column" gap={1}>
      <h1 style={{ fontSize: 20, margin: 0 }}>Plugins served from dist/</h1>
      {plugins.length === 0 && <Alert title="No plugin is built">Run npm run build.</Alert>}
      {plugins.map((meta) => {
        const status = pluginStatus.get(meta.id) ?? { state: 'loading' };
        return (
          <div key={meta.id} data-testid={`plugin-status-${meta.id}`} data-state={status.state}>
            <Alert
              severity={status.state === 'failed' ? 'error' : status.state === 'loaded' ? 'success' : 'info'}
              title={`${meta.name} (${meta.id}, ${meta.type}): ${status.state}`}
            >
              {status.state === 'failed' ? status.message : meta.module}
            </Alert>
          </div>
        );
      })}
    </Stack>
  );
}
