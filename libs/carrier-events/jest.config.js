module.exports = { ...require('../../jest.preset.js'), displayName: 'carrier-events', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
