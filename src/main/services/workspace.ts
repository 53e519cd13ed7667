import type { Database } from 'better-sqlite3'
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { BackupInfo, DamagedWorkspace, WorkspaceInfo } from '@shared/types'
import { AppError, isAppError, oneLine, withoutFolders } from '../errors'
import { backupsDirFor, createBackup, listBackups, newestVerifiedBackup, parseBackupName, removeQuietly, verifyBackup } from '../db/backup'
import {
  LATEST_SCHEMA_VERSION,
  TANDEM_APP_ID,
  copyWorkspace,
  openWorkspaceDb,
  readOnlyReason,
  schemaVersionOf,
  type OpenOptions,
} from '../db/connection'
import { DATA_TABLES } from '../db/entities'
import { hasImportedData, readMeta } from '../db/repos/meta'

export interface WorkspaceEvents {
  /** Called after every switch of workspace (open, new, save as, restore). */
  onChange?: (info: WorkspaceInfo) => void
  /** Called when a background task (the daily backup) fails; the app logs it. */
  onBackgroundError?: (e: unknown) => void
  /** Called before a workspace is switched or closed, so services can drop work tied to it. */
  onClose?: (path: string) => void
  /**
   * Awaited before the workspace file is replaced (a restore): other connections to it (the read worker's)
   * are closed first.
   */
  beforeReplace?: () => Promise<void>
}

/** The current workspace: one open SQLite connection at a time, and every switch between them. */
export class WorkspaceManager {
  private current: { db: Database; path: string } | null = null
  /** Why no workspace is open (set at start-up when none could be opened), shown instead of data. */
  unavailableReason: string | null = null
  /**
   * The last workspace refused because SQLite's check found it damaged (a path the main process chose or
   * listed, never the page's): the app offers to put its newest verified backup in place.
   */
  private damagedPath: string | null = null
  /** The daily backup runs after opening, without holding up the window; tests await it. */
  pendingDaily: Promise<BackupInfo | null> = Promise.resolve(null)

