import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { AppError, diskFullError, oneLine } from '../errors'
import { backupsDirFor, copyDatabase, createBackup, newestVerifiedBackup, removeLitter, removeQuietly, verifyBackup } from './backup'
import { LATEST_SCHEMA_VERSION, migrations as allMigrations, type Migration } from './migrations'

/** `PRAGMA application_id` of every Tandem workspace ("TNDM"), so we never adopt a foreign database. */
export const TANDEM_APP_ID = 0x544e444d

export interface OpenOptions {
  /** Create the file when it does not exist (File > New); otherwise a missing file is an error. */
  create?: boolean
  /**
   * A workspace this user may not write (the file or its folder): `allow` opens it read-only (the app,
   * which says so in a banner; reports), otherwise it is refused with one line before anything is tried.
   */
  readOnly?: 'allow' | 'refuse'
  /** For tests: a different migration list. */
  migrations?: readonly Migration[]
  now?: () => Date
}

export interface WorkspaceHeader {
  userVersion: number
  applicationId: number
  tableCount: number
}

/** Reads the header of an existing file without writing anything (read-only connection). */
export function readHeader(path: string): WorkspaceHeader {
  let probe: Db | undefined
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true })
    const userVersion = probe.pragma('user_version', { simple: true }) as number
    const applicationId = probe.pragma('application_id', { simple: true }) as number
    const tableCount = (
      probe.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as {
        n: number
      }
    ).n
    return { userVersion, applicationId, tableCount }
  } catch (e) {
    if (e instanceof AppError) throw e
    const code = (e as { code?: string }).code
    // A bulk import killed mid-way (engine.ts runs those with a rollback journal) leaves a journal that
    // only a writing connection may roll back: read the header from the file itself.
    if (code === 'SQLITE_READONLY_ROLLBACK') return headerOfFile(path)
    if (code === 'SQLITE_READONLY_DIRECTORY') throw cannotReadHere(path, `you have no permission to write its folder, ${dirname(path)}`)
    if (code === 'SQLITE_BUSY') throw busyError(path)
    const full = diskFullError(e, path)
    if (full) throw full
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new AppError('NOT_A_WORKSPACE', `${basename(path)} is not a Tandem workspace (not a SQLite database).`)
    }
    throw new AppError('WORKSPACE_IO', `Could not read ${basename(path)}: ${oneLine(e)}`)
  } finally {
    probe?.close()
  }
}

/**
 * The header of a database file read from its first 100 bytes (SQLite's file format: user_version at
 * offset 60, application_id at 68, both big-endian), for a file with a journal still to roll back. Its
 * tables cannot be counted without rolling it back, so it counts as holding some.
 */
function headerOfFile(path: string): WorkspaceHeader {
  const head = Buffer.alloc(100)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, head, 0, 100, 0)
  } finally {
    closeSync(fd)
  }
  if (head.toString('latin1', 0, 16) !== 'SQLite format 3\0') {
    throw new AppError('NOT_A_WORKSPACE', `${basename(path)} is not a Tandem workspace (not a SQLite database).`)
  }
  return { userVersion: head.readUInt32BE(60), applicationId: head.readUInt32BE(68), tableCount: 1 }
}

/** Refuses, before SQLite sees it, an existing path that cannot be a workspace: a folder, a device, an empty file. */
function refuseNonWorkspaceFile(path: string): void {
  const stat = statSync(path)
  if (stat.isDirectory()) throw new AppError('NOT_A_WORKSPACE', `${path} is a folder, not a workspace file.`)
  if (!stat.isFile()) throw new AppError('NOT_A_WORKSPACE', `${path} is not a regular file (a device, pipe or socket), not a workspace.`)
  if (stat.size === 0) {
    throw new AppError(
      'NOT_A_WORKSPACE',
      `${basename(path)} is an empty file (0 bytes), not a Tandem workspace; it was left unchanged. Only a path where no file exists becomes a new workspace.`,
    )
  }
}

/** Refuses, without touching the file, anything that is not a Tandem workspace this build can open. */
export function checkHeader(path: string, header: WorkspaceHeader, latest: number): void {
  // Only a path where no file exists becomes a new workspace: an existing file, even an empty database,
  // may be someone's, and is never adopted.
  if (header.applicationId !== TANDEM_APP_ID) {
    const what = header.tableCount === 0 && header.applicationId === 0 ? 'an empty SQLite database' : 'a SQLite database'
    throw new AppError('NOT_A_WORKSPACE', `${basename(path)} is ${what} but not a Tandem workspace; it was left unchanged.`)
  }
  if (header.userVersion > latest) {
    throw new AppError(
      'WORKSPACE_TOO_NEW',
      `${basename(path)} was written by a newer version of Tandem (workspace format ${header.userVersion}; ` +
        `this version reads up to ${latest}). Update Tandem to open it; the file was left unchanged.`,
    )
  }
}

