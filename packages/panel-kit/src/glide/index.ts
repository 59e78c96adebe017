export * from './glide';
