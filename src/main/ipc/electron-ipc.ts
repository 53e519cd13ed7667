import { BrowserWindow, ipcMain } from 'electron'
import { eventChannelOf, type EventName, type EventPayload } from '@shared/contract'
import type { Notice } from '@shared/types'
import { withoutFolders } from '../errors'
import type { FileHandles } from '../services/file-handles'
import { registerDroppedFile, registerHandlers, type Handlers, type RegisterOptions } from './register'

/** The only place (with the preload) that touches Electron's IPC. */
export function registerElectronIpc(handlers: Handlers, files: FileHandles, options: RegisterOptions): void {
  registerHandlers(ipcMain, handlers, options)
  registerDroppedFile(ipcMain, files, options)
}

/**
 * Pushes an event of the contract to every window. A notice (a menu action's error, a start-up problem)
 * loses the folders of the paths in it, as a refusal does: the page learns file names only.
 */
export function broadcast<E extends EventName>(name: E, payload: EventPayload<E>): void {
  const sent = name === 'notice' ? { ...(payload as Notice), message: withoutFolders((payload as Notice).message) } : payload
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(eventChannelOf(name), sent)
  }
}
