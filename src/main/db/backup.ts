import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { BackupInfo, BackupKind } from '@shared/types'
import { BACKUP_KINDS } from '@shared/types'
import { AppError, oneLine } from '../errors'

/**
 * Verified backups. A backup is written with SQLite's online backup API to a `.partial` file, opened
 * read-only and checked (integrity, application id, schema version), and only then renamed into
 * place; so a backup that exists under its final name is known to be good. Each kind keeps its own
 * rotation.
 */

export const KEEP: Record<BackupKind, number> = {
  migration: 5,
  import: 20,
  daily: 7,
  manual: 20,
  restore: 5,
}

/** `/data/team.sqlite` -> `/data/team.backups/`: next to the workspace, so it travels with it. */
export function backupsDirFor(workspacePath: string): string {
  const base = basename(workspacePath, extname(workspacePath)) || basename(workspacePath)
  return join(dirname(workspacePath), `${base}.backups`)
}

const NAME = /^backup-([a-z]+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?\.sqlite$/

function stampOf(date: Date): string {
  return date.toISOString().replace(/:/g, '-').replace('.', '-')
}

function dateOfStamp(stamp: string): string {
  // 2026-11-23T21-03-01-123Z -> 2026-11-23T21:03:01.123Z
  return stamp.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z')
}

export function parseBackupName(file: string): { kind: BackupKind; createdAt: string } | null {
  const m = NAME.exec(file)
  if (!m) return null
  const kind = m[1] as BackupKind
  if (!BACKUP_KINDS.includes(kind)) return null
  return { kind, createdAt: dateOfStamp(m[2] as string) }
}

export function listBackups(workspacePath: string): BackupInfo[] {
  const dir = backupsDirFor(workspacePath)
  let files: string[]
  try {
    files = readdirSync(dir)
  } catch {
    return []
  }
  const out: BackupInfo[] = []
  for (const file of files) {
    const parsed = parseBackupName(file)
    if (!parsed) continue
    out.push({ file, ...parsed, sizeBytes: statSync(join(dir, file)).size })
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.file.localeCompare(a.file)))
}

export interface VerifyExpectation {
  applicationId: number
  /** When given, the backup must have exactly this schema version. */
  userVersion?: number
  /** When given, the backup may not be newer than this. */
  maxUserVersion?: number
}

/** Opens a backup read-only and checks it; throws BACKUP_FAILED with the reason. */
export function verifyBackup(path: string, expect: VerifyExpectation): { userVersion: number } {
  let db: Db | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    const check = db.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new AppError('BACKUP_FAILED', `${basename(path)} failed its integrity check (${String(check)}).`)
    const appId = db.pragma('application_id', { simple: true }) as number
    if (appId !== expect.applicationId) {
      throw new AppError('BACKUP_FAILED', `${basename(path)} is not a Tandem workspace backup.`)
    }
    const userVersion = db.pragma('user_version', { simple: true }) as number
    if (expect.userVersion !== undefined && userVersion !== expect.userVersion) {
      throw new AppError('BACKUP_FAILED', `${basename(path)} has schema ${userVersion}, expected ${expect.userVersion}.`)
    }
    if (expect.maxUserVersion !== undefined && userVersion > expect.maxUserVersion) {
      throw new AppError('BACKUP_FAILED', `${basename(path)} comes from a newer version of Tandem.`)
    }
    return { userVersion }
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError('BACKUP_FAILED', `${basename(path)} could not be verified: ${oneLine(e)}`)
  } finally {
    db?.close()
  }
}

/**
 * The newest backup of a workspace that passes its verification (a damaged workspace's way back), or
 * null when it has none. Backups are tried newest first, so usually one is opened.
 */
export function newestVerifiedBackup(workspacePath: string, maxUserVersion: number, applicationId: number): BackupInfo | null {
  const dir = backupsDirFor(workspacePath)
  for (const b of listBackups(workspacePath)) {
    try {
      verifyBackup(join(dir, b.file), { applicationId, maxUserVersion })
      return b
    } catch {
      // A damaged or foreign backup is passed over for the next older one.
    }
  }
  return null
}

function rotate(dir: string, kind: BackupKind): void {
  const mine = readdirSync(dir)
    .filter((f) => parseBackupName(f)?.kind === kind)
    .sort()
    .reverse()
  for (const stale of mine.slice(KEEP[kind])) rmSync(join(dir, stale), { force: true })
}

/**
 * Writes a verified backup of an open workspace into its backups folder and rotates that kind.
 * Throws BACKUP_FAILED (and leaves nothing behind) if the copy cannot be written or verified.
 */
