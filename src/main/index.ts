import { app, BrowserWindow, dialog } from 'electron'
import { join } from 'node:path'
import { APP_URL } from './app-protocol'
import { registerAppScheme, serveAppScheme } from './app-scheme'
import { LATEST_SCHEMA_VERSION } from './db/connection'
import { electronDialogs, revealInFolder } from './dialogs-electron'
import { isAppError, oneLine } from './errors'
import { createHandlers } from './ipc/handlers'
import { forwardReads } from './ipc/read-forward'
import type { MainDeps } from './ipc/deps'
import { broadcast, registerElectronIpc } from './ipc/electron-ipc'
import { installMenu, type MenuActions } from './menu'
import { printMinutesToPdf } from './print-electron'
import { confirmAndOpenExternal, installSecurity } from './security'
import { isAppUrl } from './security-policy'
import { AppPrefs } from './services/app-prefs'
import { createLog } from './services/log'
import { createMainServices } from './services/main-services'
import { openStartupWorkspace } from './services/startup'
import { createAudienceScreens, createMainWindow } from './window'

/**
 * App lifecycle only: everything else lives in services (plain Node) and in the thin Electron glue
 * (window.ts, security.ts, menu.ts, ipc/electron-ipc.ts).
 */

// Every renderer runs in Chromium's sandbox, whatever a window's options say.
app.enableSandbox()

// A separate profile (preferences, default workspace, logs) for portable use and for the smoke test.
const userDataOverride = process.env['TANDEM_USER_DATA_DIR']
if (userDataOverride) app.setPath('userData', userDataOverride)

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
const appUrl = (): string => devServerUrl ?? APP_URL

// The renderer's own origin, app://tandem: registered before the app is ready, as Electron requires.
registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | null = null
  const log = createLog(join(app.getPath('userData'), 'logs', 'main.log'))
  const prefs = new AppPrefs(app.getPath('userData'))

  const preloadPath = join(__dirname, '../preload/index.js')
  const audienceScreens = createAudienceScreens({ preloadPath, url: appUrl, mainWindow: () => mainWindow })
  const services = createMainServices({
    emit: broadcast,
    audienceScreens,
    prefs,
    onWorkspaceChange: () => refreshMenu(),
    onBackgroundError: (e) => log('background task failed', e),
  })
  const { workspace } = services

  const deps: MainDeps = {
    appInfo: { name: 'Tandem', version: app.getVersion(), schemaVersion: LATEST_SCHEMA_VERSION, platform: process.platform },
    ...services,
    prefs,
    dialogs: electronDialogs,
    printMinutes: (id) => printMinutesToPdf(appUrl(), preloadPath, id),
    openExternal: confirmAndOpenExternal,
    reveal: revealInFolder,
  }
  // The long reports run in the read worker: no call keeps the window waiting (issue #19).
  const handlers = forwardReads(createHandlers(deps), services.reads)

  /** Menu actions report failures in the window, like any call the renderer makes. */
  const run = (action: () => unknown): void => {
    Promise.resolve()
      .then(action)
      .catch((e: unknown) => {
        if (!isAppError(e)) log('menu action failed', e)
        broadcast('notice', { level: 'error', message: isAppError(e) ? e.message : `Something went wrong: ${oneLine(e)}` })
      })
  }

  const actions: MenuActions = {
    newWorkspace: () => run(() => handlers.workspace.create()),
    openWorkspace: () => run(() => handlers.workspace.open()),
    // The menu is the main process's own UI: it opens the recent file by its path, no id needed.
    openRecent: (path) => run(() => workspace.open(path)),
    saveWorkspaceAs: () => run(() => handlers.workspace.saveAs()),
    importFile: () => {
      broadcast('navigate', 'import')
      broadcast('importFile', null)
    },
    navigate: (view) => broadcast('navigate', view),
    present: () => broadcast('present', null),
    showAbout: () =>
      run(() =>
        dialog.showMessageBox({
          type: 'info',
          title: 'About Tandem',
          message: `Tandem ${app.getVersion()}`,
          detail: 'The shared revenue target, the marketing-to-sales handoff and the joint-meeting board, offline.',
        }),
      ),
  }

  function refreshMenu(): void {
    installMenu(actions, { platform: process.platform, isDev: devServerUrl !== undefined, recent: prefs.recent() })
  }

  function openWindow(): void {
    mainWindow = createMainWindow({ preloadPath, iconPath: join(__dirname, '../../resources/icon.png') }, prefs, appUrl())
    mainWindow.on('closed', () => {
      mainWindow = null
    })
  }

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })

  app.on('will-quit', () => services.dispose())

  void app.whenReady().then(async () => {
    serveAppScheme(join(__dirname, '../renderer'))
    installSecurity(appUrl)
    registerElectronIpc(handlers, services.files, {
      isTrustedSender: (url) => isAppUrl(url, appUrl()),
      logError: (channel, e) => log(`handler ${channel} failed`, e),
      // The audience window gets the redacted slides and nothing else (ipc/register.ts).
      isAudience: (event) => event.sender != null && audienceScreens.isAudience(event.sender.id),
    })
    const problem = await openStartupWorkspace(workspace, prefs, join(app.getPath('userData'), 'tandem.sqlite'))
    refreshMenu()
    openWindow()
    if (problem) {
      mainWindow?.webContents.once('did-finish-load', () => broadcast('notice', { level: 'error', message: problem }))
    }
  })
}
