import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import * as electron from 'electron'
import * as fake from '../helpers/fake-electron'
import { DROPPED_FILE_CHANNEL } from '../../src/shared/contract'
import { tmpDir } from '../helpers/tmp'

const f = electron as unknown as typeof fake

describe('the app starting (src/main/index.ts against the fake electron module)', () => {
  it('registers app:// before ready, serves it once ready, and loads its window from app://tandem, never file://', async () => {
    fake.resetFakeElectron()
    const userData = tmpDir()
    vi.stubEnv('TANDEM_USER_DATA_DIR', userData)
    const privilegedBeforeReady: string[] = []
    const register = f.protocol.registerSchemesAsPrivileged.bind(f.protocol)
    f.protocol.registerSchemesAsPrivileged = (schemes) => {
      if (!f.app.ready) privilegedBeforeReady.push(...schemes.map((s) => s.scheme))
      register(schemes)
    }
    await import('../../src/main/index')
    await vi.waitFor(() => expect(f.BrowserWindow.windows).toHaveLength(1), { timeout: 10_000 })
    expect(privilegedBeforeReady).toEqual(['app'])
    expect(f.protocol.handlers.has('app')).toBe(true)
    expect(f.BrowserWindow.windows[0]!.loadedUrl).toBe('app://tandem/index.html')
    expect(existsSync(join(userData, 'tandem.sqlite'))).toBe(true)
    vi.unstubAllEnvs()
  })

  // The app's own wiring, as booted above: index.ts with electron's dialog and shell.
  const APP = 'app://tandem/index.html'
  const invoke = (channel: string, ...args: unknown[]) => f.ipcMain.handlers.get(channel)!({ senderFrame: { url: APP } }, ...args)

  it('opens a link the page asks for only after a dialog that shows the full URL, and never one with a query string', async () => {
    f.dialog.messageBoxes = []
    f.shell.opened = []
    expect(await invoke('app:openExternal', 'https://evil.example/collect?d=secret')).toMatchObject({ ok: false, code: 'URL_REFUSED' })
    expect(f.dialog.messageBoxes).toEqual([])
    f.dialog.nextResponse = 0
    expect(await invoke('app:openExternal', 'https://docs.example.com/help')).toEqual({ ok: true, data: false })
    expect(f.shell.opened).toEqual([])
    f.dialog.nextResponse = 1
    expect(await invoke('app:openExternal', 'https://docs.example.com/help')).toEqual({ ok: true, data: true })
    expect(f.shell.opened).toEqual(['https://docs.example.com/help'])
    expect(f.dialog.messageBoxes.map((b) => b['detail'])).toEqual(['https://docs.example.com/help', 'https://docs.example.com/help'])
  })

  it('shows the workspace and its backups in the file manager (shell.showItemInFolder); the page gets only their names', async () => {
    f.shell.shown = []
    const dir = tmpDir()
    f.dialog.nextSave = join(dir, 'team.sqlite')
    expect(await invoke('workspace:create')).toMatchObject({ ok: true, data: { name: 'team.sqlite' } })
    const current = (await invoke('workspace:current')) as { ok: true; data: Record<string, unknown> }
    expect(current.data).toMatchObject({ name: 'team.sqlite', backupsFolder: 'team.backups' })
    expect(JSON.stringify(current.data)).not.toContain('/')
    expect(await invoke('workspace:reveal')).toEqual({ ok: true, data: null })
    expect(f.shell.shown).toEqual([join(dir, 'team.sqlite')])
    const backup = (await invoke('backups:create')) as { ok: true; data: { file: string } }
    expect(await invoke('backups:reveal')).toEqual({ ok: true, data: null })
    expect(f.shell.shown[1]).toBe(join(dir, 'team.backups', backup.data.file))
    expect(existsSync(f.shell.shown[1]!)).toBe(true)
  })

  it('registers a dropped file over the private channel and reads it by handle, never by path', async () => {
    const dir = tmpDir()
    const csv = join(dir, 'leads.csv')
    writeFileSync(csv, 'Lead ID,Email,Created Date\nL1,a@example.com,2025-08-01\n')
    const dropped = (await invoke(DROPPED_FILE_CHANNEL, csv)) as { ok: true; data: { handle: string; name: string } }
    expect(dropped.data.name).toBe('leads.csv')
    expect(await invoke('import:inspect', csv)).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(await invoke('import:inspect', dropped.data.handle)).toMatchObject({ ok: true, data: { fileName: 'leads.csv' } })
  })
})
