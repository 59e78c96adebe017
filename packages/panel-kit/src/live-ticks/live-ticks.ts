/**
 * In live mode Grafana renders every panel about ten times a second with the time range moved on, whether or not its
 * data changed (Scenes' LiveNowTimer force-renders each panel every 100 ms). A panel that draws its data against
 * axes of its own (the track map, the tyre heatmap, the lap delta) never reads the time range, so those renders only
 * repeat the last one. As the comparison of `React.memo`, this lets such a panel skip them: any other prop that
 * changes (data, options, field config, size, callbacks) still renders it at once.
 */
const LIVE_TICK_PROPS: ReadonlySet<string> = new Set(['timeRange', 'renderCounter']);

export function sameButLiveTime<P extends object>(previous: Readonly<P>, next: Readonly<P>): boolean {
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  for (const key in after) if (!LIVE_TICK_PROPS.has(key) && before[key] !== after[key]) return false;
  for (const key in before) if (!(key in after)) return false;
  return true;
}
