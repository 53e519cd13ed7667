import { BrowserWindow, nativeTheme, screen } from 'electron'
import type { AppPrefs } from './services/app-prefs'
import { MIN_SIZE, restoreBounds } from './window-state'

export interface WindowOptions {
  preloadPath: string
  iconPath?: string
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
