/**
 * Tandem's layers, enforced on every `npm run lint` (see docs/architecture.md):
 *
 *   shared        pure code both processes run (types, contract, metrics definitions, time, import values)
 *   main/db       SQLite: connection, migrations, repos; the lowest layer of the main process
 *   main/import   reading files and writing batches, through db
 *   main/metrics  computations over repos
 *   main/services one service per feature, over metrics, import and db; wired once (main-services.ts)
 *   main/ipc, reports, cli, index: thin callers of services
 *   renderer      the page: store (zustand slices) under features, components shared by features
 *
 * An arrow that points up (or across features) is an error, as is an import cycle, except the zustand
 * slice pattern: each slice imports the store's type from store/index.ts, which imports the slices.
 */
const main = '^src/main/'
module.exports = {
  forbidden: [
    {
      name: 'renderer-not-main',
      severity: 'error',
      comment: 'The page reaches the main process through window.api only.',
      from: { path: '^src/(renderer|preload)/' },
      to: { path: main },
    },
    {
      name: 'shared-stays-shared',
      severity: 'error',
      comment: 'shared/ is imported by both processes and imports neither.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|renderer|preload)/' },
    },
    {
      name: 'db-is-the-bottom',
      severity: 'error',
      comment: 'db/ holds SQL; it imports nothing of the main process above it.',
      from: { path: `${main}db/` },
      to: { path: `${main}(services|import|metrics|ipc|reports)/|${main}(cli|index)\\.ts$` },
    },
    {
      name: 'import-not-services',
      severity: 'error',
      comment: 'The import pipeline is called by services, never the other way round.',
      from: { path: `${main}import/` },
      to: { path: `${main}(services|metrics|ipc|reports)/` },
    },
    {
      name: 'metrics-not-services',
      severity: 'error',
      comment: 'Metrics compute over repos; services call them.',
      from: { path: `${main}metrics/` },
      to: { path: `${main}(services|import|ipc|reports)/` },
    },
    {
      name: 'services-not-callers',
      severity: 'error',
      comment: 'IPC handlers, reports and the CLI call services, not the reverse.',
      from: { path: `${main}services/` },
      to: { path: `${main}(ipc|reports)/|${main}(cli|index)\\.ts$` },
    },
    {
      name: 'store-not-features',
      severity: 'error',
      comment: 'The store holds state; views read it, never the other way round.',
      from: { path: '^src/renderer/src/store/' },
      to: { path: '^src/renderer/src/features/' },
    },
    {
      name: 'components-not-features',
      severity: 'error',
      comment: 'Shared components are used by features and know none of them.',
      from: { path: '^src/renderer/src/components/' },
      to: { path: '^src/renderer/src/features/' },
    },
    {
      name: 'features-stay-apart',
      severity: 'error',
      comment: 'A feature imports only its own folder; what two features share goes to components/.',
      from: { path: '^src/renderer/src/features/([^/]+)/' },
      to: { path: '^src/renderer/src/features/', pathNot: '^src/renderer/src/features/$1/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Import cycles make initialisation order matter. The zustand slice pattern (a slice imports the Store type from store/index.ts) is the one allowed cycle.',
      from: { pathNot: '^src/renderer/src/store/(index|[^/]+-slice)\\.ts$' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
    exclude: { path: '(^|/)node_modules/' },
  },
}
