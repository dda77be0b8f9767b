/**
 * One Jest run, several projects: `--selectProjects` picks which (see package.json scripts).
 * ESM throughout: run through `node --experimental-vm-modules` (NestJS 12 is ESM-only).
 */
const swcServer = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];
const swcClient = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];
const esm = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: {
    '^@sidang/shared$': '<rootDir>/shared/src/index.ts',
    '^@sidang/shared/constants$': '<rootDir>/shared/src/constants.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

/**
 * Suites repeated on the embedded store. Multi-instance specs (scale-out) stay on PostgreSQL:
 * the embedded store is one process.
 */
function embedded(displayName, testMatch) {
  return {
    displayName,
    rootDir: '.',
    testEnvironment: 'node',
    testMatch,
    setupFilesAfterEnv: ['<rootDir>/test/support/embedded-store-env.ts'],
    globalSetup: '<rootDir>/test/support/embedded-store-setup.mjs',
    globalTeardown: '<rootDir>/test/support/embedded-store-teardown.mjs',
    transform: { '^.+\\.ts$': swcServer },
    testEnvironmentOptions: { globalsCleanup: 'off' },
    ...esm,
  };
}

export default {
  // A worker that has grown past this after a file is replaced before the next one (the ESM
  // module registries of many integration files otherwise pile up until it runs out of memory).
  workerIdleMemoryLimit: '1200MB',
  // Read from the top level only; integration and e2e specs pass longer ones where they need them.
  // Hooks included: the first integration file of a run also migrates and seeds the template
  // database every other file copies (harness.ts), and another worker may wait for it.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'shared',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/shared/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swcServer },
      ...esm,
    },
    {
      displayName: 'server-unit',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/server/src/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$'],
      transform: { '^.+\\.ts$': swcServer },
      ...esm,
    },
    {
      displayName: 'integration',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/server/src/**/*.int.spec.ts', '<rootDir>/test/integration/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swcServer },
      testTimeout: 60_000,
      testEnvironmentOptions: { globalsCleanup: 'off' },
      ...esm,
    },
    embedded('integration-embedded', [
      // The realtime and access suites, concurrency included, and the need-to-know seams, on the
      // store most people run (PGlite, as `npm start` without DATABASE_URL), in `npm test`.
      '<rootDir>/test/integration/{realtime,access,access-changes,api,session,concurrency,field-levels,socket-protocol,derived-levels,seams-levels}.spec.ts',
    ]),
    embedded('embedded-features', [
      // The feature suites, which pass there too, run on PostgreSQL only in `npm test` to keep CI
      // within its 20 minutes on a 2-core machine; `npm run test:embedded` runs them here as well.
      '<rootDir>/test/integration/{activity,client-sync,search,self-change,current-item}.spec.ts',
      '<rootDir>/test/integration/{notifications,home,meeting-cycle,deciding-votes,deciding-recusal,deciding-resolutions}.spec.ts',
      '<rootDir>/test/integration/{decisions-minutes,meeting-pack,paper-records,role-drafts}.spec.ts',
      '<rootDir>/test/integration/minutes-{collab,lost-words,confirmation}.spec.ts',
    ]),
    {
      // Three built instances behind nginx, with Redis and PostgreSQL faults (test/cluster/):
      // `npm run test:faults` after a build, alone on the machine (they time real recoveries).
      displayName: 'faults',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/faults/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swcServer },
      testTimeout: 120_000,
      ...esm,
    },
    {
      displayName: 'client',
      rootDir: '.',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/client/src/**/*.spec.{ts,tsx}'],
      setupFilesAfterEnv: ['<rootDir>/client/src/test/setup.ts'],
      transform: { '^.+\\.tsx?$': swcClient },
      ...esm,
      moduleNameMapper: {
        ...esm.moduleNameMapper,
        '\\.(css)$': '<rootDir>/client/src/test/style-stub.ts',
      },
    },
    {
      displayName: 'e2e',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swcServer },
      testTimeout: 120_000,
      ...esm,
    },
  ],
};
