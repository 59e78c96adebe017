export * from './model';
export * from './batch';
export * from './version';
export * from './errors';
export * from './requests';
export * from './responses';
