module.exports = { ...require('../../jest.preset.js'), displayName: 'asn', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
