// ESLint for the packages, stories, e2e tests, scripts and benchmarks (issue 12): typescript-eslint's
// recommended rules, unused code, and no import circles. Formatting is Prettier's job, not ESLint's.
// docs/development.md says why the rules are not type-aware.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importCircles } from './scripts/eslint-import-circles.js';

// The plain .mjs/.js files run in Node, and some hand functions to a browser page (bench, axe).
// TypeScript checks globals in .ts files itself; here the few the scripts use are listed by hand.
const scriptGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'Event',
    'HTMLOptionElement',
    'Headers',
    'MutationObserver',
    'TextDecoder',
    'TextEncoder',
    'URL',
    'URLSearchParams',
    'clearTimeout',
    'console',
    'customElements',
    'document',
    'fetch',
    'location',
    'performance',
    'process',
    'requestAnimationFrame',
    'setTimeout',
    'window',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/build/',
      '**/.data/',
      '**/storybook-static/',
      '**/coverage/',
      '.test-results/',
      'bench/results/',
      // host pages and one-off generators, outside what the linter covers
      'examples/',
      'docs/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x reads only .js modules and so never follows an import into a .ts file.
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts'] },
      // Imports name `.ts` files by `.js` specifiers (NodeNext); the TypeScript resolver maps them back.
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['packages/*/tsconfig.json', 'stories/tsconfig.json', 'e2e/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Ignores `import type` by design (a circle of type imports only is no load-order hazard). No circle
      // passes through node_modules, and not following imports into it halves the lint's time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['packages/*/src/**/*.ts', 'stories/**/*.ts'],
    plugins: { care: { rules: { 'import-circles': importCircles } } },
    rules: {
      'care/import-circles': ['error'],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: scriptGlobals },
  },
  {
    // chai's property assertions (`expect(x).to.be.true`) are expressions on purpose.
    files: ['packages/components/**/*.test.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
