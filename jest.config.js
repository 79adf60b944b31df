/** One Jest run for the whole workspace: unit specs beside their code, e2e specs that start real NATS. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testMatch: ['**/src/**/*.spec.ts', '**/src/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@polytrader/(platform|persistence)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^@polytrader/(contracts|platform|quant|decision|persistence)$': '<rootDir>/libs/$1/src/index.ts',
    '^@polytrader/simulator$': '<rootDir>/tools/simulator/src/index.ts',
  },
  maxWorkers: 2,
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/tools/test/summary-reporter.js'],
};
