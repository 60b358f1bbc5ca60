module.exports = { ...require('../../jest.preset.js'), displayName: 'inventory', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
