export * from './fastf1-delta';
export * from './speed-distance';
