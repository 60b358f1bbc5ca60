module.exports = { ...require('../../jest.preset.js'), displayName: 'scan-movements', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
