import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/** Files allowed to import Electron: the thin shell around the services, and the preload. */
const ELECTRON_GLUE = [
  'src/main/index.ts',
  'src/main/window.ts',
  'src/main/security.ts',
  'src/main/menu.ts',
  'src/main/dialogs-electron.ts',
  'src/main/print-electron.ts',
  'src/main/app-scheme.ts',
  'src/main/ipc/electron-ipc.ts',
  'src/preload/index.ts',
]
/** The only two files that may touch Electron's IPC objects. */
const IPC_FILES = ['src/main/ipc/electron-ipc.ts', 'src/preload/index.ts']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', 'bench-results/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ELECTRON_GLUE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Only the Electron glue (window, security, menu, dialogs, ipc/electron-ipc, preload) imports electron; services run in plain Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the main process only through window.api.' }],
          patterns: [
            { group: ['node:*', '**/main/**', '**/preload/**'], message: 'The renderer is a web page: no Node, no main-process code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: IPC_FILES,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[imported.name=/^(ipcMain|ipcRenderer)$/]',
          message:
            'ipcMain/ipcRenderer are used only in src/main/ipc/electron-ipc.ts and src/preload/index.ts; declare channels in src/shared/contract.ts.',
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.{mjs,cjs,js}', '*.mjs', '*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*', 'bench/**/*'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
)
