export * from './live-ticks';
