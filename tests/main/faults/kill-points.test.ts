import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli'
import { LATEST_SCHEMA_VERSION, openWorkspaceDb } from '../../../src/main/db/connection'
import { WorkspaceManager } from '../../../src/main/services/workspace'
import { seededRandom } from '../../helpers/random'
import { tmpDir } from '../../helpers/tmp'

/**
 * Kill safety, proved at random points: each operation that writes a workspace is run in a child process
 * and killed (SIGKILL, as a crash or a power cut would) at KILL_POINTS random moments between its start
 * and its end. After every kill the workspace passes `integrity_check` and holds exactly the state before
 * the operation or exactly the state after it, never a mix; the app then opens it. The counts are printed.
 */
const KILL_POINTS = Number(process.env.TANDEM_KILL_POINTS ?? 20)
const SEED = Number(process.env.TANDEM_KILL_SEED ?? 20261205)
const ROOT = resolve(import.meta.dirname, '../../..')
const CHILD = join(ROOT, 'tests/helpers/fault-child.ts')
const ROWS = 40_000

/** Columns the machine fills in with the time of the operation: not part of the state compared. */
const VOLATILE: Record<string, readonly string[]> = {
  settings: ['updated_at'],
  settings_history: ['saved_at'],
  saved_mappings: ['used_at'],
  mql_targets: ['updated_at'],
  import_batches: ['started_at', 'committed_at', 'undone_at'],
}

interface Seen {
  version: number
  integrity: string
  state: string
}

/** Opens the file as the next program would (a hot journal is rolled back) and fingerprints every table. */
function look(path: string): Seen {
  const db = new Database(path)
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string
    const version = db.pragma('user_version', { simple: true }) as number
    const hash = createHash('sha256')
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
    for (const table of tables) {
      const cols = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).filter(
        (c) => !VOLATILE[table]?.includes(c),
      )
      const undone = table === 'import_batches' ? ', undone_at IS NOT NULL' : ''
      hash.update(`${table}\n`)
      for (const row of db
        .prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')}${undone} FROM "${table}" ORDER BY 1, 2`)
        .raw()
        .all()) {
        hash.update(`${JSON.stringify(row)}\n`)
      }
    }
    return { version, integrity, state: hash.digest('hex') }
  } finally {
    db.close()
  }
}

interface Run {
  code: number | null
  killed: boolean
  /** Milliseconds from "go" to the kill or the end. */
  ms: number
}

function runChild(args: string[], killAfterMs: number | null): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let go = 0
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      if (go || !d.toString().includes('go')) return
      go = performance.now()
      if (killAfterMs !== null) setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), killAfterMs)
    })
    child.on('error', fail)
    child.on('exit', (code, signal) => {
      if (killAfterMs === null && code !== 0) fail(new Error(`${args.join(' ')} failed (${code}): ${stderr}`))
      else done({ code, killed: signal === 'SIGKILL', ms: performance.now() - go })
    })
  })
}

interface Operation {
  /** Makes `dir/base/` (the workspace and what sits beside it) and any source files outside it. */
  setup(dir: string): Promise<void>
  /** The child's arguments for the workspace folder `ws` (a copy of base/). */
  args(ws: string, dir: string): string[]
  /** Extra checks after a kill (files the operation writes beside the workspace); returns what was found. */
  check?(ws: string, before: Seen): string
}

const HEADER = 'Opportunity ID,Opportunity Name,Stage,Amount,Close Date\n'
function bigCsv(path: string, prefix: string): void {
  let text = HEADER
  for (let i = 0; i < ROWS; i++) text += `${prefix}${i},Deal ${i} for a customer,${i % 2 ? 'Closed Won' : 'Negotiation'},${i},2025-02-01\n`
  writeFileSync(path, text)
}

async function cli(...argv: string[]): Promise<void> {
  const err: string[] = []
  const code = await runCli(argv, { out: () => {}, err: (t) => err.push(t) })
  if (code !== 0) throw new Error(`${argv.join(' ')}: ${err.join('\n')}`)
}

async function smallWorkspace(dir: string): Promise<string> {
  mkdirSync(join(dir, 'base'), { recursive: true })
  const first = join(dir, 'first.csv')
  writeFileSync(first, `${HEADER}1,Kept,Closed Won,10,2025-01-01\n2,Also kept,Negotiation,20,2025-03-01\n`)
  const ws = join(dir, 'base', 'ws.sqlite')
  await cli('import', first, '--db', ws)
  return ws
}

