// One lint gate for all rooms. The restricted-import rules keep dependencies pointing one way:
// the widget and shared/ never reach into the BFF, and only bff/src/bigcommerce knows BigCommerce.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'data/**', '.screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['**/*.{js,mjs}'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['widget/src/**/*.ts', 'test/widget/**/*.ts'], ...litConfigs['flat/recommended'] },
  { files: ['widget/src/**/*.ts', 'test/widget/**/*.ts'], languageOptions: { globals: globals.browser } },
  {
    files: ['bff/**/*.ts', 'test/bff/**/*.ts', 'test/e2e/**/*.ts', 'scripts/**/*.{ts,mjs}', '**/*.config.*'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**/*.ts', 'widget/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bff/**', 'express', 'axios', 'node:*'],
              message: 'shared/ and widget/ must not depend on the BFF or Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bff/src/**/*.ts'],
    ignores: ['bff/src/bigcommerce/**', 'bff/src/sandbox/**', 'bff/src/server.ts', 'bff/src/wiring/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['axios'], message: 'Only bff/src/bigcommerce speaks HTTP to BigCommerce.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
