module.exports = { ...require('../../jest.preset.js'), displayName: 'sap-idoc', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
