module.exports = { ...require('../../jest.preset.js'), displayName: 'allocation', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
