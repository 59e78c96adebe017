export * from './time-slip';
export * from './lap-trace';
export * from './reference';
export * from './comparison';
export * from './zone-corners';
