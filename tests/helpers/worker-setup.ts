import { join } from 'node:path'
import { sourceBundle } from '../../src/main/workers'

/**
 * Vitest global setup of the renderer project: bundles the main process's workers (the read worker of the
 * long reports, the import's workers) before the view tests start them through the loopback. Bundling
 * needs esbuild, which refuses to load inside jsdom (its TextEncoder check fails there), so a fresh
 * clone, or a source changed since the last bundle, made every report in those tests an internal error.
 */
export default function setup(): void {
  const main = join(__dirname, '../../src/main')
  for (const entry of ['services/read-worker.ts', 'import/worker/parse-worker.ts', 'import/worker/import-job.ts']) {
    sourceBundle(join(main, entry))
  }
}
