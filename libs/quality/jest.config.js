module.exports = { ...require('../../jest.preset.js'), displayName: 'quality', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
