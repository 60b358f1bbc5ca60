module.exports = { ...require('../../jest.preset.js'), displayName: 'messaging:integration', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.int-spec.ts'] };
