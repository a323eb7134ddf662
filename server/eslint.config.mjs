// Lint for the service, the model tools, tests and benches (plain Node code).
// The n8n package (nodes/, credentials/) is linted by `n8n-node lint` with n8n's own rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'server/http/ui/vendor/**'] },
  {
    files: ['**/*.ts', '**/*.mjs'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Benchmarks, command-line tools and test runners report on stdout.
    files: ['bench/**', 'test/**', '**/*.cli.ts', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    // The browser page runs in a browser, not in Node.
    files: ['server/http/ui/**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
);
