// @ts-check
/**
 * Lint that is enforced: every rule here is `error`, because warnings do not fail `nx run-many -t lint`.
 * Layer rules: `type:` tags say which layers a project may use, `scope:` tags which domains.
 */
const fs = require('node:fs');
const path = require('node:path');
// @eslint/js and globals come with eslint and @nx/eslint-plugin (not listed in package.json on purpose).
const js = require('@eslint/js');
const globals = require('globals');
const tseslint = require('typescript-eslint');
const nx = require('@nx/eslint-plugin');

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'];

/** Every `scope:*` tag used by a project.json under libs/, apps/ or tools/, so that each gets "scope:X -> X|shared". */
function scopesInUse() {
  const scopes = new Set(['shared']);
  const skip = new Set(['node_modules', 'src', 'prisma', 'fixtures', '__generated__', 'dist']);
  const walk = (dir, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && depth < 3 && !entry.name.startsWith('.') && !skip.has(entry.name)) walk(full, depth + 1);
      else if (entry.name === 'project.json') {
        const tags = JSON.parse(fs.readFileSync(full, 'utf8')).tags ?? [];
        for (const tag of tags) if (tag.startsWith('scope:')) scopes.add(tag.slice('scope:'.length));
      }
    }
  };
  for (const root of ['libs', 'apps', 'tools']) walk(path.join(__dirname, root), 0);
  return [...scopes].sort();
}

// Deep imports ("kafkajs/...") are matched by the "/*" variants: a bare name only matches the bare import.
const TRANSPORT_AND_PERSISTENCE = ['kafkajs', 'kafkajs/*', '@kafkajs/*', 'pg', 'pg/*', '@prisma/*', 'prisma', 'prisma/*'];
const DOMAIN_BANNED = ['@nestjs/*', ...TRANSPORT_AND_PERSISTENCE, 'avsc', 'avsc/*'];
const APPLICATION_BANNED = [...TRANSPORT_AND_PERSISTENCE, 'avsc', 'avsc/*'];
const ADAPTER_BANNED = ['@nestjs/*', ...TRANSPORT_AND_PERSISTENCE];

/**
 * Layer rules by `type:` tag. `withTesting` adds type:testing to every layer: only test files may import
 * libs/testing (Nx itself does not tell test files apart, so the split is made by file glob below).
 */
function depConstraints(withTesting) {
  const plus = (tags) => (withTesting ? [...tags, 'type:testing'] : tags);
  return [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: plus(['type:application', 'type:domain', 'type:contracts', 'type:adapter', 'type:platform', 'type:util']) },
    { sourceTag: 'type:application', onlyDependOnLibsWithTags: plus(['type:domain', 'type:util']), bannedExternalImports: APPLICATION_BANNED },
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: plus(['type:domain', 'type:util']), bannedExternalImports: DOMAIN_BANNED },
    // Adapters map foreign documents (IDoc, ASN) onto the pure domain types, hence adapter -> domain.
    { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: plus(['type:domain', 'type:contracts', 'type:util']), bannedExternalImports: ADAPTER_BANNED },
    // An empty list means "no workspace library at all".
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: plus([]) },
    { sourceTag: 'type:platform', onlyDependOnLibsWithTags: plus(['type:contracts', 'type:util', 'type:platform']) },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: plus(['type:util']) },
    { sourceTag: 'type:testing', notDependOnLibsWithTags: ['type:app'] },
    { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
    ...scopesInUse().map((scope) => ({
      sourceTag: `scope:${scope}`,
      onlyDependOnLibsWithTags: scope === 'shared' ? ['scope:shared'] : [`scope:${scope}`, 'scope:shared'],
    })),
  ];
}

const boundaries = (withTesting) => [
  'error',
  { allow: [], checkNestedExternalImports: true, depConstraints: depConstraints(withTesting) },
];

module.exports = tseslint.config(
  {
    ignores: [
      '**/__generated__/**',
      '**/node_modules/**',
      '**/dist/**',
      '.run/**',
      '.nx/**',
      'tmp/**',
      'coverage/**',
      'test/samples/**',
      // JavaScript is configuration (jest.config.js ...) except the lint config itself and the scripts.
      '**/*.js',
      '!eslint.config.js',
      '!scripts/**/*.js',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  {
    files: ['**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },

  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: {
        // One program for the whole workspace (the root tsconfig.json includes apps, libs, scripts, test).
        projectService: true,
        tsconfigRootDir: __dirname,
      },
    },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-console': 'error',
    },
  },
  {
    files: ['libs/**/src/**/*.ts'],
    ignores: TEST_FILES,
    rules: { '@typescript-eslint/explicit-module-boundary-types': 'error' },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(true),
      '@typescript-eslint/no-non-null-assertion': 'off',
      // @types/jest types the asymmetric matchers (expect.any, expect.objectContaining ...) as `any`.
      // The other no-unsafe-* rules still apply to tests.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // test handlers are async to fit the handler types, many without awaiting anything
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**', '**/scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },

  {
    // End-to-end tests start the apps in-process, through each app's main.ts (its start function).
    files: ['test/e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { allow: ['../../apps/sap-idoc-adapter/src/main', '../../apps/inventory-service/src/main', '../../apps/allocation-service/src/main', '../../apps/quality-service/src/main', '../../apps/traceability-service/src/main', '../../apps/asn-adapter/src/main', '../../apps/carrier-adapter/src/main', '../../apps/scan-adapter/src/main', '../../apps/erp-connector/src/main', '../../apps/asn-adapter/src/asn/notice-closer.service', '../../apps/erp-connector/src/erp.config'], checkNestedExternalImports: true, depConstraints: depConstraints(true) }],
    },
  },
);
