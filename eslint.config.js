// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers',
  'tls', 'url', 'util', 'worker_threads', 'zlib',
];

/** Test support (fixtures, fakes, the simulator session helpers) is imported by tests and benches only. */
const TEST_SUPPORT_PATTERN = { group: ['**/testing/**'], message: 'testing/ is test support: import it from tests and benches only.' };

/**
 * The store worker is the journal's only writer (docs/ARCHITECTURE.md, who writes what): components
 * under renderer/app/ read through read hooks and queries and write through `useBooted().writer`.
 * These are renderer/db's write modules and write functions; their types stay importable.
 */
const STORE_WRITER_MESSAGE = 'The store worker is the journal\'s only writer: write through useBooted().writer (renderer/db/journal-writer.ts), never renderer/db write functions.';
const STORE_WRITER_PATTERNS = [
  {
    group: ['**/db/file-import', '**/db/restore', '**/db/insert-trades', '**/db/commit-batch', '**/db/bulk-add', '**/db/stats-store', '**/db/ledger-store', '**/db/ledger-rebuild', '**/db/ledger-rebuilder', '**/db/dexie-store', '**/db/dexie-journal-writer', '**/db/migrations', '**/db/worker-host'],
    allowTypeImports: true,
    message: STORE_WRITER_MESSAGE,
  },
  { group: ['**/db/journal-entries'], importNames: ['saveJournalEntry', 'setPositionStop', 'clearJournalEntry'], message: STORE_WRITER_MESSAGE },
  { group: ['**/db/market-cache'], importNames: ['putCandles'], message: STORE_WRITER_MESSAGE },
  { group: ['**/db/account-admin'], importNames: ['purgeCategory', 'deleteAccount'], message: STORE_WRITER_MESSAGE },
  { group: ['**/db/schema'], importNames: ['openJournalDb', 'JournalDb'], allowTypeImports: true, message: 'Components get the (read) database from useBooted(); only boot.ts opens it.' },
];
const DEXIE_WRITE_CALLS = 'put|bulkPut|add|bulkAdd|update|bulkUpdate|delete|bulkDelete|clear|modify';

/** Electron's IPC objects may be touched by exactly two files (Heroic's two-wrapper rule). */
const IPC_WRAPPERS = ['main/electron/ipc.ts', 'preload/ipc.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', '.bench-out/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='ipcMain']", message: 'Only main/electron/ipc.ts may use ipcMain.' },
        { selector: "MemberExpression[object.name='ipcRenderer']", message: 'Only preload/ipc.ts may use ipcRenderer.' },
      ],
    },
  },
  {
    // Electron is imported only at the edge: under Node it throws while trying to download its binary.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/electron/**', 'preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Import Electron only in main/electron/ or preload/ (use `import type` elsewhere).', allowTypeImports: true }],
      }],
    },
  },
  {
    // Test support lives in testing/, outside the app's build: app code must never reach it.
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}', 'simulator/**/*.ts'],
    ignores: ['main/electron/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Import Electron only in main/electron/ or preload/ (use `import type` elsewhere).', allowTypeImports: true }],
        patterns: [TEST_SUPPORT_PATTERN],
      }],
    },
  },
  {
    files: IPC_WRAPPERS,
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Components never write the journal (see STORE_WRITER_PATTERNS). A second rule name, so the
    // Electron and testing/ restrictions above still apply to these files.
    files: ['renderer/app/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: STORE_WRITER_PATTERNS }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='ipcMain']", message: 'Only main/electron/ipc.ts may use ipcMain.' },
        { selector: "MemberExpression[object.name='ipcRenderer']", message: 'Only preload/ipc.ts may use ipcRenderer.' },
        { selector: `CallExpression[callee.object.object.name='db'][callee.property.name=/^(${DEXIE_WRITE_CALLS})$/]`, message: STORE_WRITER_MESSAGE },
        { selector: "CallExpression[callee.object.name='db'][callee.property.name='transaction']", message: STORE_WRITER_MESSAGE },
      ],
    },
  },
  {
    // The composition root opens the page's read instance of the database.
    files: ['renderer/app/boot.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // shared/ is cross-process code: no Electron, no Node built-ins, no DOM.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ must not import Electron.' }],
        patterns: [
          { group: ['node:*'], message: 'shared/ must not import Node built-ins.' },
          { group: nodeBuiltins, message: 'shared/ must not import Node built-ins.' },
          { group: ['react', 'react-dom', 'dexie', 'ccxt', 'keytar', 'bottleneck'], message: 'shared/ holds pure logic only.' },
          TEST_SUPPORT_PATTERN,
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['main/**/*.ts', 'simulator/**/*.ts', 'testing/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bench/**/*.ts', 'e2e/**/*.ts', '*.config.{js,ts}', 'preload/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
