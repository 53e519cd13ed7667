import { BrowserWindow } from 'electron'
import { PRINT_READY_TITLE, minutesPrintUrl } from '@shared/board'
import { AppError } from './errors'

const PRINT_TIMEOUT_MS = 20_000

/**
 * Prints a meeting's minutes to PDF with the browser engine: the app's own print view, loaded in a
 * hidden window with the main window's security options, printed by `webContents.printToPDF` once it
 * says it is ready. The window is always destroyed.
 */
export async function printMinutesToPdf(appUrl: string, preloadPath: string, meetingId: number): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    width: 1024,
    height: 1400,
    // Written out literally, like the main window's (window.ts): electronegativity checks them statically.
    webPreferences: {
      preload: preloadPath,
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
  try {
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new AppError('INTERNAL', 'The minutes did not finish rendering for the PDF.')),
        PRINT_TIMEOUT_MS,
      )
      win.webContents.on('page-title-updated', (_e: unknown, title: string) => {
        if (title === PRINT_READY_TITLE) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    await win.loadURL(minutesPrintUrl(appUrl, meetingId))
    await ready
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true })
  } finally {
    if (!win.isDestroyed()) win.destroy()
  }
}
