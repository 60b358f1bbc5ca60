module.exports = { ...require('../../jest.preset.js'), displayName: 'allocation-service', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
