/** Times and spans in notices, in the viewer's local time. */
const two = (n: number) => String(n).padStart(2, '0');

/** `14:03:07` */
export function formatClock(time: number): string {
  const date = new Date(time);
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** `850 ms`, `12.3 s`, `2 min 6 s`, `1 h 2 min` */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `14:03:07–14:05:13 (2 min 6 s)` */
export function describeSpan(from: number, to: number): string {
  return `${formatClock(from)}–${formatClock(to)} (${formatDuration(to - from)})`;
}
