/** The session read by queries that name none: live, latest, or one session by its id. */
import { InlineField, RadioButtonGroup, Stack } from '@grafana/ui';
import { useState } from 'react';

import { LABEL_WIDTH, TextSetting } from './layout';
import { defaultSessionOf, sessionChoiceOf, type SessionChoice } from './settings-rules';

const SESSION_CHOICES: Array<{ label: string; value: SessionChoice; description: string }> = [
  { label: 'Live', value: 'live', description: 'The live session, or the newest when none is live' },
  { label: 'Latest', value: 'latest', description: 'The newest session' },
  { label: 'Session id', value: 'named', description: 'One session by its id' },
];

export function DefaultSessionField(props: { session?: string; onChange(session: string): void }) {
  const [choice, setChoice] = useState<SessionChoice>(sessionChoiceOf(props.session));
  const choose = (next: SessionChoice) => {
    setChoice(next);
    props.onChange(defaultSessionOf(next));
  };
  return (
    <InlineField label="Default session" labelWidth={LABEL_WIDTH} tooltip="Read by queries that name no session.">
      <Stack direction="row" gap={1}>
        <RadioButtonGroup options={SESSION_CHOICES} value={choice} onChange={choose} />
        {choice === 'named' && (
          <TextSetting
            id="eracing-default-session"
            aria-label="Default session id"
            width={24}
            placeholder="session id"
            value={props.session}
            onText={props.onChange}
          />
        )}
      </Stack>
    </InlineField>
  );
}
