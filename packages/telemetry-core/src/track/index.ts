export * from './projection';
export * from './dropouts';
export * from './nearest';
export * from './thinning';
export * from './view';
export * from './motion';
export * from './colour-buckets';
