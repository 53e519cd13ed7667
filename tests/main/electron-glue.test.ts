import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import * as electron from 'electron'
import { DROPPED_FILE_CHANNEL, allChannels, eventChannelOf } from '../../src/shared/contract'
import { CONTENT_SECURITY_POLICY } from '../../src/main/security-policy'
import { confirmAndOpenExternal, hardenContents, hardenSession, installSecurity } from '../../src/main/security'
import { createAudienceScreens, createMainWindow } from '../../src/main/window'
import { buildMenuTemplate, installMenu, type MenuActions } from '../../src/main/menu'
import { broadcast, registerElectronIpc } from '../../src/main/ipc/electron-ipc'
import { createHandlers } from '../../src/main/ipc/handlers'
import { AppPrefs } from '../../src/main/services/app-prefs'
import { createMainServices } from '../../src/main/services/main-services'
import { APP_URL } from '../../src/main/app-protocol'
import { registerAppScheme, serveAppScheme } from '../../src/main/app-scheme'
import { electronDialogs } from '../../src/main/dialogs-electron'
import * as fake from '../helpers/fake-electron'
import { tmpDir } from '../helpers/tmp'

// vitest.config.mts aliases 'electron' to the fake; make sure that is what the glue got.
const f = electron as unknown as typeof fake
const APP = APP_URL

beforeEach(() => fake.resetFakeElectron())

describe('window', () => {
  it('has every security option set explicitly', () => {
    const win = createMainWindow({ preloadPath: '/app/out/preload/index.js' }, new AppPrefs(tmpDir()), APP) as unknown as fake.BrowserWindow
    const opts = win.options as { webPreferences: Record<string, unknown>; show: boolean }
    expect(opts.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    })
    expect(opts.show).toBe(false)
  })

  it('opens where it was last time and remembers where it is when closed', () => {
    const dir = tmpDir()
    const prefs = new AppPrefs(dir)
    prefs.windowBounds = { x: 100, y: 50, width: 1100, height: 700, maximized: false, fullScreen: false }
    const win = createMainWindow({ preloadPath: '/p.js' }, prefs, APP) as unknown as fake.BrowserWindow
    expect(win.options).toMatchObject({ x: 100, y: 50, width: 1100, height: 700 })
    expect(win.loadedUrl).toBe(APP)

    win.setBounds({ x: 300, y: 200, width: 1000, height: 640 })
    win.maximize()
    win.emit('close')
    expect(new AppPrefs(dir).windowBounds).toEqual({ x: 300, y: 200, width: 1000, height: 640, maximized: true, fullScreen: false })
  })
})

describe('presentation windows', () => {
  const SECOND = { id: 2, bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, workArea: { x: 1920, y: 0, width: 3840, height: 2160 } }

  it('with a second display, opens the audience full screen on it, as secure as the main window, and closes it', () => {
    f.screen.displays = [...fake.ONE_DISPLAY, SECOND]
    const main = createMainWindow({ preloadPath: '/p.js' }, new AppPrefs(tmpDir()), APP) as unknown as fake.BrowserWindow
    const screens = createAudienceScreens({ preloadPath: '/p.js', url: () => APP, mainWindow: () => main as never })
    expect(screens.open()).toBe(true)
    const audience = f.BrowserWindow.windows[1] as fake.BrowserWindow
    expect(f.BrowserWindow.windows).toHaveLength(2)
    expect(audience.options).toMatchObject({ ...SECOND.bounds, fullscreen: true, frame: false, show: false })
    expect(audience.options['webPreferences']).toEqual(main.options['webPreferences'])
    expect(audience.loadedUrl).toBe(`${APP}#audience`)
    expect(main.isFullScreen()).toBe(false)
    // Its calls are told apart by its web contents (ipc/register.ts limits them to the slides).
    expect(screens.isAudience(audience.webContents.id)).toBe(true)
    expect(screens.isAudience(main.webContents.id)).toBe(false)
    screens.close()
    expect(audience.isDestroyed()).toBe(true)
    expect(screens.isAudience(audience.webContents.id)).toBe(false)
  })

  it('puts the audience on the display the main window is not on, whichever is primary', () => {
    f.screen.displays = [...fake.ONE_DISPLAY, SECOND]
    const main = new f.BrowserWindow({ x: 2500, y: 100, width: 1200, height: 800 })
    createAudienceScreens({ preloadPath: '/p.js', url: () => APP, mainWindow: () => main as never }).open()
    expect((f.BrowserWindow.windows[1] as fake.BrowserWindow).options).toMatchObject(fake.ONE_DISPLAY[0]!.bounds)
  })

  it('with one display, opens no second window: the main window goes full screen, and back on close', () => {
    const main = createMainWindow({ preloadPath: '/p.js' }, new AppPrefs(tmpDir()), APP) as unknown as fake.BrowserWindow
    const screens = createAudienceScreens({ preloadPath: '/p.js', url: () => APP, mainWindow: () => main as never })
    expect(screens.open()).toBe(false)
    expect(f.BrowserWindow.windows).toHaveLength(1)
    expect(main.isFullScreen()).toBe(true)
    screens.close()
    expect(main.isFullScreen()).toBe(false)
  })
})

