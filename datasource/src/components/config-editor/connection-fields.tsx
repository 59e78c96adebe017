/** Who connects to the telemetry server, what that means, and where the server is. */
import { Alert, InlineField, RadioButtonGroup } from '@grafana/ui';

import type { ConnectionMode } from '../../types';
import { serverUrlProblem } from '../../url';
import { LABEL_WIDTH, TextSetting } from './layout';

const MODES: Array<{ label: string; value: ConnectionMode; description: string }> = [
  {
    label: 'Grafana server',
    value: 'server',
    description:
      "Grafana's server connects: Live streams shared by every viewer, expressions, alerting, a secret token",
  },
  {
    label: 'Browser, direct WebSocket',
    value: 'browser',
    description: "Each viewer's browser connects, for telemetry servers Grafana's host cannot reach",
  },
];

export function ConnectionField(props: { mode: ConnectionMode; onChange(mode: ConnectionMode): void }) {
  return (
    <InlineField label="Connection" labelWidth={LABEL_WIDTH} tooltip="Who opens the WebSocket to the telemetry server.">
      <RadioButtonGroup options={MODES} value={props.mode} onChange={props.onChange} />
    </InlineField>
  );
}

export function ConnectionAlert({ mode }: { mode: ConnectionMode }) {
  return mode === 'server' ? (
    <Alert severity="info" title="Grafana's server connects to the telemetry server">
      The server URL must be reachable from Grafana&apos;s host (in Docker compose, the service name, such as
      ws://telemetry:8765). Live panels stream through Grafana Live: one connection to the telemetry server however many
      viewers. Expressions and alerting work. The token is stored encrypted and never sent to browsers.
    </Alert>
  ) : (
    <Alert severity="warning" title="Viewers' browsers connect to the server directly">
      In this mode the browser of each dashboard viewer opens the WebSocket. The server URL must be reachable from the
      viewers&apos; machines (not a Docker-internal host name), and the server must allow this Grafana&apos;s origin.
      Every setting on this page, the token included, is readable by everyone who can view a dashboard that uses this
      datasource: treat the token as a shared read-only password, or use none. Expressions and alerting need the Grafana
      server mode.
    </Alert>
  );
}

export function ServerUrlField(props: { mode: ConnectionMode; url?: string; onChange(url: string): void }) {
  const problem = props.url ? serverUrlProblem(props.url) : undefined;
  return (
    <InlineField
      label="Server URL"
      labelWidth={LABEL_WIDTH}
      tooltip={
        props.mode === 'server'
          ? "WebSocket address of the telemetry server, as seen from Grafana's host."
          : "WebSocket address of the telemetry server, as seen from the viewer's browser."
      }
      invalid={Boolean(problem)}
      error={problem}
    >
      <TextSetting
        id="eracing-server-url"
        placeholder="ws://localhost:8765"
        value={props.url}
        onText={props.onChange}
      />
    </InlineField>
  );
}
