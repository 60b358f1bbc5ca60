module.exports = { ...require('../../jest.preset.js'), displayName: 'gs1', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
