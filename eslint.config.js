// Lint for the whole tree. Besides the usual TypeScript and Vue checks, the rules at the end encode
// the design's boundaries (docs/ARCHITECTURE.md): who may import what, and where untrusted URLs are parsed.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/**
 * Pure modules under db/ that the renderer may import at run time: schemas, pure arithmetic and
 * lookup tables shared by screen and host (no SQLite, no Node). Everything else in db/ is types only.
 */
const sharedPureModules = [
  'db/api/contract/**',
  'db/api/validate.ts',
  'db/errors/**',
  'db/inventory/money.ts',
  'db/queue/ticketQr.ts',
  'db/residents/placeSearch.ts',
  'db/residents/regions.ts',
  'db/residents/regionsEn.ts',
  'db/residents/schema.ts',
  'db/wallClock.ts',
];
/** Relative imports of db/ that are not one of the shared pure modules. */
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const dbRuntimeImport =
  '^(\\.\\./)+db/(?!(' + sharedPureModules.map((m) => (m.endsWith('/**') ? escapeRegex(m.slice(3, -2)) : escapeRegex(m.slice(3).replace(/\.ts$/, '.js')) + '$')).join('|') + '))';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
      'vue/multi-word-component-names': 'off',
    },
  },
  // --- Boundaries ---------------------------------------------------------------------------
  {
    // The renderer stands on the contract's types; only the shared pure modules may be imported at run time.
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: dbRuntimeImport,
              allowTypeImports: true,
              message: 'renderer/ imports only types from db/ (or a shared pure module listed in eslint.config.js).',
            },
            { group: ['electron', 'better-sqlite3', 'node:*'], message: 'renderer/ runs in the browser sandbox.' },
          ],
        },
      ],
    },
  },
  {
    // The shared pure modules stay pure: the renderer bundles them.
    files: sharedPureModules,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['better-sqlite3', 'node:*', 'electron'], message: 'A module the renderer imports must stay pure.' }] }],
    },
  },
  {
    // db/ is the host's core: it runs under Electron, serve mode and the hub alike.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'db/ never imports electron: pass what it needs in from electron/.' }],
          patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'db/ does not import the shell or the screens.' }],
        },
      ],
    },
  },
  {
    // Raw IPC only in the adapter (electron/ipc.ts) and the preload.
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,vue}', 'db/**/*.ts'],
    ignores: ['electron/ipc.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[object.name=/^ipc(Main|Renderer)$/]',
          message: 'Raw ipcMain/ipcRenderer belong in electron/ipc.ts and electron/preload.ts only.',
        },
        {
          selector: 'NewExpression[callee.name="URL"]:not(TryStatement > BlockStatement NewExpression)',
          message: 'new URL(…) throws on bad input: parse inside a try, or use a helper that does.',
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
