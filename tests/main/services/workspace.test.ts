import Database from 'better-sqlite3'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { WorkspaceInfo } from '../../../src/shared/types'
import { LATEST_SCHEMA_VERSION, TANDEM_APP_ID } from '../../../src/main/db/connection'
import { AppError } from '../../../src/main/errors'
import { AppPrefs } from '../../../src/main/services/app-prefs'
import { getSettings, saveSettings } from '../../../src/main/services/settings'
import { openStartupWorkspace } from '../../../src/main/services/startup'
import { WorkspaceManager } from '../../../src/main/services/workspace'
import { defaultSettings } from '../../../src/shared/settings'
import { damagedWorkspace } from '../../helpers/damaged'
import { tmpDir } from '../../helpers/tmp'
import { seedLead } from '../../helpers/seed'

/** Puts a row into a data table so the workspace counts as holding data. */
function addData(ws: WorkspaceManager): void {
  seedLead(ws.db)
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

describe('WorkspaceManager', () => {
  it('creates, reports and switches workspaces, telling listeners each time', async () => {
    const dir = tmpDir()
    const seen: WorkspaceInfo[] = []
    const ws = new WorkspaceManager({ onChange: (i) => seen.push(i) })
    expect(() => ws.db).toThrow(/No workspace is open/)

    const a = await ws.open(join(dir, 'a.sqlite'), { create: true })
    expect(a).toMatchObject({ name: 'a.sqlite', schemaVersion: LATEST_SCHEMA_VERSION, isEmpty: true, backupsFolder: 'a.backups' })
    expect(a.sizeBytes).toBeGreaterThan(0)
    expect(a.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)

    await ws.open(join(dir, 'b.sqlite'), { create: true })
    expect(seen.map((i) => i.name)).toEqual(['a.sqlite', 'b.sqlite'])
    await expect(ws.open(join(dir, 'a.sqlite'), { create: true })).rejects.toThrow(/already exists/)
    ws.close()
  })

  it('stays on the current workspace when another cannot be opened', async () => {
    const dir = tmpDir()
    const ws = new WorkspaceManager()
    await ws.open(join(dir, 'good.sqlite'), { create: true })
    const future = join(dir, 'future.sqlite')
    const f = new Database(future)
    f.pragma(`application_id = ${TANDEM_APP_ID}`)
    f.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    f.close()
    expect((await caught(ws.open(future))).code).toBe('WORKSPACE_TOO_NEW')
    expect(ws.info().name).toBe('good.sqlite')
    ws.close()
  })

  it('saves a consistent copy under a new name and continues in the copy', async () => {
    const dir = tmpDir()
    const ws = new WorkspaceManager()
    await ws.open(join(dir, 'orig.sqlite'), { create: true })
    saveSettings(ws.db, { ...defaultSettings(), currency: 'EUR' })
    const info = await ws.saveAs(join(dir, 'copy.sqlite'))
    expect(info.name).toBe('copy.sqlite')
    expect(ws.path).toBe(join(dir, 'copy.sqlite'))
    expect(getSettings(ws.db).settings.currency).toBe('EUR')

    // Changes now go to the copy only.
    saveSettings(ws.db, { ...defaultSettings(), currency: 'GBP' })
    ws.close()
    const orig = new WorkspaceManager()
    await orig.open(join(dir, 'orig.sqlite'))
    expect(getSettings(orig.db).settings.currency).toBe('EUR')
    orig.close()
  })

  it('makes one daily backup, only of a workspace that holds data', async () => {
    const dir = tmpDir()
    let now = new Date('2026-11-23T08:00:00Z')
    const ws = new WorkspaceManager({}, { now: () => now })
    await ws.open(join(dir, 'ws.sqlite'), { create: true })
    expect(await ws.pendingDaily).toBeNull()
    addData(ws)
    await ws.open(join(dir, 'ws.sqlite'))
    expect((await ws.pendingDaily)?.kind).toBe('daily')
    await ws.open(join(dir, 'ws.sqlite'))
    expect(await ws.pendingDaily).toBeNull() // already done today
    now = new Date('2026-11-24T08:00:00Z')
    await ws.open(join(dir, 'ws.sqlite'))
    expect((await ws.pendingDaily)?.createdAt).toBe('2026-11-24T08:00:00.000Z')
    expect(ws.listBackups().map((b) => b.kind)).toEqual(['daily', 'daily'])
    ws.close()
  })

  it('restores a backup exactly, after backing up the state it replaces', async () => {
    const dir = tmpDir()
    const ws = new WorkspaceManager()
    await ws.open(join(dir, 'ws.sqlite'), { create: true })
    saveSettings(ws.db, { ...defaultSettings(), currency: 'EUR' })
    const good = await ws.backupNow()
    saveSettings(ws.db, { ...defaultSettings(), currency: 'GBP' })

    const info = await ws.restore(good.file)
    expect(info.name).toBe('ws.sqlite')
    expect(getSettings(ws.db).settings.currency).toBe('EUR')
    const kinds = ws
      .listBackups()
      .map((b) => b.kind)
      .sort()
    expect(kinds).toEqual(['manual', 'restore'])

    // The restore can itself be undone.
    const undo = ws.listBackups().find((b) => b.kind === 'restore')!
    await ws.restore(undo.file)
    expect(getSettings(ws.db).settings.currency).toBe('GBP')
    ws.close()
  })

  it('refuses to restore something that is not one of its backups', async () => {
    const dir = tmpDir()
    const ws = new WorkspaceManager()
    await ws.open(join(dir, 'ws.sqlite'), { create: true })
    expect((await caught(ws.restore('backup-manual-2026-01-01T00-00-00-000Z.sqlite'))).code).toBe('NOT_FOUND')
    // A damaged file in the backups folder is not restored.
    const b = await ws.backupNow()
    writeFileSync(join(dir, 'ws.backups', b.file), 'garbage')
    expect((await caught(ws.restore(b.file))).code).toBe('BACKUP_FAILED')
    expect(getSettings(ws.db).settings).toEqual(defaultSettings())
    ws.close()
  })
})

describe('openStartupWorkspace', () => {
  it('creates the default workspace on first run', async () => {
    const dir = tmpDir()
    const ws = new WorkspaceManager()
    expect(await openStartupWorkspace(ws, new AppPrefs(dir), join(dir, 'tandem.sqlite'))).toBeNull()
    expect(ws.path).toBe(join(dir, 'tandem.sqlite'))
    ws.close()
  })

  it('opens the default workspace when the last one is damaged, and offers the damaged one for restore', async () => {
    const { path } = await damagedWorkspace()
    const dir = tmpDir()
    const prefs = new AppPrefs(dir)
    prefs.touchWorkspace(path)
    const ws = new WorkspaceManager({}, { dailyBackup: false })
    expect(await openStartupWorkspace(ws, prefs, join(dir, 'tandem.sqlite'))).toMatch(
      /^ws\.sqlite is damaged .+ The default workspace is open instead\.$/,
    )
    expect(ws.path).toBe(join(dir, 'tandem.sqlite'))
    expect(ws.damaged()).toMatchObject({ name: 'ws.sqlite', backup: { kind: 'import' } })
    ws.close()
  })

  it('reopens the last workspace', async () => {
    const dir = tmpDir()
    const prefs = new AppPrefs(dir)
    const first = new WorkspaceManager()
    await first.open(join(dir, 'team.sqlite'), { create: true })
    first.close()
    prefs.touchWorkspace(join(dir, 'team.sqlite'))
    const ws = new WorkspaceManager()
    expect(await openStartupWorkspace(ws, prefs, join(dir, 'tandem.sqlite'))).toBeNull()
    expect(ws.path).toBe(join(dir, 'team.sqlite'))
    ws.close()
  })

  it('says why it fell back to the default when the last one is gone', async () => {
    const dir = tmpDir()
    const prefs = new AppPrefs(dir)
    prefs.touchWorkspace(join(dir, 'usb', 'team.sqlite'))
    const ws = new WorkspaceManager()
    const problem = await openStartupWorkspace(ws, prefs, join(dir, 'tandem.sqlite'))
    expect(problem).toMatch(/team\.sqlite, is not there any more/)
    expect(ws.path).toBe(join(dir, 'tandem.sqlite'))
    ws.close()
  })

  it('opens nothing, and says why, when even the default cannot be opened', async () => {
    const dir = tmpDir()
    const def = join(dir, 'tandem.sqlite')
    writeFileSync(def, 'not a database at all, just text that is long enough to not be empty')
    const ws = new WorkspaceManager()
    const problem = await openStartupWorkspace(ws, new AppPrefs(dir), def)
    expect(problem).toMatch(/not a Tandem workspace/)
    expect(ws.isOpen).toBe(false)
    expect(() => ws.db).toThrow(/No workspace is open\. tandem\.sqlite is not a Tandem workspace/)
    expect(existsSync(def)).toBe(true)
  })
})
