/** @jest-environment jsdom */
import { getValueFormats } from '@grafana/data';
import { CHANNELS, UNITS } from '@eracing/telemetry-core/channels';

it('every unit the core maps to is a unit id Grafana knows', () => {
  const known = new Set(getValueFormats().flatMap((category) => category.submenu.map((unit) => unit.value)));
  expect(Object.values(UNITS).filter((id) => !known.has(id))).toEqual([]);
  expect(CHANNELS.filter((channel) => !known.has(channel.grafanaUnit)).map((c) => c.name)).toEqual([]);
});
