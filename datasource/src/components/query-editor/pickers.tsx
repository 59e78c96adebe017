/**
 * Multi-value pickers fed by the session's catalog. Values may be template variables; a value the catalog does not
 * know stays selected and marks the field invalid with a message, so a typo is never dropped silently.
 */
import type { SelectableValue } from '@grafana/data';
import { InlineField, MultiSelect } from '@grafana/ui';

import type { Catalog } from '../../catalog';
import { isVariable, variableNames } from '../../template';
import { EVENT_KINDS, type EventKind } from '../../types';

const LABEL_WIDTH = 14;

interface PickerProps {
  id: string;
  label: string;
  tooltip: string;
  placeholder: string;
  options: Array<SelectableValue<string>>;
  known?: ReadonlySet<string>;
  /** What an unknown value is called in the message: "car", "channel". */
  noun: string;
  value: string[] | undefined;
  onChange(values: string[]): void;
}

function unknownMessage(unknown: string[], noun: string, session: string | undefined): string {
  const where = session ? `session ${session}` : 'the server';
  return unknown.length === 1
    ? `Unknown ${noun}: ${unknown[0]}. There is no ${noun} of that name in ${where}.`
    : `Unknown ${noun}s: ${unknown.join(', ')}. There are none of these in ${where}.`;
}

function Picker(props: PickerProps & { session?: string }) {
  const { id, label, tooltip, placeholder, options, known, noun, value = [], onChange, session } = props;
  const unknown = known ? value.filter((entry) => !known.has(entry) && !isVariable(entry)) : [];
  const variables = variableNames().map((name) => ({ label: name, value: name, description: 'variable' }));
  return (
    <InlineField
      label={label}
      labelWidth={LABEL_WIDTH}
      grow
      tooltip={tooltip}
      invalid={unknown.length > 0}
      error={unknown.length > 0 ? unknownMessage(unknown, noun, session) : undefined}
    >
      <MultiSelect<string>
        inputId={id}
        allowCustomValue
        placeholder={placeholder}
        options={[...options, ...variables]}
        value={value}
        onChange={(selected) => onChange(selected.map((option) => option.value!).filter(Boolean))}
      />
    </InlineField>
  );
}

export function CarPicker(props: {
  refId: string;
  catalog?: Catalog;
  value?: string[];
  onChange(cars: string[]): void;
}) {
  const cars = props.catalog?.session.cars ?? [];
  return (
    <Picker
      id={`eracing-cars-${props.refId}`}
      label="Cars"
      tooltip="Race numbers; empty means every car. Variables work here."
      placeholder="every car"
      noun="car"
      session={props.catalog?.session.id}
      known={props.catalog ? new Set(cars.map((car) => car.id)) : undefined}
      options={cars.map((car) => ({ label: car.id, value: car.id, description: `${car.driver} · ${car.team}` }))}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

export function ChannelPicker(props: {
  refId: string;
  label: string;
  tooltip: string;
  placeholder: string;
  catalog?: Catalog;
  value?: string[];
  onChange(channels: string[]): void;
}) {
  const channels = props.catalog?.session.channels ?? [];
  return (
    <Picker
      id={`eracing-channels-${props.refId}`}
      label={props.label}
      tooltip={props.tooltip}
      placeholder={props.placeholder}
      noun="channel"
      session={props.catalog?.session.id}
      known={props.catalog ? new Set(channels.map((channel) => channel.name)) : undefined}
      options={channels.map((channel) => ({
        label: channel.name,
        value: channel.name,
        description: channel.unit ? `${channel.displayName} · ${channel.unit}` : channel.displayName,
      }))}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

const KIND_LABELS: Record<EventKind, string> = {
  lap: 'Lap completed',
  sector: 'Sector',
  pit_in: 'Pit in',
  pit_out: 'Pit out',
  flag: 'Flag',
};

export function EventKindPicker(props: { refId: string; value?: EventKind[]; onChange(kinds: EventKind[]): void }) {
  return (
    <Picker
      id={`eracing-kinds-${props.refId}`}
      label="Events"
      tooltip="Kinds of race event; empty means all."
      placeholder="every kind"
      noun="event kind"
      known={new Set(EVENT_KINDS)}
      options={EVENT_KINDS.map((kind) => ({ label: KIND_LABELS[kind], value: kind }))}
      value={props.value}
      onChange={(kinds) => props.onChange(kinds as EventKind[])}
    />
  );
}
