import Database from 'better-sqlite3'
import { closeSync, existsSync, openSync, readdirSync, readSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli'
import { WorkspaceManager } from '../../src/main/services/workspace'
import { fingerprint } from '../helpers/files'
import { importFile, testWorkspace, writeCsv } from '../helpers/import'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

const HEADER = ['Opportunity ID', 'Stage', 'Amount', 'Close Date']
const rowsOf = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => [`o${from + i}`, 'Closed Won', 1000 + i, '2025-02-10'] as (string | number)[])

/**
 * A workspace with two imports (so a verified import backup exists), whose opportunities b-tree is then
 * damaged the way a flipped bit can: its root page claims fewer children than it has. SQLite reads such
 * a tree without an error, but half the rows are gone from every sum.
 */
async function damagedWorkspace(): Promise<{ path: string; backups: string[] }> {
  const ws = await testWorkspace()
  await importFile(ws, writeCsv(ws.dir, 'a.csv', [HEADER, ...rowsOf(0, 3000)]))
  await importFile(ws, writeCsv(ws.dir, 'b.csv', [HEADER, ...rowsOf(3000, 3000)]))
  const root = (ws.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'opportunities'").get() as { rootpage: number }).rootpage
  const pageSize = ws.db.pragma('page_size', { simple: true }) as number
  ws.db.close()
  const fd = openSync(ws.path, 'r+')
  try {
    const header = Buffer.alloc(8)
    readSync(fd, header, 0, 8, (root - 1) * pageSize)
    expect(header[0]).toBe(0x05) // an interior table page: the tree has several leaves
    const cells = header.readUInt16BE(3)
    expect(cells).toBeGreaterThan(2)
    header.writeUInt16BE(Math.floor(cells / 2), 3)
    writeSync(fd, header, 3, 2, (root - 1) * pageSize + 3)
  } finally {
    closeSync(fd)
  }
  return { path: ws.path, backups: readdirSync(join(ws.dir, 'ws.backups')) }
}

describe('a damaged workspace', () => {
  it('is refused by every command, naming its newest verified backup; no report comes from it', async () => {
    const { path, backups } = await damagedWorkspace()
    expect(backups).toHaveLength(1)
    const before = fingerprint(path)
    const report = await cli('report', 'targets', '--period', '2025-Q1', '--db', path)
    expect(report.stdout).toBe('')
    expect(report.code).toBe(1)
    expect(report.stderr).toMatch(
      new RegExp(
        `^tandem: ws\\.sqlite is damaged \\(SQLite's check says: .+\\); nothing was read from it or changed\\. ` +
          `Its newest backup that checks out is ws\\.backups/${backups[0]?.replace(/\./g, '\\.')} \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\): ` +
          'restore it in the app, or copy it in place of ws\\.sqlite\\.$',
      ),
    )
    expect(report.stderr.split('\n')).toHaveLength(1)
    const imp = await cli('import', writeCsv(dirname(path), 'c.csv', [HEADER, ...rowsOf(9000, 2)]), '--db', path)
    expect(imp.code).toBe(1)
    expect(imp.stderr).toMatch(/^tandem: ws\.sqlite is damaged/)
    expect(fingerprint(path).sha256).toBe(before.sha256)
  })

  it('passes over a damaged backup for the next older one that checks out', async () => {
    const { path, backups } = await damagedWorkspace()
    const dir = join(dirname(path), 'ws.backups')
    // A newer backup, itself damaged (not a database at all).
    const fd = openSync(join(dir, 'backup-manual-2099-01-01T00-00-00-000Z.sqlite'), 'w')
    writeSync(fd, Buffer.alloc(8192, 7))
    closeSync(fd)
    const r = await cli('report', 'targets', '--period', '2025-Q1', '--db', path)
    expect(r.stderr).toContain(`Its newest backup that checks out is ws.backups/${backups[0]} (`)
  })

  it('in the app: refused with the same reason, and its newest good backup restored in its place on request', async () => {
    const { path } = await damagedWorkspace()
    const manager = new WorkspaceManager({}, { dailyBackup: false })
    await expect(manager.open(path)).rejects.toMatchObject({ code: 'DAMAGED' })
    expect(manager.isOpen).toBe(false)
    const info = await manager.restoreDamaged(path)
    expect(info.name).toBe('ws.sqlite')
    // The backup was taken before the second import: the first import's 3,000 rows, all of them.
    expect((manager.db.prepare('SELECT count(*) AS n FROM opportunities').get() as { n: number }).n).toBe(3000)
    manager.close()
    const kept = readdirSync(dirname(path)).filter((f) => f.startsWith('ws.sqlite.damaged-'))
    expect(kept).toHaveLength(1)
    const damaged = new Database(join(dirname(path), kept[0] as string), { readonly: true })
    expect(damaged.pragma('quick_check', { simple: true })).not.toBe('ok')
    damaged.close()
    expect(existsSync(`${path}.restoring`)).toBe(false)
  })
})