const OPERATIONS: Record<string, Operation> = {
  import: {
    async setup(dir) {
      await smallWorkspace(dir)
      bigCsv(join(dir, 'big.csv'), 'K')
    },
    args: (ws, dir) => ['cli', 'import', join(dir, 'big.csv'), '--db', join(ws, 'ws.sqlite')],
  },
  undo: {
    async setup(dir) {
      const ws = await smallWorkspace(dir)
      bigCsv(join(dir, 'big.csv'), 'K')
      await cli('import', join(dir, 'big.csv'), '--db', ws)
    },
    args: (ws) => ['cli', 'undo-import', '2', '--db', join(ws, 'ws.sqlite')],
  },
  backup: {
    async setup(dir) {
      const ws = await smallWorkspace(dir)
      bigCsv(join(dir, 'big.csv'), 'K')
      await cli('import', join(dir, 'big.csv'), '--db', ws)
    },
    args: (ws) => ['cli', 'backup', '--db', join(ws, 'ws.sqlite'), '--out', join(ws, 'copy.sqlite')],
    check(ws, before) {
      // The copy is either not there or complete: never a file that looks like a backup and is not one.
      const copy = join(ws, 'copy.sqlite')
      if (!existsSync(copy)) return 'no copy'
      expect(look(copy)).toEqual(before)
      return 'a complete copy'
    },
  },
  restore: {
    async setup(dir) {
      const ws = await smallWorkspace(dir)
      const manager = new WorkspaceManager({}, { dailyBackup: false })
      await manager.open(ws)
      await manager.backupNow('manual')
      manager.close()
      bigCsv(join(dir, 'big.csv'), 'K')
      await cli('import', join(dir, 'big.csv'), '--db', ws)
    },
    args(ws) {
      const manual = readdirSync(join(ws, 'ws.backups')).find((f) => f.startsWith('backup-manual-') && f.endsWith('.sqlite'))
      return ['restore', join(ws, 'ws.sqlite'), manual ?? 'missing']
    },
  },
  'settings import': {
    async setup(dir) {
      const ws = await smallWorkspace(dir)
      bigCsv(join(dir, 'big.csv'), 'K')
      await cli('import', join(dir, 'big.csv'), '--db', ws)
      await cli('settings', 'export', '--db', ws, '--out', join(dir, 'settings.json'))
      const json = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>
      writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...json, timezone: 'Asia/Tokyo', currency: 'EUR' }))
    },
    args: (ws, dir) => ['cli', 'settings', 'import', join(dir, 'settings.json'), '--db', join(ws, 'ws.sqlite')],
  },
  migration: {
    async setup(dir) {
      // The released schema-6 workspace (tests/fixtures/workspaces), grown to ROWS more opportunities so
      // that the upgrade's backup and index builds take long enough to be killed inside.
      mkdirSync(join(dir, 'base'), { recursive: true })
      const ws = join(dir, 'base', 'ws.sqlite')
      copyFileSync(join(ROOT, 'tests/fixtures/workspaces/v6.sqlite'), ws)
      const db = new Database(ws)
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO opportunities (source_system, external_id, name, account, owner, stage, amount_minor, currency, created_at, close_date,
                                    lead_source, batch_id, created_batch_id)
         SELECT 'csv', 'G' || i, 'Grown ' || i, 'Account ' || (i % 97), 'Owner ' || (i % 7), 'Closed Won', i * 100, 'USD',
                '2025-01-01', '2025-02-01', 'Webinar', 2, 2 FROM n`,
      ).run(ROWS)
      db.close()
    },
    args: (ws) => ['open', join(ws, 'ws.sqlite')],
  },
}

describe(`kill safety at ${KILL_POINTS} random points per operation (seed ${SEED})`, () => {
  for (const [name, op] of Object.entries(OPERATIONS)) {
    it(
      name,
      async () => {
        const random = seededRandom(SEED + name.length)
        const dir = tmpDir()
        await op.setup(dir)
        const base = join(dir, 'base')
        const before = look(join(base, 'ws.sqlite'))
        expect(before.integrity).toBe('ok')

        // One run to the end: the state after, and how long the operation takes.
        const full = join(dir, 'full')
        cpSync(base, full, { recursive: true })
        const end = await runChild(op.args(full, dir), null)
        const after = look(join(full, 'ws.sqlite'))
        expect(after.integrity).toBe('ok')
        if (name !== 'backup') expect(after.state).not.toBe(before.state)

        const tally = { before: 0, after: 0, finished: 0 }
        const found = new Map<string, number>()
        const points: number[] = []
        for (let k = 0; k < KILL_POINTS; k++) {
          const ws = join(dir, `kill-${k}`)
          cpSync(base, ws, { recursive: true })
          const at = Math.round(random() * end.ms)
          points.push(at)
          const run = await runChild(op.args(ws, dir), at)
          if (!run.killed) tally.finished++
          const seen = look(join(ws, 'ws.sqlite'))
          const label = `${name}: kill ${k} at ${at} ms of ${Math.round(end.ms)} ms`
          expect(seen.integrity, label).toBe('ok')
          const which = seen.version === before.version && seen.state === before.state ? 'before' : 'after'
          if (which === 'after') expect(seen, label).toEqual(after)
          tally[which]++
          const extra = op.check?.(ws, before)
          if (extra) found.set(extra, (found.get(extra) ?? 0) + 1)
          // And the app opens it (a killed upgrade completes here).
          const reopened = await openWorkspaceDb(join(ws, 'ws.sqlite'))
          expect(reopened.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
          reopened.close()
        }
        console.log(
          `kill safety: ${name}: ${KILL_POINTS} kills at ${Math.min(...points)}-${Math.max(...points)} ms of a ${Math.round(end.ms)} ms run: ` +
            `${tally.before} left the state before, ${tally.after} the state after (${tally.finished} had finished)` +
            [...found].map(([what, n]) => `, ${n} ${what}`).join('') +
            `, integrity ok ${KILL_POINTS}/${KILL_POINTS}`,
        )
        expect(tally.before + tally.after).toBe(KILL_POINTS)
      },
      600_000,
    )
  }
})
