import { BrowserWindow, dialog, shell } from 'electron'
import type { Dialogs } from './services/dialogs'

/** Native file dialogs, attached to the focused window. */
export const electronDialogs: Dialogs = {
  async openFile({ title, filters }) {
    const win = BrowserWindow.getFocusedWindow()
    const options = { title, filters, properties: ['openFile' as const] }
    const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
    return res.canceled ? null : (res.filePaths[0] ?? null)
  },
  async saveFile({ title, defaultPath, filters }) {
    const win = BrowserWindow.getFocusedWindow()
    const options = { title, defaultPath, filters, properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const] }
    const res = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
    return res.canceled ? null : (res.filePath ?? null)
  },
}

/** Shows a file selected in its folder in the system's file manager (the workspace, a backup). */
export function revealInFolder(path: string): void {
  shell.showItemInFolder(path)
}
