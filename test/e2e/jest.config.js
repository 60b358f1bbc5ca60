module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  testTimeout: 120_000,
  // kafkajs and pg keep sockets open for a while after the apps closed; the suites close what they opened.
  forceExit: true,
};
