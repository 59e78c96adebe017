import { Input } from '@grafana/ui';
import type { ChangeEvent, ComponentProps } from 'react';

export const LABEL_WIDTH = 22;
export const INPUT_WIDTH = 48;

/** A text setting: an input that hands on its text as typed, empty when the setting is unset; wide by default. */
export function TextSetting(
  props: Omit<ComponentProps<typeof Input>, 'value' | 'onChange'> & { value?: string; onText(text: string): void },
) {
  const { value, onText, width = INPUT_WIDTH, ...input } = props;
  return (
    <Input
      {...input}
      width={width}
      value={value ?? ''}
      onChange={(event: ChangeEvent<HTMLInputElement>) => onText(event.currentTarget.value)}
    />
  );
}
