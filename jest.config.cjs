// One jest run for the whole monorepo. Three tiers, selected with --selectProjects:
//   unit        *.spec.ts      pure, no infrastructure
//   integration *.int-spec.ts  real PostgreSQL and Kafka, one service at a time
//   e2e         *.e2e-spec.ts  the running stack
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/libs', '<rootDir>/packages', '<rootDir>/services', '<rootDir>/tools'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.int-spec.ts'],
      slowTestThreshold: 30,
      testTimeout: 60_000,
    },
    { ...common, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'], slowTestThreshold: 60, testTimeout: 120_000 },
  ],
};
