// One flat config for the whole workspace. Every project's `lint` target (inferred by @nx/eslint) runs
// ESLint with this file; `npm run lint` runs them all with --max-warnings 0.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Frameworks and I/O that the pure domain must never reach. */
const DOMAIN_BANNED = ['@nestjs/*', '@mikro-orm/*', '@slack/*', 'messagebird', 'express', 'sqlite3', 'pg'];

/** The architecture as Nx tags, enforced by @nx/enforce-module-boundaries. */
function moduleBoundaries({ appsMayUseTools }) {
  return {
    enforceBuildableLibDependency: true,
    allow: [],
    banTransitiveDependencies: true,
    depConstraints: [
      // The pure rules: no framework, no ORM, no Slack, no provider, and no other project.
      { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:domain'], bannedExternalImports: DOMAIN_BANNED },
      // Apps build on libraries only: no app imports another app.
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: appsMayUseTools ? ['type:lib', 'type:tool'] : ['type:lib'] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
      // Sandboxes, benchmarks and the demo build on libraries and other tools.
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '**/.nx/**', '**/coverage/**', 'data/**'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      // Indexing a checked array or map is common in the rules; strict null checks guard the rest.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ appsMayUseTools: false })] },
  },
  {
    // Tests may drive apps through the local sandboxes and test helpers in tools/; production code may not.
    files: ['**/*.spec.ts', '**/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ appsMayUseTools: true })] },
  },
  {
    // The domain does no I/O: Node's I/O modules are off limits too (`now` and bytes are passed in).
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:fs',
                'fs',
                'node:fs/*',
                'fs/*',
                'node:http',
                'http',
                'node:https',
                'https',
                'node:net',
                'net',
                'node:child_process',
                'child_process',
              ],
              message: 'libs/domain is pure: it takes bytes, streams and `now` as arguments and does no I/O.',
            },
            ...DOMAIN_BANNED.map((group) => ({
              group: [group],
              message: 'libs/domain may not import frameworks, the ORM, Slack or the provider.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
