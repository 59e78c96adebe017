/**
 * The suite's one way to write a lap or sector time: rounded to the millisecond, `1:31.695`, `31.695`,
 * `1:02:03.456`. The laps frame carries the same milliseconds ({@link lapTimeMs}), so Grafana's own table shows
 * the same digits.
 */

/** Seconds as whole milliseconds, rounded half up: the value every lap time is shown and compared by. */
export function lapTimeMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** A lap or sector time as engineers write it; `–` when there is none. */
export function formatLapTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const ms = lapTimeMs(seconds);
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor(abs / 60_000) % 60;
  const rest = ((abs % 60_000) / 1000).toFixed(3);
  if (hours > 0) return `${sign}${hours}:${String(minutes).padStart(2, '0')}:${rest.padStart(6, '0')}`;
  if (minutes > 0) return `${sign}${minutes}:${rest.padStart(6, '0')}`;
  return `${sign}${rest}`;
}

/**
 * The difference of two lap or sector times as the engineer reads them: the difference of the two shown
 * milliseconds, so that `1:20.356` against `1:20.000` is always `+0.356`, never `+0.355`.
 */
export function lapTimeDelta(time: number, reference: number): number {
  return (lapTimeMs(time) - lapTimeMs(reference)) / 1000;
}

/** A time difference with its sign, `+0.123` slower, `−0.045` faster, `±0.000`; `–` when there is none. */
export function formatTimeDelta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const ms = lapTimeMs(seconds);
  const sign = ms > 0 ? '+' : ms < 0 ? '−' : '±';
  return `${sign}${formatLapTime(Math.abs(ms) / 1000)}`;
}
