export * from './units';
export * from './wheels';
export * from './known-channels';
export * from './colours';
export * from './hitches';
export * from './samples';
