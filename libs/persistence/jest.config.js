// Unit tests: *.spec.ts (target `test`); integration tests against a real PostgreSQL: *.int-spec.ts (target `integration`).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'persistence',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
};
