export * from './distance';
export * from './curve';
export * from './resample';
