import Database from 'better-sqlite3'
import { writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION, TANDEM_APP_ID, openWorkspaceDb } from '../../../src/main/db/connection'
import { migrations, type Migration } from '../../../src/main/db/migrations'
import { backupsDirFor, listBackups } from '../../../src/main/db/backup'
import { AppError } from '../../../src/main/errors'
import { fingerprint } from '../../helpers/files'
import { tmpDir } from '../../helpers/tmp'

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

const m1: Migration = {
  version: 1,
  name: 'one',
  up: (db) => db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)'),
}
const m2: Migration = { version: 2, name: 'two', up: (db) => db.exec('ALTER TABLE items ADD COLUMN note TEXT') }
const m3broken: Migration = {
  version: 3,
  name: 'three',
  up: () => {
    throw new Error('boom')
  },
}

describe('openWorkspaceDb', () => {
  it('creates a new workspace with WAL, FULL sync, foreign keys, the app id and the latest schema', async () => {
    const path = join(tmpDir(), 'new.sqlite')
    const db = await openWorkspaceDb(path, { create: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    expect(db.pragma('application_id', { simple: true })).toBe(TANDEM_APP_ID)
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 })
    db.close()
    // A brand-new workspace has nothing to back up.
    expect(existsSync(backupsDirFor(path))).toBe(false)
  })

  it('numbers migrations 1..n without gaps', () => {
    migrations.forEach((m, i) => expect(m.version).toBe(i + 1))
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length)
  })

  it('refuses a missing file unless asked to create it', async () => {
    const e = await refusal(openWorkspaceDb(join(tmpDir(), 'nope.sqlite')))
    expect(e.code).toBe('NOT_FOUND')
  })

  it('backs up, then runs all pending migrations in one go, keeping the data', async () => {
    const path = join(tmpDir(), 'ws.sqlite')
    const v1 = await openWorkspaceDb(path, { create: true, migrations: [m1] })
    v1.prepare('INSERT INTO items (name) VALUES (?)').run('kept')
    v1.close()

    const v2 = await openWorkspaceDb(path, { migrations: [m1, m2] })
    expect(v2.pragma('user_version', { simple: true })).toBe(2)
    expect(v2.prepare('SELECT name, note FROM items').all()).toEqual([{ name: 'kept', note: null }])
    v2.close()

    const backups = listBackups(path)
    expect(backups.map((b) => b.kind)).toEqual(['migration'])
    // The backup holds the workspace as it was before the migration.
    const old = new Database(join(backupsDirFor(path), backups[0]!.file), { readonly: true })
    expect(old.pragma('user_version', { simple: true })).toBe(1)
    expect(old.prepare('SELECT * FROM items').all()).toEqual([{ id: 1, name: 'kept' }])
    old.close()
  })

  it('rolls every pending step back when one migration fails', async () => {
    const path = join(tmpDir(), 'ws.sqlite')
    const v1 = await openWorkspaceDb(path, { create: true, migrations: [m1] })
    v1.prepare('INSERT INTO items (name) VALUES (?)').run('kept')
    v1.close()

    const e = await refusal(openWorkspaceDb(path, { migrations: [m1, m2, m3broken] }))
    expect(e.code).toBe('WORKSPACE_IO')
    expect(e.message).toContain('boom')

    const db = new Database(path, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    // m2's column is gone with the rollback.
    expect(db.prepare('SELECT * FROM items').all()).toEqual([{ id: 1, name: 'kept' }])
    db.close()
  })

  it('refuses a workspace from a newer Tandem and leaves the file byte for byte as it was', async () => {
    const path = join(tmpDir(), 'future.sqlite')
    const db = await openWorkspaceDb(path, { create: true })
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    db.pragma('journal_mode = DELETE')
    db.close()
    const before = fingerprint(path)

    const e = await refusal(openWorkspaceDb(path))
    expect(e.code).toBe('WORKSPACE_TOO_NEW')
    expect(e.message).toMatch(/newer version of Tandem/)
    expect(e.message).toMatch(/left unchanged/)
    expect(fingerprint(path)).toEqual(before)
    expect(existsSync(backupsDirFor(path))).toBe(false)
  })

  it('refuses a SQLite database of another program untouched', async () => {
    const path = join(tmpDir(), 'other.db')
    const other = new Database(path)
    other.exec('CREATE TABLE customers (id INTEGER)')
    other.close()
    const before = fingerprint(path)
    const e = await refusal(openWorkspaceDb(path))
    expect(e.code).toBe('NOT_A_WORKSPACE')
    expect(fingerprint(path)).toEqual(before)
  })

  it('refuses a file that is not a database, and a folder', async () => {
    const dir = tmpDir()
    const path = join(dir, 'notes.sqlite')
    writeFileSync(path, 'these are my meeting notes, not a database '.repeat(200))
    const before = fingerprint(path)
    const e = await refusal(openWorkspaceDb(path))
    expect(e.code).toBe('NOT_A_WORKSPACE')
    expect(e.message).toContain('notes.sqlite')
    expect(fingerprint(path)).toEqual(before)

    const folder = join(dir, 'folder.sqlite')
    mkdirSync(folder)
    expect((await refusal(openWorkspaceDb(folder))).code).toBe('NOT_A_WORKSPACE')
  })

  it('removes a workspace it failed to create', async () => {
    const dir = tmpDir()
    const path = join(dir, 'half.sqlite')
    await refusal(openWorkspaceDb(path, { create: true, migrations: [m1, { ...m3broken, version: 2 }] }))
    expect(readdirSync(dir)).toEqual([])
  })
})
