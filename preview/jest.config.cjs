// The preview host's unit tests: the root Jest setup, over preview/ only (`npx jest -c preview/jest.config.cjs`).
const path = require('node:path');
const root = require('../jest.config.cjs');

module.exports = {
  ...root,
  rootDir: path.resolve(__dirname, '..'),
  roots: ['<rootDir>/preview'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/compat/'],
};
