import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Alert, InlineField, Input, RadioButtonGroup, SecretInput, Stack } from '@grafana/ui';
import { useEffect, useState, type ChangeEvent } from 'react';

import {
  DEFAULT_LIVE_RATE_HZ,
  DEFAULT_LIVE_SAMPLES_PER_CAR,
  type ConnectionMode,
  type TelemetryOptions,
  type TelemetrySecureOptions,
} from '../../types';
import { serverUrlProblem } from '../../url';

type Props = DataSourcePluginOptionsEditorProps<TelemetryOptions, TelemetrySecureOptions>;
type SessionChoice = 'live' | 'latest' | 'named';

const LABEL_WIDTH = 22;
const INPUT_WIDTH = 48;

const SESSION_CHOICES: Array<{ label: string; value: SessionChoice; description: string }> = [
  { label: 'Live', value: 'live', description: 'The live session, or the newest when none is live' },
  { label: 'Latest', value: 'latest', description: 'The newest session' },
  { label: 'Session id', value: 'named', description: 'One session by its id' },
];

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

function choiceOf(session: string | undefined): SessionChoice {
  if (!session || session === 'live') return 'live';
  return session === 'latest' ? 'latest' : 'named';
}

/** Saved without a mode: browser (as before modes existed), unless it is new (no URL yet), which starts on server. */
function modeOf(jsonData: TelemetryOptions): ConnectionMode {
  if (jsonData.mode) return jsonData.mode;
  return jsonData.url ? 'browser' : 'server';
}

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  const mode = modeOf(jsonData);
  useEffect(() => {
    // A new datasource is saved with the mode it shows.
    if (!jsonData.mode) onOptionsChange({ ...options, jsonData: { ...jsonData, mode } });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when a mode is missing
  }, [jsonData.mode]);
  const [sessionChoice, setSessionChoice] = useState<SessionChoice>(choiceOf(jsonData.defaultSession));
  const update = (changes: Partial<TelemetryOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...changes } });
  const text = (setting: 'url' | 'token' | 'defaultSession') => (event: ChangeEvent<HTMLInputElement>) =>
    update({ [setting]: event.currentTarget.value });
  const positive = (setting: 'liveRateHz' | 'liveSamplesPerCar') => (event: ChangeEvent<HTMLInputElement>) => {
    const value = Number(event.currentTarget.value);
    update({ [setting]: event.currentTarget.value === '' || !(value > 0) ? undefined : value });
  };
  const chooseSession = (choice: SessionChoice) => {
    setSessionChoice(choice);
    update({ defaultSession: choice === 'named' ? '' : choice });
  };
  const urlProblem = jsonData.url ? serverUrlProblem(jsonData.url) : undefined;
  const secret = (token: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...options.secureJsonData, token } });
  const resetSecret = () =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...options.secureJsonFields, token: false },
      secureJsonData: { ...options.secureJsonData, token: '' },
    });

  return (
    <Stack direction="column" gap={1}>
      <InlineField
        label="Connection"
        labelWidth={LABEL_WIDTH}
        tooltip="Who opens the WebSocket to the telemetry server."
      >
        <RadioButtonGroup options={MODES} value={mode} onChange={(next) => update({ mode: next })} />
      </InlineField>
      {mode === 'server' ? (
        <Alert severity="info" title="Grafana's server connects to the telemetry server">
          The server URL must be reachable from Grafana&apos;s host (in Docker compose, the service name, such as
          ws://telemetry:8765). Live panels stream through Grafana Live: one connection to the telemetry server however
          many viewers. Expressions and alerting work. The token is stored encrypted and never sent to browsers.
        </Alert>
      ) : (
        <Alert severity="warning" title="Viewers' browsers connect to the server directly">
          In this mode the browser of each dashboard viewer opens the WebSocket. The server URL must be reachable from
          the viewers&apos; machines (not a Docker-internal host name), and the server must allow this Grafana&apos;s
          origin. Every setting on this page, the token included, is readable by everyone who can view a dashboard that
          uses this datasource: treat the token as a shared read-only password, or use none. Expressions and alerting
          need the Grafana server mode.
        </Alert>
      )}
      <InlineField
        label="Server URL"
        labelWidth={LABEL_WIDTH}
        tooltip={
          mode === 'server'
            ? "WebSocket address of the telemetry server, as seen from Grafana's host."
            : "WebSocket address of the telemetry server, as seen from the viewer's browser."
        }
        invalid={Boolean(urlProblem)}
        error={urlProblem}
      >
        <Input
          id="eracing-server-url"
          width={INPUT_WIDTH}
          placeholder="ws://localhost:8765"
          value={jsonData.url ?? ''}
          onChange={text('url')}
        />
      </InlineField>
      {mode === 'server' ? (
        <InlineField label="Token" labelWidth={LABEL_WIDTH} tooltip="Sent in the hello by Grafana's server. Secret.">
          <SecretInput
            id="eracing-token"
            width={INPUT_WIDTH}
            placeholder="optional"
            isConfigured={Boolean(options.secureJsonFields?.token)}
            value={options.secureJsonData?.token ?? ''}
            onReset={resetSecret}
            onChange={(event: ChangeEvent<HTMLInputElement>) => secret(event.currentTarget.value)}
          />
        </InlineField>
      ) : (
        <InlineField label="Token" labelWidth={LABEL_WIDTH} tooltip="Sent in the hello. Readable by dashboard viewers.">
          <Input
            id="eracing-token"
            type="password"
            autoComplete="off"
            width={INPUT_WIDTH}
            placeholder="optional"
            value={jsonData.token ?? ''}
            onChange={text('token')}
          />
        </InlineField>
      )}
      <InlineField label="Default session" labelWidth={LABEL_WIDTH} tooltip="Read by queries that name no session.">
        <Stack direction="row" gap={1}>
          <RadioButtonGroup options={SESSION_CHOICES} value={sessionChoice} onChange={chooseSession} />
          {sessionChoice === 'named' && (
            <Input
              id="eracing-default-session"
              aria-label="Default session id"
              width={24}
              placeholder="session id"
              value={jsonData.defaultSession ?? ''}
              onChange={text('defaultSession')}
            />
          )}
        </Stack>
      </InlineField>
      <InlineField
        label="Live updates per second"
        labelWidth={LABEL_WIDTH}
        tooltip="Most times a live panel redraws per second, however fast data arrives."
      >
        <Input
          id="eracing-live-rate"
          type="number"
          min={1}
          width={12}
          placeholder={String(DEFAULT_LIVE_RATE_HZ)}
          value={jsonData.liveRateHz ?? ''}
          onChange={positive('liveRateHz')}
        />
      </InlineField>
      <InlineField
        label="Live samples per car"
        labelWidth={LABEL_WIDTH}
        tooltip="Most samples a live query keeps per car. A longer time range is thinned to fit, keeping whole samples."
      >
        <Input
          id="eracing-live-samples"
          type="number"
          min={100}
          width={12}
          placeholder={String(DEFAULT_LIVE_SAMPLES_PER_CAR)}
          value={jsonData.liveSamplesPerCar ?? ''}
          onChange={positive('liveSamplesPerCar')}
        />
      </InlineField>
    </Stack>
  );
}
