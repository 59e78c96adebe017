export * from './reader';
export * from './track-outline';
