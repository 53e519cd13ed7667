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
    await db.backup(partial)
    const appId = db.pragma('application_id', { simple: true }) as number
    const userVersion = db.pragma('user_version', { simple: true }) as number
    verifyBackup(partial, { applicationId: appId, userVersion })
    renameSync(partial, target)
    rotate(dir, kind)
  } catch (e) {
    removeQuietly(partial)
    if (e instanceof AppError) throw e
    throw new AppError('BACKUP_FAILED', `Could not back up ${basename(workspacePath)} to ${dir}: ${oneLine(e)}`)
  }
  return { file, kind, createdAt: now.toISOString(), sizeBytes: statSync(target).size }
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
