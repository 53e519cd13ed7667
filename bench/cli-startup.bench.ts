import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { median } from './common'

/**
 * Issue #19, point 1: how long the command line takes before it does anything. Each round runs, in an
 * order that rotates from round to round, plain `node -e 0` (the floor), the built CLI as
 * `npm run cli` runs it (`node scripts/cli.mjs --help`: the mtime check, then the bundle), the same
 * through npm (`npm run --silent cli -- --help`), a command that opens a workspace (`settings export`),
 * and the CLI from source through tsx as `npm run cli` ran it before. Medians and the spread (min–max)
 * over the rounds; the host's load average is printed, since a busy machine moves every figure.
 */
const ROOT = join(__dirname, '..')
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 11)
const TARGET_CLI_MS = 150
const TARGET_NPM_MS = 500

const dir = mkdtempSync(join(tmpdir(), 'tandem-cli-bench-'))
const ws = join(dir, 'ws.sqlite')
const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}` }
delete env['npm_config_loglevel']

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.split('\n')[0]}`)
}

// The bundle is built (or found current) once, outside the timings, and makes the workspace.
writeFileSync(join(dir, 's.json'), JSON.stringify({ currency: 'EUR' }))
run(process.execPath, ['scripts/cli.mjs', 'settings', 'import', join(dir, 's.json'), '--db', ws])

const cases: [string, string, string[]][] = [
  ['node -e 0', process.execPath, ['-e', '0']],
  ['node scripts/cli.mjs --help', process.execPath, ['scripts/cli.mjs', '--help']],
  ['npm run --silent cli -- --help', 'npm', ['run', '--silent', 'cli', '--', '--help']],
  ['node scripts/cli.mjs settings export', process.execPath, ['scripts/cli.mjs', 'settings', 'export', '--db', ws]],
  ['before: tsx src/main/cli-entry.ts --help', process.execPath, ['--import', 'tsx', 'src/main/cli-entry.ts', '--help']],
]
const times = new Map<string, number[]>(cases.map(([name]) => [name, []]))
const loads: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < cases.length; i++) {
    const [name, cmd, args] = cases[(i + round) % cases.length]!
    if (name.startsWith('before')) env['TSX_TSCONFIG_PATH'] = join(ROOT, 'tsconfig.node.json')
    const t0 = performance.now()
    run(cmd, args)
    times.get(name)!.push(performance.now() - t0)
    delete env['TSX_TSCONFIG_PATH']
  }
  loads.push(loadavg()[0]!)
}
rmSync(dir, { recursive: true, force: true })

const ms = (x: number): string => `${Math.round(x)} ms`
console.log(`${ROUNDS} rounds, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (2 cores)`)
for (const [name, xs] of times)
  console.log(`  ${name.padEnd(42)} median ${ms(median(xs)).padStart(7)}  (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`)
const node = median(times.get('node -e 0')!)
const cli = median(times.get('node scripts/cli.mjs --help')!)
const npm = median(times.get('npm run --silent cli -- --help')!)
console.log(`  the CLI's own start-up over node's: +${ms(cli - node)}`)
const ok = cli < TARGET_CLI_MS && npm < TARGET_NPM_MS
console.log(
  `CLI start-up ${ms(cli)} (target < ${TARGET_CLI_MS} ms), through npm ${ms(npm)} (target < ${TARGET_NPM_MS} ms): ${ok ? 'met' : 'MISSED'}`,
)
process.exitCode = ok ? 0 : 1