describe('security handlers', () => {
  it('cancels every request that would leave the app', () => {
    const ses = f.session.defaultSession
    hardenSession(ses as unknown as Electron.Session, () => APP)
    const cancelled = (url: string) => {
      let res: { cancel: boolean } | undefined
      ses.beforeRequestListener!({ url }, (r: { cancel: boolean }) => (res = r))
      return res!.cancel
    }
    expect(cancelled('app://tandem/assets/index.js')).toBe(false)
    expect(cancelled('file:///app/out/renderer/assets/index.js')).toBe(true)
    expect(cancelled('file:///home/user/evil.js')).toBe(true)
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false)
    expect(cancelled('https://fonts.example.com/font.woff2')).toBe(true)
    expect(cancelled('http://127.0.0.1:8080/')).toBe(true)
  })

  it('denies every permission and adds the CSP header', () => {
    const ses = f.session.defaultSession
    hardenSession(ses as unknown as Electron.Session, () => APP)
    let granted: boolean | undefined
    ses.permissionRequestHandler!(null, 'media', (ok: boolean) => (granted = ok))
    expect(granted).toBe(false)
    for (const p of ['notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(ses.permissionCheckHandler!(null, p)).toBe(false)
    }
    expect(ses.devicePermissionHandler!()).toBe(false)
    let headers: Record<string, string[]> = {}
    ses.headersListener!(
      { responseHeaders: { 'X-Other': ['1'] } },
      (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
    )
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })

  it('keeps the window on the app page, opens vetted links outside once the user confirms, refuses webviews', async () => {
    const win = new f.BrowserWindow({})
    const wc = win.webContents
    hardenContents(wc as unknown as Electron.WebContents, () => APP)
    expect(wc.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true)
    expect(wc.emitPreventable('will-navigate', `${APP}#x`)).toBe(false)
    expect(wc.emitPreventable('will-redirect', 'http://127.0.0.1:9/')).toBe(true)
    expect(wc.emitPreventable('will-attach-webview')).toBe(true)
    // A link the page opens: the user is asked, in the main process's dialog, with the full URL.
    f.dialog.nextResponse = 1
    expect(wc.windowOpenHandler!({ url: 'https://docs.example.com/help' })).toEqual({ action: 'deny' })
    await vi.waitFor(() => expect(f.shell.opened).toEqual(['https://docs.example.com/help']))
    expect(f.dialog.messageBoxes).toEqual([expect.objectContaining({ detail: 'https://docs.example.com/help', defaultId: 0, cancelId: 0 })])
    // Never a file, never a query string the page built: refused without asking.
    for (const url of [
      'file:///etc/passwd',
      'https://evil.example/collect?data=secret',
      'mailto:a@evil.example?body=secret',
      'https://evil.example/#secret',
    ]) {
      expect(wc.windowOpenHandler!({ url })).toEqual({ action: 'deny' })
    }
    await new Promise((r) => setTimeout(r, 10))
    expect(f.dialog.messageBoxes).toHaveLength(1)
    expect(f.shell.opened).toEqual(['https://docs.example.com/help'])
  })

  it('opens nothing when the user cancels the confirmation (the default button)', async () => {
    f.dialog.nextResponse = 0
    expect(await confirmAndOpenExternal('https://docs.example.com/')).toBe(false)
    expect(f.dialog.messageBoxes).toHaveLength(1)
    expect(f.shell.opened).toEqual([])
    f.dialog.nextResponse = 1
    expect(await confirmAndOpenExternal('mailto:team@example.com')).toBe(true)
    expect(f.shell.opened).toEqual(['mailto:team@example.com'])
  })

  it('guards every web contents the app creates', () => {
    installSecurity(() => APP)
    const win = new f.BrowserWindow({})
    f.app.emit('web-contents-created', {}, win.webContents)
    expect(win.webContents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(true)
    expect(f.session.defaultSession.permissionRequestHandler).not.toBeNull()
  })
})

describe('menu', () => {
  const actions = (): MenuActions & { log: string[] } => {
    const log: string[] = []
    return {
      log,
      newWorkspace: () => log.push('new'),
      openWorkspace: () => log.push('open'),
      openRecent: (p) => log.push(`recent:${p}`),
      saveWorkspaceAs: () => log.push('saveAs'),
      importFile: () => log.push('import'),
      navigate: (v) => log.push(`nav:${v}`),
      present: () => log.push('present'),
      showAbout: () => log.push('about'),
    }
  }
  type Item = { label?: string; role?: string; accelerator?: string; click?: () => void; submenu?: Item[]; enabled?: boolean }
  const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])])

  it('has the File commands and view shortcuts, wired to the actions', () => {
    const a = actions()
    const items = flat(
      buildMenuTemplate(a, {
        platform: 'linux',
        isDev: false,
        recent: [{ path: '/w/a.sqlite', name: 'a.sqlite', openedAt: '', exists: true }],
      }) as Item[],
    )
    const byLabel = (l: string) => items.find((i) => i.label === l)!
    expect(byLabel('New Workspace…').accelerator).toBe('CmdOrCtrl+N')
    expect(byLabel('Open Workspace…').accelerator).toBe('CmdOrCtrl+O')
    expect(byLabel('Save Workspace As…').accelerator).toBe('CmdOrCtrl+Shift+S')
    expect(byLabel('Import File…').accelerator).toBe('CmdOrCtrl+I')
    expect(byLabel('Targets').accelerator).toBe('CmdOrCtrl+1')
    expect(byLabel('Settings').accelerator).toBe('CmdOrCtrl+,')
    expect(byLabel('Present').accelerator).toBe('F5')
    for (const l of ['New Workspace…', 'Open Workspace…', 'Save Workspace As…', 'Import File…', 'Handoff', 'Present', 'a.sqlite'])
      byLabel(l).click!()
    expect(a.log).toEqual(['new', 'open', 'saveAs', 'import', 'nav:handoff', 'present', 'recent:/w/a.sqlite'])
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false)
    expect(items.some((i) => i.role === 'editMenu')).toBe(true)
    expect(items.some((i) => i.role === 'quit')).toBe(true)
  })

  it('has no duplicate accelerators, on macOS either', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const accels = flat(buildMenuTemplate(actions(), { platform, isDev: true, recent: [] }) as Item[])
        .map((i) => i.accelerator)
        .filter(Boolean)
      expect(new Set(accels).size).toBe(accels.length)
    }
  })

  it('greys out recent workspaces that are gone, and says when there are none', () => {
    const items = flat(
      buildMenuTemplate(actions(), {
        platform: 'linux',
        isDev: false,
        recent: [{ path: '/gone.sqlite', name: 'gone.sqlite', openedAt: '', exists: false }],
      }) as Item[],
    )
    expect(items.find((i) => i.label === 'gone.sqlite')!.enabled).toBe(false)
    const none = flat(buildMenuTemplate(actions(), { platform: 'linux', isDev: false, recent: [] }) as Item[])
    expect(none.find((i) => i.label === 'No recent workspaces')!.enabled).toBe(false)
  })

  it('installs itself as the application menu', () => {
    installMenu(actions(), { platform: 'linux', isDev: false, recent: [] })
    expect(f.Menu.current).toMatchObject({ template: expect.any(Array) })
  })
})

