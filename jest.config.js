// One runner, several projects: `npx jest --selectProjects unit` runs one of them.
const { jestConfig: lwcPreset } = require('@salesforce/sfdx-lwc-jest/config');

const typescript = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
  },
];

module.exports = {
  reporters: ['default', '<rootDir>/scripts/jest/summaryReporter.js'],
  // A worker per core, not Jest's default of one fewer: much of a file's time is waiting (a browser,
  // a routing process, Redis), so on 2 cores one worker left the machine a third busy. Every file
  // starts its own servers on free ports, so two files never meet.
  maxWorkers: '100%',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(ts|js)$': typescript },
      // jose ships ES modules only: compile it like our own code.
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    },
    {
      displayName: 'conformance',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/conformance', '<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(ts|js)$': typescript },
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    },
    {
      // The same suite against the Redis store (a redis-server per test file; Debian's package).
      displayName: 'conformance-redis',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/conformance', '<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/redisStore.setup.js'],
      transform: { '^.+\\.(ts|js)$': typescript },
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    },
    {
      // The same suite against a Redis Cluster store (a loopback cluster of 3 masters and 3
      // replicas per harness, test/support/redisCluster.ts; commits wait for a replica).
      displayName: 'conformance-cluster',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/conformance', '<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/clusterStore.setup.js'],
      transform: { '^.+\\.(ts|js)$': typescript },
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    },
    {
      // Durability and distribution on a real redis-server, with routing processes killed.
      displayName: 'redis',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/redis'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(ts|js)$': typescript },
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    },
    {
      // A real Redis Cluster on loopback (test/support/redisCluster.ts): masters killed, failovers.
      displayName: 'cluster',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/cluster'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(ts|js)$': typescript },
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    },
    {
      // One misbehaving client against a real routing process: slow readers, floods, idle sockets.
      // Its tests measure an honest client's latency, which another file's load would spoil, so
      // `npm run test:unit` runs this project in a jest run of its own, after all the others.
      displayName: 'abuse',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/abuse'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(ts|js)$': typescript },
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    },
    {
      // The workbench in Debian's headless Chromium (playwright-core); test/e2e/README.md.
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(ts|js)$': typescript },
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
    },
    {
      ...lwcPreset,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      setupFilesAfterEnv: [...lwcPreset.setupFilesAfterEnv, '<rootDir>/force-app/test/setup.js'],
      // Platform modules sfdx-lwc-jest does not stub, mocked with test controls.
      moduleNameMapper: {
        '^lightning/platformUtilityBarApi$':
          '<rootDir>/force-app/test/jest-mocks/lightning/platformUtilityBarApi.js',
        // Replaces sfdx-lwc-jest's stub: publish reaches the subscribers, so the bridge can be played.
        // sfdx-lwc-jest has no lightning/modal: open() and close() as the platform's.
        '^lightning/modal$': '<rootDir>/force-app/test/jest-mocks/lightning/modal.js',
      },
      modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
    },
  ],
};
