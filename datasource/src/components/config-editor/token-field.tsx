/**
 * The token sent in the hello. In server mode it is a secret (secureJsonData) only Grafana's server reads; in
 * browser mode it is a setting every viewer can read.
 */
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { InlineField, SecretInput } from '@grafana/ui';
import type { ChangeEvent } from 'react';

import type { ConnectionMode, TelemetryOptions, TelemetrySecureOptions } from '../../types';
import { INPUT_WIDTH, LABEL_WIDTH, TextSetting } from './layout';

type Props = DataSourcePluginOptionsEditorProps<TelemetryOptions, TelemetrySecureOptions>;

function SecretTokenField({ options, onOptionsChange }: Props) {
  const write = (token: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...options.secureJsonData, token } });
  const reset = () =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...options.secureJsonFields, token: false },
      secureJsonData: { ...options.secureJsonData, token: '' },
    });
  return (
    <InlineField label="Token" labelWidth={LABEL_WIDTH} tooltip="Sent in the hello by Grafana's server. Secret.">
      <SecretInput
        id="eracing-token"
        width={INPUT_WIDTH}
        placeholder="optional"
        isConfigured={Boolean(options.secureJsonFields?.token)}
        value={options.secureJsonData?.token ?? ''}
        onReset={reset}
        onChange={(event: ChangeEvent<HTMLInputElement>) => write(event.currentTarget.value)}
      />
    </InlineField>
  );
}

function ViewerTokenField(props: { token?: string; onChange(token: string): void }) {
  return (
    <InlineField label="Token" labelWidth={LABEL_WIDTH} tooltip="Sent in the hello. Readable by dashboard viewers.">
      <TextSetting
        id="eracing-token"
        type="password"
        autoComplete="off"
        placeholder="optional"
        value={props.token}
        onText={props.onChange}
      />
    </InlineField>
  );
}

export function TokenField(props: Props & { mode: ConnectionMode; onViewerTokenChange(token: string): void }) {
  const { mode, onViewerTokenChange, ...editor } = props;
  return mode === 'server' ? (
    <SecretTokenField {...editor} />
  ) : (
    <ViewerTokenField token={editor.options.jsonData.token} onChange={onViewerTokenChange} />
  );
}
