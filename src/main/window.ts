import { BrowserWindow, nativeTheme, screen } from 'electron'
import type { AppPrefs } from './services/app-prefs'
import type { AudienceScreens } from './services/presentation'
import { MIN_SIZE, restoreBounds } from './window-state'

export interface WindowOptions {
  preloadPath: string
  iconPath?: string
}

/**
 * Presentation mode's windows. With a second display, an audience window opens full screen on the
 * display the main window is not on, at the app's `#audience` page (the slides only, following the
 * presenter); the main window stays the presenter view. With one display, the main window goes full
 * screen and shows the slides itself. Closing undoes whichever was done.
 */
export function createAudienceScreens(opts: { preloadPath: string; url(): string; mainWindow(): BrowserWindow | null }): AudienceScreens {
  let audience: BrowserWindow | null = null
  let madeFullScreen = false
  return {
    open() {
      const main = opts.mainWindow()
      const here = main ? screen.getDisplayMatching(main.getBounds()) : screen.getPrimaryDisplay()
      const external = screen.getAllDisplays().find((d) => d.id !== here.id)
      if (!external) {
        if (main && !main.isFullScreen()) {
          main.setFullScreen(true)
          madeFullScreen = true
        }
        return false
      }
      audience?.destroy()
      const win = new BrowserWindow({
        ...external.bounds,
        fullscreen: true,
        frame: false,
        title: 'Tandem — audience',
        show: false,
        backgroundColor: '#000000',
        // The main window's options, written out literally again: electronegativity checks them statically
        // (tests/main/electron-glue.test.ts checks that the two stay equal).
        webPreferences: {
          preload: opts.preloadPath,
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
          safeDialogs: true,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
        },
      })
      win.once('ready-to-show', () => win.show())
      win.on('closed', () => {
        if (audience === win) audience = null
      })
      void win.loadURL(`${opts.url()}#audience`)
      audience = win
      return true
    },
    isAudience(webContentsId) {
      return audience !== null && !audience.isDestroyed() && audience.webContents.id === webContentsId
    },
    close() {
      if (audience && !audience.isDestroyed()) audience.destroy()
      audience = null
      const main = opts.mainWindow()
      if (madeFullScreen && main && !main.isDestroyed()) main.setFullScreen(false)
      madeFullScreen = false
    },
  }
}

/**
 * Creates the main window where it was last time, and remembers its size and position. The security
 * options are written out literally, even where they equal Electron's defaults, so that they are
 * visible to a reader and to electronegativity's static checks.
 */
export function createMainWindow(opts: WindowOptions, prefs: AppPrefs, url: string): BrowserWindow {
  const displays = screen.getAllDisplays().map((d) => d.workArea)
  const restored = restoreBounds(prefs.windowBounds, displays, screen.getPrimaryDisplay().workArea)
  const win = new BrowserWindow({
    x: restored.x,
    y: restored.y,
    width: restored.width,
    height: restored.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Tandem',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#14171c' : '#f5f6f8',
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: {
      preload: opts.preloadPath,
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
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  if (restored.maximized) win.maximize()
  if (restored.fullScreen) win.setFullScreen(true)

  let timer: NodeJS.Timeout | undefined
  const remember = (): void => {
    if (win.isDestroyed()) return
    const normal = win.getNormalBounds()
    prefs.windowBounds = { ...normal, maximized: win.isMaximized(), fullScreen: win.isFullScreen() }
  }
  const rememberSoon = (): void => {
    clearTimeout(timer)
    timer = setTimeout(remember, 500)
  }
  win.on('resize', rememberSoon)
  win.on('move', rememberSoon)
  win.on('close', () => {
    clearTimeout(timer)
    remember()
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(url)
  return win
}
