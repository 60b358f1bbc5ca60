module.exports = { ...require('../../jest.preset.js'), displayName: 'xml-document', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
