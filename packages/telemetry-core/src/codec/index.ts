export * from './protocol-error';
export * from './json-batch';
export * from './binary-batch';
export * from './messages';