  constructor(
    private readonly events: WorkspaceEvents = {},
    private readonly options: Pick<OpenOptions, 'migrations' | 'now'> & { dailyBackup?: boolean } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  get isOpen(): boolean {
    return this.current !== null
  }

  private noWorkspace(): AppError {
    const why = this.unavailableReason ? `${this.unavailableReason} ` : ''
    return new AppError('NO_WORKSPACE', `No workspace is open. ${why}Create or open one from the File menu.`)
  }

  get db(): Database {
    if (!this.current) throw this.noWorkspace()
    return this.current.db
  }

  get path(): string {
    if (!this.current) throw this.noWorkspace()
    return this.current.path
  }

  /** The folder of the current workspace's backups. */
  get backupsDir(): string {
    return backupsDirFor(this.path)
  }

  info(): WorkspaceInfo {
    const { db, path } = this
    return {
      name: basename(path),
      schemaVersion: schemaVersionOf(db),
      sizeBytes: statSync(path).size,
      createdAt: readMeta(db, 'created_at') ?? '',
      backupsFolder: basename(backupsDirFor(path)),
      isEmpty: !hasImportedData(db, DATA_TABLES),
      readOnly: db.readonly ? withoutFolders(readOnlyReason(path) ?? 'the file system does not let Tandem write it') : null,
    }
  }

  /**
   * Opens a workspace and makes it current. The old one stays open until the new one has opened, so a
   * failed open (a newer or foreign file) leaves the user where they were.
   */
  async open(path: string, opts: { create?: boolean; readOnly?: 'allow' | 'refuse' } = {}): Promise<WorkspaceInfo> {
    const abs = resolve(path)
    if (opts.create && existsSync(abs)) {
      throw new AppError('WORKSPACE_IO', `${basename(abs)} already exists; choose another name for a new workspace.`)
    }
    let db: Database
    try {
      db = await openWorkspaceDb(abs, {
        migrations: this.options.migrations,
        now: this.options.now,
        create: opts.create ?? false,
        readOnly: opts.readOnly ?? 'allow',
      })
    } catch (e) {
      if (isAppError(e) && e.code === 'DAMAGED') this.damagedPath = abs
      throw e
    }
    if (this.damagedPath === abs) this.damagedPath = null
    this.closeCurrent()
    this.current = { db, path: abs }
    this.unavailableReason = null
    const info = this.info()
    this.pendingDaily = this.dailyBackup().catch((e: unknown) => {
      this.events.onBackgroundError?.(e)
      return null
    })
    this.events.onChange?.(info)
    return info
  }

  /** Makes one backup per calendar day (UTC) of a workspace that holds data. */
  private async dailyBackup(): Promise<BackupInfo | null> {
    if (this.options.dailyBackup === false || !this.current || this.current.db.readonly || this.info().isEmpty) return null
    const today = this.now().toISOString().slice(0, 10)
    const done = listBackups(this.current.path).some((b) => b.kind === 'daily' && b.createdAt.startsWith(today))
    return done ? null : createBackup(this.current.db, this.current.path, 'daily', this.now())
  }

  /** Copies the workspace with SQLite's online backup (consistent even mid-write), then switches to it. */
  async saveAs(dest: string): Promise<WorkspaceInfo> {
    const target = resolve(dest)
    if (target === this.path) return this.info()
    try {
      await copyWorkspace(this.db, target)
    } catch (e) {
      if (e instanceof AppError) throw e
      throw new AppError('WORKSPACE_IO', `Could not save a copy as ${basename(target)}: ${oneLine(e)}`)
    }
    return this.open(target)
  }

  listBackups(): BackupInfo[] {
    return listBackups(this.path)
  }

  backupNow(kind: 'manual' | 'import' = 'manual'): Promise<BackupInfo> {
    return createBackup(this.db, this.path, kind, this.now())
  }

  /**
   * Replaces the workspace by one of its backups. The current state is backed up first (kind
   * "restore"), so a restore can itself be undone by restoring that backup.
   */
  async restore(file: string): Promise<WorkspaceInfo> {
    const path = this.path
    const source = join(backupsDirFor(path), file)
    if (!parseBackupName(file) || !existsSync(source)) {
      throw new AppError('NOT_FOUND', `There is no backup called ${file} for ${basename(path)}.`)
    }
    verifyBackup(source, { applicationId: TANDEM_APP_ID, maxUserVersion: LATEST_SCHEMA_VERSION })
    await createBackup(this.db, path, 'restore', this.now())
    await this.events.beforeReplace?.()
    const staged = `${path}.restoring`
    try {
      copyFileSync(source, staged)
      verifyBackup(staged, { applicationId: TANDEM_APP_ID, maxUserVersion: LATEST_SCHEMA_VERSION })
    } catch (e) {
      removeQuietly(staged)
      if (e instanceof AppError) throw e
      throw new AppError('WORKSPACE_IO', `Could not restore ${file}: ${oneLine(e)}`)
    }
    this.closeCurrent()
    if (existsSync(`${path}-wal`)) {
      rmSync(staged, { force: true })
      await this.open(path)
      throw new AppError('WORKSPACE_IO', `${basename(path)} is in use by another program (the CLI?); close it and restore again.`)
    }
    rmSync(`${path}-shm`, { force: true })
    renameSync(staged, path)
    return this.open(path)
  }

  /**
   * Puts the newest backup that checks out in place of a workspace too damaged to open, and opens it. The
   * damaged file is kept beside it (`<name>.damaged-<time>`), never deleted.
   */
  async restoreDamaged(path: string): Promise<WorkspaceInfo> {
    const abs = resolve(path)
    if (this.current?.path === abs) throw new AppError('CONFLICT', `${basename(abs)} is open; restore one of its backups instead.`)
    const backup = newestVerifiedBackup(abs, LATEST_SCHEMA_VERSION, TANDEM_APP_ID)
    if (!backup) throw new AppError('NOT_FOUND', `${basename(abs)} has no backup that checks out; nothing was changed.`)
    const staged = `${abs}.restoring`
    try {
      copyFileSync(join(backupsDirFor(abs), backup.file), staged)
      verifyBackup(staged, { applicationId: TANDEM_APP_ID, maxUserVersion: LATEST_SCHEMA_VERSION })
    } catch (e) {
      removeQuietly(staged)
      if (e instanceof AppError) throw e
      throw new AppError('WORKSPACE_IO', `Could not restore ${backup.file}: ${oneLine(e)}; nothing was changed.`)
    }
    const aside = `${abs}.damaged-${this.now().toISOString().replace(/[:.]/g, '-')}`
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      if (existsSync(`${abs}${suffix}`)) renameSync(`${abs}${suffix}`, `${aside}${suffix}`)
    }
    renameSync(staged, abs)
    return this.open(abs)
  }

  /**
   * The last workspace refused as damaged, with the reason and the newest of its backups that checks out
   * (null when none does); null when no open was refused as damaged since.
   */
  damaged(): DamagedWorkspace | null {
    const path = this.damagedPath
    if (!path) return null
    if (!existsSync(path)) {
      this.damagedPath = null
      return null
    }
    const backup = newestVerifiedBackup(path, LATEST_SCHEMA_VERSION, TANDEM_APP_ID)
    return { name: basename(path), backup: backup ? { file: backup.file, kind: backup.kind, createdAt: backup.createdAt } : null }
  }

  /** Restores the newest verified backup of the workspace `damaged()` names, keeping the damaged file aside. */
  async restoreLastDamaged(): Promise<WorkspaceInfo> {
    if (!this.damagedPath) throw new AppError('NOT_FOUND', 'No damaged workspace is waiting to be restored.')
    return this.restoreDamaged(this.damagedPath)
  }

  private closeCurrent(): void {
    if (!this.current) return
    this.events.onClose?.(this.current.path)
    this.current.db.close()
    this.current = null
  }

  close(): void {
    this.closeCurrent()
  }
}
