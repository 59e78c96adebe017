// One Jest config for the whole repo. Node by default; React tests opt into jsdom with a docblock:
//   /** @jest-environment jsdom */
const esmPackages = [
  '@grafana/schema',
  'd3',
  'd3-[a-z-]+',
  'internmap',
  'delaunator',
  'robust-predicates',
  'marked',
  'ol',
  'rxjs',
  'uuid',
  'react-calendar',
  'react-colorful',
  '@wojtekmaj/date-utils',
  'get-user-locale',
  'memoize',
  'mimic-function',
  'apache-arrow',
  'flatbuffers',
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/datasource', '<rootDir>/panels', '<rootDir>/test', '<rootDir>/bench'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } } }],
    '^.+\\.mjs$': ['@swc/jest'],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^react-inlinesvg$': '<rootDir>/test/mocks/react-inlinesvg.tsx',
    '\\.(css|scss|svg|png)$': '<rootDir>/test/mocks/file.cjs',
  },
  setupFiles: ['<rootDir>/test/setup.cjs'],
  testTimeout: 30000,
};
