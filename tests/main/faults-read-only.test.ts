import Database from 'better-sqlite3'
import { chmodSync, existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyDatabase } from '../../src/main/db/backup'
import { openWorkspaceDb } from '../../src/main/db/connection'
import { fingerprint } from '../helpers/files'
import { importFile, testWorkspace, writeCsv } from '../helpers/import'
import { tmpDir } from '../helpers/tmp'
import { cliUnprivileged, runTsUnprivileged, unprivilegedPrefix } from '../helpers/unprivileged'

const HEADER = ['Opportunity ID', 'Stage', 'Amount', 'Close Date']

/** A workspace holding some opportunities (a few hundred pages), closed. */
async function workspaceWithData(rows = 5000, fillerBytes = 0): Promise<string> {
  const ws = await testWorkspace()
  const lines = Array.from({ length: rows }, (_, i) => [`o${i}`, i % 3 ? 'Closed Won' : 'Prospecting', 100 + i, '2025-02-10'])
  await importFile(ws, writeCsv(ws.dir, 'o.csv', [HEADER, ...lines]))
  if (fillerBytes > 0) ws.db.prepare("INSERT INTO meta (key, value) VALUES ('filler', ?)").run('x'.repeat(fillerBytes))
  ws.db.close()
  return ws.path
}

const canDropPrivileges = unprivilegedPrefix() !== null

describe.skipIf(!canDropPrivileges)('a workspace this user may not write (chmod 444)', () => {
  it('backup ends with a verified copy; import is refused in one line up front, nothing changed', async () => {
    const path = await workspaceWithData()
    chmodSync(path, 0o444)
    const before = fingerprint(path)
    const out = join(dirname(path), 'copy.sqlite')
    const backup = await cliUnprivileged(['backup', '--db', path, '--out', out], 60_000)
    expect(backup.timedOut).toBe(false)
    expect(backup).toMatchObject({ code: 0, stderr: `Backup of ws.sqlite written to ${out} and verified.` })
    const copy = new Database(out, { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    expect((copy.prepare('SELECT count(*) AS n FROM opportunities').get() as { n: number }).n).toBe(5000)
    copy.close()

    const csv = writeCsv(dirname(path), 'more.csv', [HEADER, ['n1', 'Closed Won', '5', '2025-03-01']])
    const imp = await cliUnprivileged(['import', csv, '--db', path], 60_000)
    expect(imp.timedOut).toBe(false)
    expect(imp.code).toBe(1)
    expect(imp.stderr).toBe(
      'tandem: ws.sqlite is read-only: you have no permission to write it. Nothing was changed; fix its permissions, or copy it to a folder you can write.',
    )
    const report = await cliUnprivileged(['report', 'targets', '--period', '2025-Q1', '--db', path], 60_000)
    expect(report.code).toBe(0)
    expect(report.stdout).toMatch(/closed-won +\d[\d,.]+/)
    expect(fingerprint(path).sha256).toBe(before.sha256)
    expect(readdirSync(dirname(path)).filter((f) => f.includes('.partial'))).toEqual([])
  }, 180_000)

  it('the app opens it read-only and says why; its backup ends, a change is refused with a message', async () => {
    const path = await workspaceWithData(500)
    chmodSync(path, 0o444)
    const r = await runTsUnprivileged('tests/fixtures/faults/open-in-app.ts', [path], 60_000)
    expect(r.timedOut).toBe(false)
    const out = JSON.parse(r.stdout)
    expect(out.info).toMatchObject({ name: 'ws.sqlite', readOnly: 'you have no permission to write it', isEmpty: false })
    expect(out.daily).toBeNull() // no daily backup of a workspace that cannot change
    expect(out.backup).toBe('ok') // a manual backup into its (writable) folder still works, and ends
    expect(out.settings).toMatchObject({ code: 'READ_ONLY' })
  }, 120_000)

  it('a folder this user may not write: the workspace is refused for writing, and a new one there too', async () => {
    const path = await workspaceWithData(50)
    const dir = dirname(path)
    chmodSync(dir, 0o555)
    try {
      const csv = join(tmpDir(), 'x.csv')
      const imp = await cliUnprivileged(['import', csv, '--db', path])
      expect(imp.stderr).toBe(
        `tandem: ws.sqlite is read-only: you have no permission to write its folder, ${dir}. Nothing was changed; fix its permissions, or copy it to a folder you can write.`,
      )
      const fresh = await cliUnprivileged(['settings', 'import', csv, '--db', join(dir, 'new.sqlite')])
      expect(fresh.stderr).toBe(`tandem: Cannot create ${join(dir, 'new.sqlite')}: you have no permission to write its folder, ${dir}.`)
      expect(existsSync(join(dir, 'new.sqlite'))).toBe(false)
    } finally {
      chmodSync(dir, 0o755)
    }
  }, 120_000)
})

describe('a backup always ends', () => {
  it('stops with a one-line reason when the source keeps changing, leaving nothing behind', async () => {
    const path = await workspaceWithData(100, 8_000_000)
    const db = await openWorkspaceDb(path)
    const writer = new Database(path)
    const insert = writer.prepare("INSERT INTO meta (key, value) VALUES ('probe', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    let writing = true
    // Another connection writes between every two steps: SQLite's online backup restarts each time.
    const churn = (): void => {
      if (!writing) return
      insert.run(String(Math.random()))
      setImmediate(churn)
    }
    churn()
    const dest = join(dirname(path), 'b.sqlite')
    const started = Date.now()
    try {
      await expect(copyDatabase(db, dest, { maxMs: 20_000, restarts: 3 })).rejects.toMatchObject({
        code: 'BACKUP_FAILED',
        message: expect.stringMatching(/^Could not copy ws\.sqlite: [\d,]+ of [\d,]+ pages were still to copy after [\d,]+ steps/),
      })
    } finally {
      writing = false
      writer.close()
      db.close()
    }
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(readdirSync(dirname(path)).filter((f) => f.startsWith('b.sqlite-'))).toEqual([])
  })
})
