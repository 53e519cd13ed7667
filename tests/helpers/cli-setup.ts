import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

/**
 * Vitest global setup: builds the command line's bundle when a source is newer than it (as `npm run cli`
 * does), once before the test files that load it (tests/helpers/cli.ts) run in parallel.
 */
export default function setup(): void {
  const root = join(__dirname, '../..')
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', "await (await import('./scripts/build-cli.mjs')).ensureCli()"], {
    cwd: root,
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`the command line could not be built: ${r.stderr.trim()}`)
}
