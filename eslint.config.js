// ESLint flat config: TypeScript rules for src/, scripts/ and test/; Salesforce's LWC rules for force-app/.
const lwcConfig = require('@salesforce/eslint-config-lwc');
const tseslint = require('typescript-eslint');
const globals = require('globals');

module.exports = [
  {
    ignores: ['node_modules/**', 'coverage/**', 'dist/**', 'data/**', '.sfdx/**', '.sf/**'],
  },
  {
    files: ['*.js', 'scripts/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  ...tseslint.configs.strict.map((config) => ({
    ...config,
    files: ['src/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
  })),
  {
    files: ['src/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'src/**/testing.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...lwcConfig.configs.recommendedTs.map((config) => ({
    ...config,
    files: ['force-app/**/*.{js,ts}'],
  })),
  {
    files: ['force-app/**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['force-app/**/__tests__/**', 'force-app/test/**'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
];
