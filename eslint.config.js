import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default defineConfig(
  {
    ignores: [
      'dist/',
      '.astro/',
      'node_modules/',
      '.data/',
      'test-results/',
      'playwright-report/',
      'supabase/local/.bin/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  // eslint-plugin-astro's a11y config registers the jsx-a11y plugin for every file;
  // React islands take the plugin's own strict rule set on top.
  ...astro.configs['flat/recommended'],
  ...astro.configs['flat/jsx-a11y-strict'],
  {
    files: ['**/*.tsx'],
    rules: jsxA11y.flatConfigs.strict.rules,
  },
  {
    files: ['**/*.tsx', 'src/components/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['eslint.config.js', '**/*.astro', '**/*.astro/*.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The domain is pure: no framework, browser, storage or backend imports.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['astro', 'astro:*', 'astro/*'],
              message: 'src/domain imports nothing from Astro.',
            },
            {
              group: ['react', 'react-dom', 'react/*'],
              message: 'src/domain imports nothing from React.',
            },
            { group: ['@supabase/*'], message: 'src/domain imports nothing from Supabase.' },
            { group: ['node:*', 'fs', 'path'], message: 'src/domain is pure: no Node APIs.' },
            {
              group: ['**/services/**', '**/components/**', '**/pages/**', '**/build/**'],
              message: 'src/domain only imports downwards.',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
);
