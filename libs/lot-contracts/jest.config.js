module.exports = { ...require('../../jest.preset.js'), displayName: 'lot-contracts', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
