// ESLint for the whole repository (issue 12): typescript-eslint's recommended rules, unused code,
// and no import circles. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/build/',
      '**/.data/',
      '**/storybook-static/',
      '**/coverage/',
      '**/.test-results/',
      // Only the packages and tools the linter covers; examples/ and docs/ are host pages and one-off scripts.
      'examples/',
      'docs/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Imports name `.ts` files with `.js` specifiers (NodeNext); the TypeScript resolver maps them back.
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['packages/*/tsconfig.json', 'stories/tsconfig.json', 'e2e/tsconfig.json'] }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-cycle': 'error',
    },
  },
);
