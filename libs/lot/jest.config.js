module.exports = { ...require('../../jest.preset.js'), displayName: 'lot', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
