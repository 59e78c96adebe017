export * from './throttle';
export * from './use-paced';
