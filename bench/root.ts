import path from 'node:path';

/** The repository root. `npm run bench` runs a bundle from node_modules/.cache, so it says where the root is. */
export const ROOT = process.env.ERACING_ROOT ?? path.resolve(__dirname, '..');