/** The settings of every connection to a workspace (the journal mode is the file's own, set on open). */
function applyConnectionPragmas(db: Db): void {
  // FULL makes every commit durable, which matters on laptops that sleep or lose power and on USB sticks
  // pulled out early; a busy workspace is waited for a moment before BUSY is reported.
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
}

function applyPragmas(db: Db): void {
  // WAL keeps readers (the CLI, a report) from blocking the app.
  db.pragma('journal_mode = WAL')
  applyConnectionPragmas(db)
}

/**
 * A second connection to a workspace that is already open and up to date (an import's worker thread):
 * the same connection settings as the first, no migration, and no creating.
 */
export function openSecondConnection(path: string): Db {
  const db = new Database(path, { fileMustExist: true })
  try {
    applyConnectionPragmas(db)
  } catch (e) {
    db.close()
    throw e
  }
  return db
}

/**
 * The workspace is in use by another process (an import holding its write lock). Says which process when
 * the system tells (Linux lists file locks in /proc/locks), and that nothing was changed.
 */
export function busyError(path: string): AppError {
  const holder = lockHolder(path)
  return new AppError(
    'BUSY',
    `${basename(path)} is busy: ${holder ?? 'another program (an import?)'} is using it; nothing was changed. Try again when it has finished.`,
  )
}

/** "process 123 (tandem import …)" holding a lock on the file, where the system lists locks; else null. */
function lockHolder(path: string): string | null {
  try {
    const { ino } = statSync(path)
    for (const line of readFileSync('/proc/locks', 'utf8').split('\n')) {
      const f = line.trim().split(/\s+/)
      // "1: POSIX  ADVISORY  WRITE 4242 08:01:131 1073741824 1073741825"
      const at = f.findIndex((x) => /^[0-9a-f]+:[0-9a-f]+:\d+$/.test(x))
      if (at < 1) continue
      const node = (f[at] as string).split(':')[2]
      // Matched by inode only: overlay file systems list the device of the layer underneath.
      if (Number(node) !== ino) continue
      const pid = Number(f[at - 1])
      if (!Number.isInteger(pid) || pid <= 0) continue
      let command = ''
      try {
        command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(0, 4).join(' ')
      } catch {
        // The process may have ended meanwhile; its number still says who it was.
      }
      return `process ${pid}${pid === process.pid ? ' (this one)' : command ? ` (${command.slice(0, 80)})` : ''}`
    }
  } catch {
    // No /proc (macOS, Windows): the message says "another program".
  }
  return null
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Why this user cannot write the workspace at `path`, or null when they can. SQLite needs to write the
 * file and, for its WAL and lock files and for the backups, its folder. Asked before opening: a
 * read-only workspace opened for writing fails late and oddly (an online backup of it never ends).
 */
export function readOnlyReason(path: string): string | null {
  const dir = dirname(path)
  if (!canWrite(dir)) return `you have no permission to write its folder, ${dir}`
  if (existsSync(path) && !canWrite(path)) return 'you have no permission to write it'
  return null
}

function cannotReadHere(path: string, why: string): AppError {
  return new AppError(
    'READ_ONLY',
    `${basename(path)} cannot be read here: ${why}, and SQLite needs to write its lock file (${basename(path)}-shm) beside it. ` +
      'Nothing was changed; copy it to a folder you can write.',
  )
}

function readOnlyError(path: string, why: string): AppError {
  return new AppError(
    'READ_ONLY',
    `${basename(path)} is read-only: ${why}. Nothing was changed; fix its permissions, or copy it to a folder you can write.`,
  )
}

/**
 * Opens a workspace this user may not write, read-only: it can be read and copied, never changed (the
 * connection refuses every write). One that needs a schema upgrade cannot be opened at all.
 */
function openReadOnly(path: string, latest: number, why: string): Db {
  let db: Db
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
  } catch (e) {
    throw new AppError('WORKSPACE_IO', `Could not open ${basename(path)} read-only (${why}): ${oneLine(e)}`)
  }
  try {
    db.pragma('busy_timeout = 5000')
    checkIntact(db, path, latest)
    const version = db.pragma('user_version', { simple: true }) as number
    if (version < latest) {
      throw new AppError(
        'READ_ONLY',
        `${basename(path)} needs an upgrade to this version of Tandem, which cannot be written: ${why}. Nothing was changed.`,
      )
    }
    return db
  } catch (e) {
    db.close()
    if (e instanceof AppError) throw e
    if ((e as { code?: string }).code === 'SQLITE_READONLY_DIRECTORY') throw cannotReadHere(path, why)
    throw diskFullError(e, path) ?? new AppError('WORKSPACE_IO', `Could not read ${basename(path)}: ${oneLine(e)}`)
  }
}

/**
 * Checks the structure of an open workspace (SQLite's `quick_check`: every page, b-tree and record
 * format, without matching indexes to their tables) and refuses a damaged one: a damaged b-tree can
 * hide rows, so a report from it would be wrong without a word (20 flipped bits halved closed-won).
 * It reads the whole file once: about 20 ms for 7 MB here, linear in the size, so it ends.
 */
