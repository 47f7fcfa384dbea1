/* The contract e2e suite: every spec starts the real built server (dist/api)
 * on a free port of its own and talks to it over real HTTP and WebSocket. */
module.exports = {
  displayName: 'api-e2e',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 30000,
  // Specs that need a durable store (restarts) run only in the PostgreSQL run; those of several
  // instances (redis/) and outages (outage/) only in their own runs (see project.json).
  testPathIgnorePatterns: process.env.E2E_STORE === 'postgres' ? ['/node_modules/'] : ['/node_modules/', '/src/postgres/', '/src/redis/', '/src/outage/'],
  coverageDirectory: '../coverage/api-e2e',
};
