/** Physical units used by telemetry channels, and the Grafana unit id each maps to. */
export const UNITS = {
  'km/h': 'velocitykmh',
  'm/s': 'velocityms',
  m: 'lengthm',
  km: 'lengthkm',
  '°C': 'celsius',
  bar: 'pressurebar',
  kPa: 'pressurekpa',
  psi: 'pressurepsi',
  '%': 'percent',
  rpm: 'rotrpm',
  g: 'accG',
  V: 'volt',
  A: 'amp',
  kW: 'kwatt',
  kWh: 'kwatth',
  rad: 'radian',
  deg: 'degree',
  s: 's',
  ms: 'ms',
  '': 'none',
} as const;

export type Unit = keyof typeof UNITS;

export function grafanaUnit(unit: string): string {
  return (UNITS as Record<string, string>)[unit] ?? 'none';
}

/** Converts a pressure to bar from bar, kPa or psi. */
export function pressureToBar(value: number, unit: 'bar' | 'kPa' | 'psi'): number {
  if (unit === 'kPa') return value / 100;
  if (unit === 'psi') return value * 0.0689475729;
  return value;
}