export function checkIntact(db: Db, path: string, latest: number): void {
  let found: string
  try {
    const rows = db.pragma('quick_check(1)') as { quick_check: string }[]
    found = rows[0]?.quick_check ?? 'no answer'
  } catch (e) {
    found = oneLine(e)
  }
  if (found === 'ok') return
  throw damagedError(path, found.replace('*** in database main ***', '').replace(/\s+/g, ' ').trim(), latest)
}

export function damagedError(path: string, found: string, latest: number): AppError {
  const name = basename(path)
  const backup = newestVerifiedBackup(path, latest, TANDEM_APP_ID)
  const way = backup
    ? `Its newest backup that checks out is ${join(basename(backupsDirFor(path)), backup.file)} (${backup.createdAt.slice(0, 16).replace('T', ' ')} UTC): ` +
      `restore it in the app, or copy it in place of ${name}.`
    : 'It has no backup that checks out.'
  return new AppError('DAMAGED', `${name} is damaged (SQLite's check says: ${found}); nothing was read from it or changed. ${way}`)
}

/**
 * Opens (or creates) a workspace, refusing foreign or newer files untouched, and brings its schema up to
 * date: a verified backup first when it holds data, then every pending migration in one transaction.
 */
export async function openWorkspaceDb(path: string, options: OpenOptions = {}): Promise<Db> {
  const list = options.migrations ?? allMigrations
  const latest = list.length
  const now = options.now ?? (() => new Date())
  const exists = existsSync(path)
  if (!exists && !options.create) {
    throw new AppError('NOT_FOUND', `There is no workspace at ${path}.`)
  }
  if (exists) refuseNonWorkspaceFile(path)
  if (!exists && !existsSync(dirname(path)))
    throw new AppError('NOT_FOUND', `Cannot create ${path}: the folder ${dirname(path)} does not exist.`)
  const readOnly = readOnlyReason(path)
  if (readOnly !== null && !exists) throw new AppError('READ_ONLY', `Cannot create ${path}: ${readOnly}.`)
  if (readOnly !== null && options.readOnly !== 'allow') throw readOnlyError(path, readOnly)
  if (exists) checkHeader(path, readHeader(path), latest)
  if (readOnly !== null) {
    return openReadOnly(path, latest, readOnly)
  }

  let db: Db
  try {
    db = new Database(path, { fileMustExist: exists })
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') throw busyError(path)
    throw diskFullError(e, path) ?? new AppError('WORKSPACE_IO', `Could not open ${path}: ${oneLine(e)}`)
  }
  if (db.readonly) {
    // SQLite fell back to reading only (a file system that refuses writes despite the permissions).
    db.close()
    const why = 'the file system does not let Tandem write it'
    if (options.readOnly !== 'allow') throw readOnlyError(path, why)
    return openReadOnly(path, latest, why)
  }
  try {
    if (exists) checkIntact(db, path, latest)
    applyPragmas(db)
    const from = db.pragma('user_version', { simple: true }) as number
    const pending = list.slice(from)
    if (pending.length > 0) {
      if (from > 0) await createBackup(db, path, 'migration', now())
      const nowIso = now().toISOString()
      db.transaction(() => {
        for (const m of pending) m.up(db, nowIso)
        db.pragma(`application_id = ${TANDEM_APP_ID}`)
        db.pragma(`user_version = ${latest}`)
      })()
    }
    return db
  } catch (e) {
    db.close()
    // A workspace we were creating is removed again rather than left half made.
    if (!exists) for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) removeQuietly(f)
    if (e instanceof AppError) throw e
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw busyError(path)
    throw diskFullError(e, path) ?? new AppError('WORKSPACE_IO', `Could not prepare ${path}: ${oneLine(e)}; it was left as it was.`)
  }
}

export { LATEST_SCHEMA_VERSION }

/** The schema version of an open workspace. */
export function schemaVersionOf(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Writes a verified copy of an open workspace to `target`: SQLite's online backup (consistent even
 * mid-write) into `<target>.partial`, checked, then renamed into place, so `target` is only ever a whole,
 * checked workspace. Throws what failed; nothing is left behind but what was there before.
 */
export async function copyWorkspace(db: Db, target: string): Promise<void> {
  const partial = `${target}.partial`
  try {
    await copyDatabase(db, partial)
    verifyBackup(partial, { applicationId: TANDEM_APP_ID, userVersion: schemaVersionOf(db) })
    // A stale journal next to an overwritten file would be replayed into the copy: remove it first.
    for (const f of [`${target}-wal`, `${target}-shm`]) rmSync(f, { force: true })
    renameSync(partial, target)
  } catch (e) {
    throw diskFullError(e, target) ?? e
  } finally {
    removeQuietly(partial)
    removeLitter(partial)
  }
}
