// Lint, including the runtime fences of ARCHITECTURE.md: only main/electron/ and preload/index.ts may
// import electron, and the renderer may reach neither Node, SQLite, electron nor main/db code.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const electronOnlyHere =
  'Only main/electron/ and preload/index.ts may import electron; services stay plain Node so the CLI and tests run them.';
const rendererFence =
  'The renderer reaches the backend only through window.desk (renderer/api.ts): no Node, SQLite, electron or main/db code (type-only imports are fine).';

const commonFence = 'common/ is shared by every runtime: no Node, SQLite, electron, React, nor main/db/preload/renderer code.';

const thenChains = { selector: "CallExpression[callee.property.name='then']", message: 'Use await, not .then chains.' };
const sqlOutsideDb = 'SQL against the case lives in db/queries/*.ts behind typed functions taking the handle first; call one of those.';

const electronPath = { name: 'electron', message: electronOnlyHere };
const mainFence = { regex: '(^|/)renderer(/|$)|^react', message: 'Main-process and shared code never import the renderer or React.' };

const serviceTypes =
  'Services take domain types (common/domain), not the contract: its zod types are the wire, parsed at the boundary (main/handlers, main/dispatch.ts, main/cli), and are tied to the domain types in common/contract/carries.ts.';
const contractFence = { regex: '(^|/)common/contract(/|$)', message: serviceTypes };
const mainBoundary = [
  'main/handlers.ts',
  'main/handlers/**',
  'main/dispatch.ts',
  'main/context.ts',
  'main/emitter.ts',
  'main/shell/**',
  'main/cli.ts',
  'main/cli/**',
  'main/electron/**',
];
const sqlImportFence = [
  { regex: '(^|/)db/sql$', message: sqlOutsideDb, allowTypeImports: true },
  { regex: '(^|/)db/queries/run$', allowImportNames: ['transaction', 'beginSnapshot', 'endSnapshot'], message: sqlOutsideDb },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.bench/**',
      'test/fixtures/**',
      'test/bench/gen-whatsapp.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', thenChains],
      // Implementations of async interfaces (handlers, adapters) are async without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // Prettier keeps code within 140 columns but leaves comments and long literals alone.
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // expect.objectContaining() and friends are typed `any` by Vitest.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    ignores: ['main/electron/**', 'preload/index.ts', 'test/main/electron/**', 'test/e2e/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronPath] }] },
  },
  {
    files: ['common/**/*.ts', 'db/**/*.ts', 'main/**/*.ts', 'preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronPath],
          patterns: [mainFence],
        },
      ],
    },
  },
  {
    // common/ is what every runtime shares (the domain model and the contract): plain ES2023, nothing else.
    files: ['common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            electronPath,
            { name: 'better-sqlite3', message: commonFence },
            ...builtinModules.map((name) => ({ name, message: commonFence })),
          ],
          patterns: [
            { regex: '^node:', message: commonFence },
            { regex: '^(\\.\\./)+(db|main|preload|renderer)/', message: commonFence },
            { regex: '(^|/)renderer(/|$)|^react', message: commonFence },
          ],
        },
      ],
    },
  },
  {
    // All SQL against the case lives in db/queries, behind typed functions (docs/architecture.md): one
    // place to review what the app asks of SQLite, and the seam a second storage engine would need.
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        thenChains,
        { selector: 'CallExpression[callee.property.name=/^(prepare|pragma)$/]', message: sqlOutsideDb },
        { selector: "CallExpression[callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]", message: sqlOutsideDb },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: sqlOutsideDb },
      ],
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronPath], patterns: [mainFence, ...sqlImportFence] }],
    },
  },
  {
    // Services, not the boundary that parses the wire and hands them domain values.
    files: ['main/**/*.ts'],
    ignores: mainBoundary,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [electronPath], patterns: [mainFence, ...sqlImportFence, contractFence] },
      ],
    },
  },
  {
    // A parser reading its source's own database (iMessage's chat.db) prepares statements on it.
    files: ['main/import/imessage.ts', 'main/import/imessage/**'],
    rules: { 'no-restricted-syntax': ['error', thenChains] },
  },
  {
    // A shipped migration is frozen text: it may not read the live domain lists or splice values into SQL.
    files: ['db/migrations/0*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./types$|better-sqlite3$)',
              message: 'A migration imports nothing but ./types: its SQL is literal and frozen once shipped.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'TemplateLiteral[expressions.length>0]', message: 'Migration SQL is literal text: no ${…} interpolation.' },
      ],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'preload/index.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: rendererFence },
            { name: 'better-sqlite3', message: rendererFence },
            ...builtinModules.map((name) => ({ name, message: rendererFence })),
          ],
          patterns: [
            { regex: '^node:', message: rendererFence },
            { regex: '^(\\.\\./)+(db|main)/', message: rendererFence, allowTypeImports: true },
            { regex: '^(\\.\\./)+preload/(index|shell-bridge)', message: rendererFence },
          ],
        },
      ],
    },
  },
);
