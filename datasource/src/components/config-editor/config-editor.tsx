/** The datasource's settings page: connection mode, server URL, token, default session and live limits. */
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Stack } from '@grafana/ui';
import { useEffect } from 'react';

import type { TelemetryOptions, TelemetrySecureOptions } from '../../types';
import { ConnectionAlert, ConnectionField, ServerUrlField } from './connection-fields';
import { DefaultSessionField } from './default-session-field';
import { LiveLimitFields } from './live-limits';
import { connectionModeOf } from './settings-rules';
import { TokenField } from './token-field';

type Props = DataSourcePluginOptionsEditorProps<TelemetryOptions, TelemetrySecureOptions>;

export function ConfigEditor(props: Props) {
  const { options, onOptionsChange } = props;
  const { jsonData } = options;
  const mode = connectionModeOf(jsonData);
  useEffect(() => {
    // A new datasource is saved with the mode it shows.
    if (!jsonData.mode) onOptionsChange({ ...options, jsonData: { ...jsonData, mode } });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when a mode is missing
  }, [jsonData.mode]);
  const update = (changes: Partial<TelemetryOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...changes } });

  return (
    <Stack direction="column" gap={1}>
      <ConnectionField mode={mode} onChange={(next) => update({ mode: next })} />
      <ConnectionAlert mode={mode} />
      <ServerUrlField mode={mode} url={jsonData.url} onChange={(url) => update({ url })} />
      <TokenField {...props} mode={mode} onViewerTokenChange={(token) => update({ token })} />
      <DefaultSessionField
        session={jsonData.defaultSession}
        onChange={(session) => update({ defaultSession: session })}
      />
      <LiveLimitFields jsonData={jsonData} onChange={update} />
    </Stack>
  );
}
