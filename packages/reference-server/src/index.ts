export * from './source';
export { startServer, SERVER_VERSION } from './server/server';
export type { ServerOptions, RunningServer, SlowClientLimits } from './server/options';
export { DEFAULT_SLOW_CLIENT, HARD_MAX_PAYLOAD, CAPABILITIES } from './server/limits';
export { minMaxRows } from './server/decimation';
export * from './simulator';
export * from './recording';
