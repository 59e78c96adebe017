/** The car view's model at one moment: per wheel and zone the value's text, colour and window state, all primitives. */
import {
  indexAtOrBefore,
  TYRE_ZONES,
  valueAtOrBefore,
  WHEEL_SHORT_NAMES,
  WHEELS,
  type TyreZone,
  type Wheel,
} from '@eracing/telemetry-core/channels';
import {
  TYRE_NAMING_PRESETS,
  windowState,
  type TyreChannelMap,
  type TyreMappingResult,
  type WindowState,
} from '@eracing/telemetry-core/tyres';
import type { Field, GrafanaTheme2 } from '@grafana/data';

import { fieldWindow, showValue } from './display';
import type { CarTelemetry } from './frames';
import { mappedZones } from './zones';

export interface ZoneState {
  zone: TyreZone;
  text: string;
  colour: string;
  state: WindowState;
}

export interface WheelState {
  wheel: Wheel;
  /** The zones with data, inner to outer. */
  zones: ZoneState[];
  pressure?: string;
  brake?: string;
  core?: string;
}

export interface CarState {
  wheels: WheelState[];
  /** Time of the sample shown, epoch ms; undefined when there is none. */
  time?: number;
}

export interface CarStateOptions {
  /** Epoch ms to show; undefined: the latest sample. */
  at?: number;
  showPressure: boolean;
  showBrake: boolean;
  showCore: boolean;
}

/** The state of the mapped channels at the last sample at or before `at` (binary search), or at the latest. */
export function carStateAt(
  telemetry: CarTelemetry,
  channels: TyreChannelMap,
  theme: GrafanaTheme2,
  options: CarStateOptions,
): CarState {
  const time = telemetry.time.values as ArrayLike<number>;
  const index = options.at === undefined ? time.length - 1 : indexAtOrBefore(time, options.at);
  const read = (name: string | undefined) => {
    const field = name === undefined ? undefined : telemetry.fields.get(name);
    return field ? { field, value: valueAtOrBefore(time, field.values as ArrayLike<number>, index) } : undefined;
  };
  const extra = (name: string | undefined, shown: boolean) => {
    const found = shown ? read(name) : undefined;
    return found && showValue(found.field, found.value, theme).text;
  };
  const wheels = WHEELS.map((wheel): WheelState => {
    const map = channels[wheel];
    const zones: ZoneState[] = [];
    for (const zone of TYRE_ZONES) {
      const found = read(map.zones[zone]);
      if (!found) continue;
      const shown = showValue(found.field, found.value, theme);
      zones.push({ zone, ...shown, state: windowState(found.value, fieldWindow(found.field, theme)) });
    }
    const state: WheelState = { wheel, zones };
    const pressure = extra(map.pressure, options.showPressure);
    const brake = extra(map.brake, options.showBrake);
    const core = extra(map.core, options.showCore);
    if (pressure !== undefined) state.pressure = pressure;
    if (brake !== undefined) state.brake = brake;
    if (core !== undefined) state.core = core;
    return state;
  });
  return { wheels, time: index >= 0 ? time[index] : undefined };
}

/** The field of the first zone with data, front left inner first: the one the temperature legend shows. */
export function firstZoneField(telemetry: CarTelemetry, channels: TyreChannelMap): Field | undefined {
  for (const { name } of mappedZones(channels)) {
    const field = telemetry.fields.get(name);
    if (field) return field;
  }
  return undefined;
}

/**
 * The notice when core temperature is to be shown and the telemetry has none for some wheel: which wheels, and the
 * names looked for. Undefined when every wheel has it.
 */
export function missingCoreNotice(telemetry: CarTelemetry, mapping: TyreMappingResult): string | undefined {
  const naming = mapping.preset ?? TYRE_NAMING_PRESETS[0];
  const missing = WHEELS.filter((wheel) => {
    const name = mapping.channels[wheel].core;
    return name === undefined || !telemetry.fields.has(name);
  });
  if (missing.length === 0) return undefined;
  const names = missing.map((wheel) => mapping.channels[wheel].core ?? naming.extras.core?.(wheel)).filter(Boolean);
  // Short enough for two lines of a car view a third of the dashboard wide.
  const lookedFor =
    names.length === 0
      ? 'none in the data.'
      : names.length === 1
        ? `${names[0]} is not in the data.`
        : `${names.length > 2 ? `${names[0]} to ${names.at(-1)}` : names.join(' and ')} are not in the data.`;
  const where =
    missing.length === WHEELS.length ? '' : ` for ${missing.map((wheel) => WHEEL_SHORT_NAMES[wheel]).join(', ')}`;
  return `No core temperature${where} in this session: ${lookedFor} Turn it off or map the fields in the panel options.`;
}
