// One jest run for the whole workspace. Workspace packages are mapped to their sources so
// tests need no build step; type checking happens separately in `pnpm typecheck`.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  moduleNameMapper: {
    '^@skills-passport/core$': '<rootDir>/packages/core/src/index.ts',
    '^@skills-passport/core/full-esco$': '<rootDir>/packages/core/src/taxonomy/load-full-esco.ts',
    '^@skills-passport/service-kit$': '<rootDir>/packages/service-kit/src/index.ts',
    '^@skills-passport/service-kit/testing$': '<rootDir>/packages/service-kit/src/testing/index.ts',
    '^@skills-passport/(issuer|verifier)$': '<rootDir>/packages/$1/src/index.ts',
    '^@skills-passport/(issuer|verifier|wallet-web)/testing$':
      '<rootDir>/packages/$1/src/test-support/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/packages/*/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // A test that fails half-way may leave a server or browser behind; CI must still finish.
  forceExit: true,
  // Tests and hooks without a timeout of their own: starting a service in a beforeAll takes well
  // under a second alone, yet more than jest's 5 s default on two busy cores.
  testTimeout: 30_000,
  // Modules loaded under --experimental-vm-modules are not all let go between test files: one worker
  // running every file grew past node's 4 GB heap near the end of a full run and died. A worker
  // holding more than this once a file is done is replaced by a fresh one.
  workerIdleMemoryLimit: '1.5GB',
};
