import { BrowserWindow, nativeTheme, screen, type BrowserWindowConstructorOptions } from 'electron'
import type { AppPrefs } from './services/app-prefs'
import { MIN_SIZE, restoreBounds } from './window-state'

export interface WindowOptions {
  preloadPath: string
  iconPath?: string
}

/** The window's options. Security settings are explicit, even where they are Electron's defaults. */
export function mainWindowOptions(opts: WindowOptions, bounds: { x: number; y: number; width: number; height: number }): BrowserWindowConstructorOptions {
  return {
    ...bounds,
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
  }
}

/** Creates the main window where it was last time, and remembers its size and position. */
export function createMainWindow(opts: WindowOptions, prefs: AppPrefs, url: string): BrowserWindow {
  const displays = screen.getAllDisplays().map((d) => d.workArea)
  const restored = restoreBounds(prefs.windowBounds, displays, screen.getPrimaryDisplay().workArea)
  const win = new BrowserWindow(mainWindowOptions(opts, restored))
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
