import Database from 'better-sqlite3'
import { closeSync, existsSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli'
import { WorkspaceManager } from '../../src/main/services/workspace'
import { fingerprint } from '../helpers/files'
import { damagedWorkspace, HEADER, rowsOf } from '../helpers/damaged'
import { writeCsv } from '../helpers/import'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
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

describe('a damaged workspace in the app', () => {
  it('is remembered when refused, named with its newest good backup, and restored by the app without the page naming it', async () => {
    const { path, backups } = await damagedWorkspace()
    const manager = new WorkspaceManager({}, { dailyBackup: false })
    expect(manager.damaged()).toBeNull()
    await expect(manager.restoreLastDamaged()).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(manager.open(path)).rejects.toMatchObject({ code: 'DAMAGED' })
    expect(manager.damaged()).toEqual({ name: 'ws.sqlite', backup: { file: backups[0], kind: 'import', createdAt: expect.any(String) } })
    const info = await manager.restoreLastDamaged()
    expect(info.name).toBe('ws.sqlite')
    expect((manager.db.prepare('SELECT count(*) AS n FROM opportunities').get() as { n: number }).n).toBe(3000)
    // Restored: nothing is offered any more.
    expect(manager.damaged()).toBeNull()
    manager.close()
  })

  it('without a backup that checks out: named, with nothing to restore, and left as it was', async () => {
    const { path, backups } = await damagedWorkspace()
    for (const b of backups) writeFileSync(join(dirname(path), 'ws.backups', b), 'not a database')
    const before = fingerprint(path)
    const manager = new WorkspaceManager({}, { dailyBackup: false })
    await expect(manager.open(path)).rejects.toMatchObject({ code: 'DAMAGED' })
    expect(manager.damaged()).toEqual({ name: 'ws.sqlite', backup: null })
    await expect(manager.restoreLastDamaged()).rejects.toThrow('ws.sqlite has no backup that checks out; nothing was changed.')
    expect(fingerprint(path).sha256).toBe(before.sha256)
  })
})
