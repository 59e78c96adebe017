/** The view is built in ../model; this path stays while test/real-log-delta.test.ts, outside the panel, imports it. */
export { buildView } from '../model/lap-view';
export type { LapDeltaView } from '../model/types';
