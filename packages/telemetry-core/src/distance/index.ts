export * from './distance';
export * from './curve';
export * from './ascending-curve';
export * from './resample';
