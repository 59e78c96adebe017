/** Converting a logger's units to the canonical unit of each channel. */
import { pressureToBar, type Unit } from '@eracing/telemetry-core/channels';

type Convert = (value: number) => number;

const same: Convert = (v) => v;
const scale =
  (k: number): Convert =>
  (v) =>
    v * k;

/** For each canonical unit, the units a source may log it in. Names are matched without regard to case. */
const CONVERSIONS: Partial<Record<Unit, Record<string, Convert>>> = {
  'km/h': {
    'km/h': same,
    kph: same,
    kmh: same,
    'm/s': scale(3.6),
    mph: scale(1.609344),
    kn: scale(1.852),
    kt: scale(1.852),
  },
  m: { m: same, km: scale(1000), mm: scale(0.001), ft: scale(0.3048), mi: scale(1609.344) },
  km: { km: same, m: scale(0.001), mi: scale(1.609344) },
  '°C': {
    '°c': same,
    c: same,
    degc: same,
    celsius: same,
    '°f': (v) => ((v - 32) * 5) / 9,
    f: (v) => ((v - 32) * 5) / 9,
    degf: (v) => ((v - 32) * 5) / 9,
    fahrenheit: (v) => ((v - 32) * 5) / 9,
    k: (v) => v - 273.15,
    kelvin: (v) => v - 273.15,
  },
  bar: {
    bar: same,
    kpa: (v) => pressureToBar(v, 'kPa'),
    psi: (v) => pressureToBar(v, 'psi'),
    mbar: scale(0.001),
    pa: scale(1e-5),
    atm: scale(1.01325),
  },
  '%': { '%': same, percent: same, fraction: scale(100), ratio: scale(100) },
  rpm: { rpm: same, 'rad/s': scale(60 / (2 * Math.PI)), hz: scale(60) },
  g: { g: same, 'm/s2': scale(1 / 9.80665), 'm/s²': scale(1 / 9.80665) },
  V: { v: same, mv: scale(0.001), kv: scale(1000) },
  A: { a: same, ma: scale(0.001), ka: scale(1000) },
  kW: { kw: same, w: scale(0.001), mw: scale(1000) },
  kWh: { kwh: same, wh: scale(0.001), mj: scale(1 / 3.6), kj: scale(1 / 3600), j: scale(1 / 3.6e6) },
  deg: { deg: same, '°': same, degrees: same, rad: scale(180 / Math.PI) },
  rad: { rad: same, deg: scale(Math.PI / 180), '°': scale(Math.PI / 180) },
  s: { s: same, ms: scale(0.001), min: scale(60) },
  ms: { ms: same, s: scale(1000) },
  '': { '': same, none: same },
};

/** The source units accepted for a canonical unit, for messages. */
export function acceptedUnits(canonical: Unit): string[] {
  return Object.keys(CONVERSIONS[canonical] ?? { [canonical]: same });
}

/**
 * The conversion from `from` to the canonical unit `to`; undefined when there is none. A missing `from` means the
 * column is already in the canonical unit.
 */
export function unitConversion(from: string | undefined, to: Unit): Convert | undefined {
  if (from === undefined || from === to) return same;
  const table = CONVERSIONS[to];
  return table?.[from.trim().toLowerCase()];
}
