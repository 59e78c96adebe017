export * from './projection';
export * from './dropouts';
export * from './nearest';
export * from './thinning';
