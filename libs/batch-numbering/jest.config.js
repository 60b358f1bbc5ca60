module.exports = { ...require('../../jest.preset.js'), displayName: 'batch-numbering', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
