module.exports = { ...require('../../jest.preset.js'), displayName: 'trace-exports', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
