import type { Settings } from './settings'

/** Domain types that cross the IPC boundary. Plain data only: they are structured-cloned. */

export const VIEWS = ['targets', 'handoff', 'roi', 'board', 'import', 'settings'] as const
export type ViewId = (typeof VIEWS)[number]

export interface AppInfo {
  name: string
  version: string
  /** The newest workspace schema this build reads and writes. */
  schemaVersion: number
  platform: string
}

/**
 * The current workspace as the page sees it: names, never a folder (issue 17). Where the user needs the
 * location, `workspace:reveal` and `backups:reveal` show it in the system's file manager.
 */
export interface WorkspaceInfo {
  /** File name without folder, as shown in the title bar. */
  name: string
  schemaVersion: number
  sizeBytes: number
  createdAt: string
  /** The name of the backups folder, which sits next to the workspace file (`Team plan.backups`). */
  backupsFolder: string
  /** True when the workspace holds no imported data yet (the empty states say what to do first). */
  isEmpty: boolean
  /** Why the workspace is open read-only (this user may not write it), or null when it can be changed. */
  readOnly: string | null
}

/**
 * A recent workspace as the page sees it: an id the main process minted for it, and the file's name
 * without its folder. The page opens it by id; it never sends a path.
 */
export interface RecentWorkspace {
  id: string
  name: string
  openedAt: string
  exists: boolean
}

/**
 * A file the user chose (a main-process dialog) or dropped, as the page sees it: an opaque handle and the
 * file's name without its folder (for display). Every channel that reads a file takes the handle.
 */
export interface FileRef {
  handle: string
  name: string
}

export const BACKUP_KINDS = ['migration', 'import', 'daily', 'manual', 'restore'] as const
export type BackupKind = (typeof BACKUP_KINDS)[number]

export interface BackupInfo {
  /** File name inside the workspace's backups folder (never a path from the renderer). */
  file: string
  kind: BackupKind
  createdAt: string
  sizeBytes: number
}

/**
 * A workspace that was refused because SQLite's check found it damaged, and the newest of its backups
 * that checks out (null when none does): the app offers to put that backup in place.
 */
export interface DamagedWorkspace {
  name: string
  backup: Pick<BackupInfo, 'file' | 'kind' | 'createdAt'> | null
}

/** A backup as the page lists it: restored by its id, which only the main process can map to the file. */
export interface ListedBackup extends BackupInfo {
  id: string
}

export interface SettingsState {
  settings: Settings
  updatedAt: string
}

export interface Notice {
  level: 'info' | 'error'
  message: string
}

/** What a whole-workspace export wrote: one zip of every table as CSV plus the settings (issue #18). */
export interface WorkspaceExport {
  /** The zip's name without its folder (the user chose the folder in the save dialog). */
  fileName: string
  /** Every table of the workspace with the number of rows written for it. */
  tables: { name: string; rows: number }[]
  bytes: number
}