describe('IPC registration and events', () => {
  it('registers every contract channel on ipcMain, guarded by the sender check', async () => {
    const dir = tmpDir()
    const prefs = new AppPrefs(dir)
    const services = createMainServices({ emit: () => undefined, prefs })
    await services.workspace.open(join(dir, 'ws.sqlite'), { create: true })
    const handlers = createHandlers({
      appInfo: { name: 'Tandem', version: '1', schemaVersion: 1, platform: 'linux' },
      ...services,
      prefs,
      printMinutes: () => Promise.resolve(Buffer.from('')),
      dialogs: electronDialogs,
      openExternal: () => Promise.resolve(false),
      reveal: () => undefined,
    })
    registerElectronIpc(handlers, services.files, { isTrustedSender: (u) => u === APP, logError: () => undefined })
    // The contract's channels, and the private one the preload registers dropped files over.
    expect([...f.ipcMain.handlers.keys()].sort()).toEqual([...allChannels().map((c) => c.channel), DROPPED_FILE_CHANNEL].sort())
    const dropped = f.ipcMain.handlers.get(DROPPED_FILE_CHANNEL)!
    expect(await dropped({ senderFrame: { url: 'https://evil/' } }, join(dir, 'ws.sqlite'))).toMatchObject({
      ok: false,
      code: 'UNTRUSTED_SENDER',
    })
    expect(await dropped({ senderFrame: { url: APP } }, join(dir, 'ws.sqlite'))).toMatchObject({
      ok: true,
      data: { handle: expect.stringMatching(/^fh_/), name: 'ws.sqlite' },
    })
    const get = f.ipcMain.handlers.get('settings:get')!
    expect(await get({ senderFrame: { url: 'https://evil/' } })).toMatchObject({ ok: false, code: 'UNTRUSTED_SENDER' })
    expect(await get({ senderFrame: { url: APP } })).toMatchObject({ ok: true })

    // The native dialogs are used for New: cancelled gives null, chosen creates the file.
    const create = f.ipcMain.handlers.get('workspace:create')!
    new f.BrowserWindow({})
    expect(await create({ senderFrame: { url: APP } })).toEqual({ ok: true, data: null })
    f.dialog.nextSave = join(dir, 'Second')
    expect(await create({ senderFrame: { url: APP } })).toMatchObject({ ok: true, data: { name: 'Second.sqlite' } })
    services.dispose()
  })

  it('sends events to every open window', () => {
    const a = new f.BrowserWindow({})
    const b = new f.BrowserWindow({})
    b.destroyed = true
    broadcast('navigate', 'settings')
    expect(a.webContents.sent).toEqual([{ channel: eventChannelOf('navigate'), payload: 'settings' }])
    expect(b.webContents.sent).toEqual([])
  })

  it('sends a notice without the folders of the paths in it (a menu action refused, the start-up problem)', () => {
    const a = new f.BrowserWindow({})
    broadcast('notice', { level: 'error', message: 'There is no workspace at /home/ana/Q3 plans/team.sqlite.' })
    expect(a.webContents.sent).toEqual([
      { channel: eventChannelOf('notice'), payload: { level: 'error', message: 'There is no workspace at team.sqlite.' } },
    ])
  })
})

describe('the app:// scheme', () => {
  beforeEach(() => fake.resetFakeElectron())

  it('is registered as a standard, secure scheme, which Electron allows only before the app is ready', async () => {
    registerAppScheme()
    expect(f.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    await f.app.whenReady()
    expect(() => registerAppScheme()).toThrow(/before app is ready/)
  })

  it('serves the renderer folder with the CSP, and a 404 for anything outside it', async () => {
    const dir = tmpDir()
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tandem</title>')
    writeFileSync(join(dir, '..', 'outside.txt'), 'secret')
    serveAppScheme(dir)
    const handler = f.protocol.handlers.get('app')!
    const ok = await handler(new Request(APP_URL))
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await ok.text()).toContain('<title>Tandem</title>')
    for (const url of [
      'app://tandem/../outside.txt',
      'app://tandem/%2e%2e/outside.txt',
      'app://tandem/..%2foutside.txt',
      'app://evil/index.html',
    ]) {
      const res = await handler(new Request(url))
      expect(res.status, url).toBe(404)
      expect(await res.text()).not.toContain('secret')
    }
  })
})
