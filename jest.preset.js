// Shared Jest settings: ts-jest compiles TypeScript (decorator metadata included, which NestJS needs),
// and the tsconfig path aliases (@lotbridge/*) resolve to library sources.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.json')}],
  },
  setupFiles: [path.join(__dirname, 'jest.setup-env.js')],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: `${__dirname}/` }),
};
