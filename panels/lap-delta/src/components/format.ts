/** Lap time 1:31.695; seconds under a minute 29.229. */
export function formatLapTime(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return minutes > 0 ? `${minutes}:${rest.toFixed(3).padStart(6, '0')}` : rest.toFixed(3);
}

/** A time difference with its sign, +0.123 or −0.045 (positive: slower). */
export function formatDelta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  const sign = seconds > 0 ? '+' : seconds < 0 ? '−' : '±';
  return `${sign}${Math.abs(seconds).toFixed(3)}`;
}

export function formatMetres(metres: number): string {
  return `${Math.round(metres)} m`;
}
