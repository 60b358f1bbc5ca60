module.exports = { ...require('../../jest.preset.js'), displayName: 'genealogy', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
