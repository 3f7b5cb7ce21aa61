// Lint, including the layer rules: the folder a file lives in decides what it may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'stream', 'zlib', 'util', 'worker_threads', 'process', 'buffer'];

/** Build a no-restricted-imports rule from forbidden path globs and package names. */
function layer(message, { patterns = [], names = [] }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: names.map((name) => ({ name, message })),
        patterns: [{ group: patterns, message }],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'release/**', 'node_modules/**', '.cache/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layer('shared/ is pure TypeScript: it may import only shared/ and pure npm packages (no DOM, Node, Electron, React or Dexie).', {
      patterns: ['**/renderer/**', '**/electron/**', 'node:*', 'react', 'react-dom', 'dexie', 'dexie-react-hooks', 'lexical', '@lexical/react*'],
      names: ['electron', ...NODE_BUILTINS],
    }),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: layer('electron/main may import shared/, node/host, Node and electron; never renderer/ or preload/.', {
      patterns: ['**/renderer/**', '**/preload/**', '**/web/**'],
    }),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: layer('electron/preload imports only electron and shared/ipc.', {
      patterns: ['**/renderer/**', '**/main/**', '**/web/**', '**/host/**', '**/shared/domain/**', '**/shared/import/**', '**/shared/anchoring/**', 'node:*'],
      names: NODE_BUILTINS,
    }),
  },
  {
    files: ['node/web/**/*.ts', 'node/host/**/*.ts', 'node/sync/**/*.ts'],
    rules: layer('node/web, node/host and node/sync are plain Node: no electron, no renderer/.', {
      patterns: ['**/renderer/**', '**/main/**', '**/preload/**'],
      names: ['electron'],
    }),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/editor/**', 'renderer/reader/**', 'renderer/vite.config.ts'],
    rules: layer('renderer/ never imports electron or Node; it reaches the host only through renderer/platform/.', {
      patterns: ['**/electron/**', 'node:*'],
      names: ['electron', ...NODE_BUILTINS],
    }),
  },
  // One door into the database: only renderer/db itself opens db.ts. Everyone else reads through its hooks and
  // read functions and writes through its repositories, so every write passes the change log.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/(^|\\/)db\\/db(\\.ts)?$/], ExportNamedDeclaration[source.value=/(^|\\/)db\\/db(\\.ts)?$/], ExportAllDeclaration[source.value=/(^|\\/)db\\/db(\\.ts)?$/], ImportExpression[source.value=/(^|\\/)db\\/db(\\.ts)?$/]',
          message: 'Only renderer/db may import db.ts: read through renderer/db hooks or read functions, write through its repositories, open it with renderer/db (index.ts).',
        },
      ],
    },
  },
  {
    files: ['renderer/editor/**/*.{ts,tsx}'],
    rules: layer('editor/ and source/ never import each other: coordinate through IDs and commands.', {
      patterns: ['**/electron/**', 'node:*', '**/source/**'],
      names: ['electron', ...NODE_BUILTINS],
    }),
  },
  {
    files: ['renderer/reader/**/*.{ts,tsx}'],
    rules: layer('editor/ and source/ never import each other: coordinate through IDs and commands.', {
      patterns: ['**/electron/**', 'node:*', '**/editor/**'],
      names: ['electron', ...NODE_BUILTINS],
    }),
  },
);
