module.exports = { ...require('../../jest.preset.js'), displayName: 'stock-count', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
