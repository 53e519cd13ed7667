import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli'
import { WorkspaceManager } from '../../../src/main/services/workspace'
import { tmpDir } from '../../helpers/tmp'

/**
 * A full disk, for real: a 4 MB tmpfs mounted for this file (as root, which CI is). Where no tmpfs can be
 * mounted (not root, no mount permission) the file says so and skips.
 */
const base = mkdtempSync(join(tmpdir(), 'tandem-disk-full-')) // for the whole file (tmpDir's go after each test)
const disk = join(base, 'disk')
mkdirSync(disk)
let mounted = false
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk], { stdio: 'pipe' })
  mounted = true
} catch (e) {
  const why = String((e as { stderr?: Buffer }).stderr ?? e).trim()
  console.warn(`disk-full tests skipped: a small tmpfs cannot be mounted here (${why || 'mount failed'})`)
}
afterAll(() => {
  if (mounted) execFileSync('umount', [disk])
  rmSync(base, { recursive: true, force: true })
})
afterEach(() => {
  if (mounted) for (const f of readdirSync(disk)) rmSync(join(disk, f), { recursive: true, force: true })
})

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/** A CSV of `n` won opportunities outside the small disk (about 75 bytes a row). */
function opportunities(n: number, name = `opps-${n}.csv`): string {
  const rows = ['Opportunity ID,Stage,Amount,Close Date,Account Name']
  for (let i = 0; i < n; i++) rows.push(`o${i},Closed Won,${1000 + i},2025-02-10,Account number ${i} with a longer name`)
  const path = join(base, name)
  writeFileSync(path, `${rows.join('\n')}\n`)
  return path
}

/** Fills the small disk up to its last byte with a file of zeros. */
function fill(): string {
  const filler = join(disk, 'filler')
  const { bavail, bsize } = statfsSync(disk)
  writeFileSync(filler, Buffer.alloc(Number(bavail) * Number(bsize)))
  return filler
}

const FULL = (name: string) =>
  new RegExp(
    `^tandem: ${name.replace('.', '\\.')}: the disk holding it is full \\(\\d+ bytes free\\); nothing was changed\\. Free some space on it and try again\\.$`,
  )

function state(path: string): { opportunities: number; batches: number; integrity: string } {
  const db = new Database(path, { readonly: true })
  try {
    return {
      opportunities: (db.prepare('SELECT count(*) AS n FROM opportunities').get() as { n: number }).n,
      batches: (db.prepare('SELECT count(*) AS n FROM import_batches').get() as { n: number }).n,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    }
  } finally {
    db.close()
  }
}

describe.skipIf(!mounted)('a full disk', () => {
  it('an import into a new workspace that does not fit: one line naming it, and nothing left behind', async () => {
    const r = await cli('import', opportunities(60_000), '--db', join(disk, 'ws.sqlite'))
    expect(r.code).toBe(1)
    expect(r.stderr.split('\n').at(-1)).toMatch(FULL('ws.sqlite'))
    expect(readdirSync(disk)).toEqual([])
  })

  it('an import that does not fit changes nothing; the workspace reports as before, and again once the disk is full to the last byte and then freed', async () => {
    const ws = join(disk, 'ws.sqlite')
    expect((await cli('import', opportunities(2_000), '--db', ws)).code).toBe(0)
    const before = state(ws)
    const report = await cli('report', 'targets', '--period', '2025-Q1', '--db', ws, '--json')
    expect(report.code).toBe(0)

    const r = await cli('import', opportunities(60_000), '--db', ws)
    expect(r.code).toBe(1)
    expect(r.stderr.split('\n').at(-1)).toMatch(FULL('ws.sqlite'))
    expect(state(ws)).toEqual({ ...before, integrity: 'ok' })
    expect(await cli('report', 'targets', '--period', '2025-Q1', '--db', ws, '--json')).toEqual(report)

    // Not a byte left: SQLite cannot even size its shared-memory file, so the workspace cannot be opened;
    // it says so (not "disk I/O error"), and once space is freed everything is as it was.
    const filler = fill()
    const full = await cli('report', 'targets', '--period', '2025-Q1', '--db', ws)
    expect(full.code).toBe(1)
    expect(full.stderr).toMatch(FULL('ws.sqlite'))
    const manager = new WorkspaceManager({}, { dailyBackup: false })
    await expect(manager.open(ws)).rejects.toMatchObject({ code: 'DISK_FULL' })
    rmSync(filler)
    expect(await cli('report', 'targets', '--period', '2025-Q1', '--db', ws, '--json')).toEqual(report)
    expect(state(ws)).toEqual({ ...before, integrity: 'ok' })
  })

  it('a backup or an export onto a full disk names the file it could not write and leaves no part of it', async () => {
    const elsewhere = join(tmpDir(), 'ws.sqlite')
    expect((await cli('import', opportunities(2_000), '--db', elsewhere)).code).toBe(0)
    fill()
    const backup = await cli('backup', '--db', elsewhere, '--out', join(disk, 'copy.sqlite'))
    expect(backup.code).toBe(1)
    expect(backup.stderr).toMatch(FULL('copy.sqlite'))
    const exported = await cli('export', '--db', elsewhere, '--out', join(disk, 'all.zip'))
    expect(exported.code).toBe(1)
    expect(exported.stderr).toMatch(FULL('all.zip'))
    expect(readdirSync(disk)).toEqual(['filler'])
    expect(state(elsewhere).integrity).toBe('ok')
  })
})
