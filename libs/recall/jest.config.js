module.exports = { ...require('../../jest.preset.js'), displayName: 'recall', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