export async function createBackup(db: Db, workspacePath: string, kind: BackupKind, now = new Date()): Promise<BackupInfo> {
  const dir = backupsDirFor(workspacePath)
  let file = `backup-${kind}-${stampOf(now)}.sqlite`
  let target = join(dir, file)
  const partial = `${target}.partial`
  try {
    mkdirSync(dir, { recursive: true })
    for (let n = 2; existsIn(dir, file); n++) {
      file = `backup-${kind}-${stampOf(now)}-${n}.sqlite`
      target = join(dir, file)
    }
    await copyDatabase(db, partial)
    const appId = db.pragma('application_id', { simple: true }) as number
    const userVersion = db.pragma('user_version', { simple: true }) as number
    verifyBackup(partial, { applicationId: appId, userVersion })
    renameSync(partial, target)
    rotate(dir, kind)
  } catch (e) {
    removeQuietly(partial)
    if (e instanceof AppError) throw e
    throw new AppError('BACKUP_FAILED', `Could not back up ${basename(workspacePath)} to ${dir}: ${oneLine(e)}`)
  } finally {
    removeLitter(partial)
  }
  return { file, kind, createdAt: now.toISOString(), sizeBytes: statSync(target).size }
}

/** Bounds on one copy: it ends, done or refused, within both. */
export interface CopyLimits {
  /** Wall-clock time, in ms. */
  maxMs: number
  /**
   * Steps allowed per step a straight copy needs. SQLite's online backup starts again whenever another
   * connection writes to the source, and a source that cannot be read consistently restarts it at every
   * step (a read-only workspace did, forever, at 100% CPU): a copy never needs many restarts.
   */
  restarts: number
}

export const COPY_LIMITS: CopyLimits = { maxMs: 10 * 60_000, restarts: 20 }

/** Pages copied per step of the online backup: a step holds the source's read lock for only a moment. */
const PAGES_PER_STEP = 256

/**
 * Copies an open workspace into a new file `dest` (left for the caller to verify, rename or remove),
 * consistent even while another connection writes. A read-only connection copies with VACUUM INTO,
 * which reads in one transaction; the online backup's steps never finish there. Either way the copy
 * ends: a copy that exceeds its limits throws BACKUP_FAILED, saying how far it got.
 */
export async function copyDatabase(db: Db, dest: string, limits: CopyLimits = COPY_LIMITS): Promise<void> {
  try {
    if (db.readonly) {
      db.prepare('VACUUM INTO ?').run(dest)
      return
    }
    const started = Date.now()
    let steps = 0
    await db.backup(dest, {
      progress: ({ totalPages, remainingPages }) => {
        steps++
        const budget = limits.restarts * (Math.ceil(totalPages / PAGES_PER_STEP) + 1)
        const ms = Date.now() - started
        if (steps > budget || ms > limits.maxMs) {
          throw new AppError(
            'BACKUP_FAILED',
            `Could not copy ${basename(db.name)}: ${remainingPages.toLocaleString('en-US')} of ${totalPages.toLocaleString('en-US')} pages ` +
              `were still to copy after ${steps.toLocaleString('en-US')} steps and ${(ms / 1000).toFixed(1)} s ` +
              '(the workspace kept changing, or cannot be read consistently); stopped, and nothing was kept.',
          )
        }
        return PAGES_PER_STEP
      },
    })
  } finally {
    finishCopy(dest)
  }
}

/**
 * Gives a fresh copy a rollback journal and removes what opening it leaves beside it. The online backup
 * copies the WAL flag of the source's header, so the copy (and whoever opens it to verify it) would
 * otherwise make `<copy>-wal` and `<copy>-shm`, which the rename does not carry along.
 */
function finishCopy(dest: string): void {
  let copy: Db | undefined
  try {
    copy = new Database(dest, { fileMustExist: true })
    copy.pragma('journal_mode = DELETE')
  } catch {
    // A copy that cannot be opened fails its verification, which says why.
  } finally {
    copy?.close()
    removeLitter(dest)
  }
}

/** The journal files SQLite may leave beside a copy (never the copy itself). */
export function removeLitter(path: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) removeQuietly(`${path}${suffix}`)
}

function existsIn(dir: string, file: string): boolean {
  try {
    statSync(join(dir, file))
    return true
  } catch {
    return false
  }
}

/** Best-effort clean-up on an error path: it must never replace the error being reported. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // The original error is what the user needs to see.
  }
}
