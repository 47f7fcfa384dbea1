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
  coverageDirectory: '../coverage/api-e2e',
};
