export * from './mapping';
export * from './columns';
export * from './window';
