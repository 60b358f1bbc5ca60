module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'erp-connector',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  testTimeout: 120_000,
  // kafkajs and pg keep sockets open for a while after the app closed; the suites close what they opened.
  forceExit: true,
};
