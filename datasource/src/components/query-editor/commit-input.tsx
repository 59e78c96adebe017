import { Input } from '@grafana/ui';
import type { FocusEvent } from 'react';

/** An input that commits on blur, so typing does not run the query on every key; keyed to follow outside changes. */
export function CommitInput(props: {
  id: string;
  value: string;
  placeholder: string;
  width?: number;
  onCommit(text: string): void;
}) {
  const onBlur = (event: FocusEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value.trim();
    if (text !== props.value) props.onCommit(text);
  };
  return (
    <Input
      key={props.value}
      id={props.id}
      width={props.width}
      placeholder={props.placeholder}
      defaultValue={props.value}
      onBlur={onBlur}
    />
  );
}
