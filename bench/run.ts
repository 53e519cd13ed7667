import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after the other (so one's memory
 * does not count against the next's peak RSS), or only those named: `npm run bench -- import`.
 * Each prints its own measurements and ratios; a bench that misses its target exits non-zero.
 */
const only = process.argv.slice(2)
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort()
let failed = 0
for (const file of files) {
  console.log(`\n=== ${file}`)
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, file)], {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, '..', 'tsconfig.node.json') },
  })
  if (res.status !== 0) failed++
}
console.log(failed === 0 ? `\nAll ${files.length} benches met their targets.` : `\n${failed} of ${files.length} benches missed a target.`)
process.exit(failed === 0 ? 0 : 1)
