export * from './colour-buckets';
