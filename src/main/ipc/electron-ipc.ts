import { BrowserWindow, ipcMain } from 'electron'
import { eventChannelOf, type EventName, type EventPayload } from '@shared/contract'
import type { FileHandles } from '../services/file-handles'
import { registerDroppedFile, registerHandlers, type Handlers, type RegisterOptions } from './register'

/** The only place (with the preload) that touches Electron's IPC. */
export function registerElectronIpc(handlers: Handlers, files: FileHandles, options: RegisterOptions): void {
  registerHandlers(ipcMain, handlers, options)
  registerDroppedFile(ipcMain, files, options)
}

/** Pushes an event of the contract to every window. */
export function broadcast<E extends EventName>(name: E, payload: EventPayload<E>): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(eventChannelOf(name), payload)
  }
}
