import type { StateCreator } from 'zustand'
import type { ListedBackup } from '@shared/types'
import { api, call, messageOf } from '../api'
import type { Store } from './index'

export interface BackupsSlice {
  backups: ListedBackup[]
  backupsBusy: boolean
  loadBackups(): Promise<void>
  backupNow(): Promise<void>
  /** Restores a listed backup by its id (the page never names the file). */
  restoreBackup(backup: ListedBackup): Promise<void>
  /** True while the whole workspace is being written to a zip. */
  exporting: boolean
  /** Every table as CSV plus the settings in one zip, saved where the user says (the main process asks). */
  exportWorkspace(): Promise<void>
  /**
   * Shows the workspace file, or the newest backup in the backups folder, in the system's file manager:
   * the main process knows where they are, the page only their names.
   */
  reveal(what: 'workspace' | 'backups'): Promise<void>
}

export const createBackupsSlice: StateCreator<Store, [], [], BackupsSlice> = (set, get) => ({
  backups: [],
  backupsBusy: false,
  exporting: false,

  async loadBackups() {
    try {
      set({ backups: await call(api().backups.list()) })
    } catch (e) {
      set({ backups: [] })
      get().notify({ level: 'error', message: messageOf(e) })
    }
  },

  async backupNow() {
    set({ backupsBusy: true })
    try {
      const b = await call(api().backups.create())
      get().notify({ level: 'info', message: `Backup written and verified: ${b.file}` })
      await get().loadBackups()
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
    } finally {
      set({ backupsBusy: false })
    }
  },

  async exportWorkspace() {
    set({ exporting: true })
    try {
      const done = await call(api().workspace.exportAll())
      if (done) {
        const rows = done.tables.reduce((n, t) => n + t.rows, 0)
        get().notify({
          level: 'info',
          message: `Exported ${done.tables.length} tables (${rows.toLocaleString('en-US')} rows) and the settings to ${done.fileName}, in the folder you chose.`,
        })
      }
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
    } finally {
      set({ exporting: false })
    }
  },

  async reveal(what) {
    try {
      await call(what === 'workspace' ? api().workspace.reveal() : api().backups.reveal())
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
    }
  },

  async restoreBackup(backup) {
    set({ backupsBusy: true })
    try {
      const info = await call(api().backups.restore(backup.id))
      get().workspaceChanged(info)
      get().notify({ level: 'info', message: `Restored ${backup.file}. The state before it was backed up first.` })
      await get().loadBackups()
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
    } finally {
      set({ backupsBusy: false })
    }
  },
})
