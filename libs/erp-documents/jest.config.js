module.exports = { ...require('../../jest.preset.js'), displayName: 'erp-documents', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
