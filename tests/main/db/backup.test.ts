import Database from 'better-sqlite3'
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KEEP, backupsDirFor, createBackup, listBackups, parseBackupName, verifyBackup } from '../../../src/main/db/backup'
import { LATEST_SCHEMA_VERSION, TANDEM_APP_ID, openWorkspaceDb } from '../../../src/main/db/connection'
import { AppError } from '../../../src/main/errors'
import { tmpDir } from '../../helpers/tmp'

describe('backups', () => {
  it('sits next to the workspace, named after it', () => {
    expect(backupsDirFor('/data/Team plan.sqlite')).toBe('/data/Team plan.backups')
    expect(backupsDirFor('/data/noext')).toBe('/data/noext.backups')
  })

  it('writes a verified copy that holds the data and reads back its kind and time', async () => {
    const path = join(tmpDir(), 'ws.sqlite')
    const db = await openWorkspaceDb(path, { create: true })
    db.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'here')").run()
    const at = new Date('2026-03-04T05:06:07.089Z')
    const info = await createBackup(db, path, 'manual', at)
    db.close()

    expect(info).toMatchObject({ kind: 'manual', createdAt: at.toISOString() })
    expect(parseBackupName(info.file)).toEqual({ kind: 'manual', createdAt: at.toISOString() })
    const copy = new Database(join(backupsDirFor(path), info.file), { readonly: true })
    expect(copy.prepare("SELECT value FROM meta WHERE key = 'probe'").get()).toEqual({ value: 'here' })
    copy.close()
    expect(listBackups(path)).toEqual([info])
    expect(readdirSync(backupsDirFor(path)).some((f) => f.endsWith('.partial'))).toBe(false)
  })

  it('keeps only the newest backups of each kind', async () => {
    const path = join(tmpDir(), 'ws.sqlite')
    const db = await openWorkspaceDb(path, { create: true })
    const base = Date.parse('2026-01-01T00:00:00Z')
    for (let i = 0; i < KEEP.daily + 3; i++) await createBackup(db, path, 'daily', new Date(base + i * 86_400_000))
    await createBackup(db, path, 'manual', new Date(base))
    db.close()
    const all = listBackups(path)
    const daily = all.filter((b) => b.kind === 'daily')
    expect(daily).toHaveLength(KEEP.daily)
    // Newest first, and the oldest three are the ones that went.
    expect(daily[0]!.createdAt).toBe(new Date(base + (KEEP.daily + 2) * 86_400_000).toISOString())
    expect(daily.at(-1)!.createdAt).toBe(new Date(base + 3 * 86_400_000).toISOString())
    expect(all.filter((b) => b.kind === 'manual')).toHaveLength(1)
  })

  it('does not mistake other files in the folder for backups', async () => {
    const path = join(tmpDir(), 'ws.sqlite')
    const db = await openWorkspaceDb(path, { create: true })
    await createBackup(db, path, 'manual')
    db.close()
    writeFileSync(join(backupsDirFor(path), 'notes.txt'), 'x')
    writeFileSync(join(backupsDirFor(path), 'backup-evil-2026.sqlite'), 'x')
    expect(listBackups(path)).toHaveLength(1)
  })

  it('detects a damaged backup', async () => {
    const dir = tmpDir()
    const path = join(dir, 'ws.sqlite')
    const db = await openWorkspaceDb(path, { create: true })
    const info = await createBackup(db, path, 'manual')
    db.close()
    const good = join(backupsDirFor(path), info.file)
    expect(verifyBackup(good, { applicationId: TANDEM_APP_ID })).toEqual({ userVersion: LATEST_SCHEMA_VERSION })

    const bad = join(dir, 'bad.sqlite')
    copyFileSync(good, bad)
    const bytes = readFileSync(bad)
    bytes.fill(0xab, 4096, 8192) // trash the second page
    writeFileSync(bad, bytes)
    expect(() => verifyBackup(bad, { applicationId: TANDEM_APP_ID })).toThrow(AppError)
    expect(() => verifyBackup(good, { applicationId: 123 })).toThrow(/not a Tandem workspace backup/)
    expect(() => verifyBackup(good, { applicationId: TANDEM_APP_ID, userVersion: LATEST_SCHEMA_VERSION + 1 })).toThrow(
      new RegExp(`schema ${LATEST_SCHEMA_VERSION}, expected ${LATEST_SCHEMA_VERSION + 1}`),
    )
  })

  it('fails with BACKUP_FAILED and leaves nothing half-written when the folder cannot be written', async () => {
    const path = join(tmpDir(), 'ws.sqlite')
    const db = await openWorkspaceDb(path, { create: true })
    // A file where the folder should be (permissions would not stop root, who runs CI).
    writeFileSync(backupsDirFor(path), 'not a folder')
    const e = await createBackup(db, path, 'import').catch((x: unknown) => x)
    db.close()
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('BACKUP_FAILED')
    expect(existsSync(`${backupsDirFor(path)}.partial`)).toBe(false)
  })
})
