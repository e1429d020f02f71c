// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * ESLint: the recommended JavaScript rules and typescript-eslint's recommended type-checked rules
 * (they catch promises that are never awaited or handled, which plain rules cannot see). Formatting
 * is Prettier's job (.prettierrc.json); no rule here is about layout.
 */
export default tseslint.config(
  { ignores: ['node_modules/', 'bench/out/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_name` marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Off: a method that must return a Promise (a command handler, a transport's reply) is written
      // `async` even without an await, so that a throw inside it becomes a rejection that the one
      // error funnel catches, instead of escaping synchronously. The rule would forbid exactly that.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The fake Discord and the tests handle raw Discord JSON payloads (and JSON Lines output), whose
    // shape the tests themselves check; typing every payload would add casts, not safety.
    files: ['fakes/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // discord.js event handlers in tests are async functions whose promise the emitter ignores (as in the discord.js guide).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked], languageOptions: { globals: { process: 'readonly' } } },
);
