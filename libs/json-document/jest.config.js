module.exports = { ...require('../../jest.preset.js'), displayName: 'json-document', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
