import { statfsSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { ErrorCode, Problem } from '@shared/result'

/**
 * An error meant for the user: a stable code and a one-line message that says what happened and,
 * where it helps, what to do. Anything else thrown is an internal error and is reported generically.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

/** First line of an unknown error's message, for logs and CLI output. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e)
  return text.split('\n')[0]?.trim() || 'unknown error'
}

/**
 * The user's view of a failure SQLite reports mid-command, for the few that are about the workspace and
 * not a bug: it is read-only, busy, or damaged. Null for anything else. A statement that failed wrote
 * nothing, so each says that nothing was changed.
 */
export function sqliteAppError(e: unknown): AppError | null {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppError('READ_ONLY', 'The workspace is open read-only (this user may not write it); nothing was changed.')
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError(
      'BUSY',
      'The workspace is busy with another import or program; nothing was changed. Try again when it has finished.',
    )
  }
  if (code === 'SQLITE_FULL') {
    return new AppError('DISK_FULL', 'The disk holding the workspace is full; nothing was changed. Free some space on it and try again.')
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('DAMAGED', 'The workspace is damaged (SQLite found it corrupt); nothing was changed. Restore its newest backup.')
  }
  return null
}

/** Below this many free bytes a failed write or open is put down to a full disk. */
const NEARLY_FULL = 1024 * 1024

/** Bytes free to this user on the file system holding `path` (its folder), or null when that cannot be read. */
export function freeBytes(path: string): number | null {
  try {
    const s = statfsSync(dirname(path))
    return Number(s.bavail) * Number(s.bsize)
  } catch {
    return null
  }
}

/**
 * The user's view of a failure to write `path` (or the workspace at it) because its disk is full: SQLite's
 * FULL, the system's ENOSPC, or an I/O error while the disk has (almost) no space left (SQLite cannot even
 * size its shared-memory file then). Null for any other failure. A SQLite statement or transaction that
 * failed wrote nothing, and the copies Tandem makes are renamed into place only once complete, so nothing
 * was changed.
 */
export function diskFullError(e: unknown, path: string): AppError | null {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return null
  const full = code === 'SQLITE_FULL' || code === 'ENOSPC'
  const ioError = code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'EIO'
  if (!full && !ioError) return null
  const free = freeBytes(path)
  if (!full && (free === null || free >= NEARLY_FULL)) return null
  const left = free === null ? '' : ` (${free < 1024 ? `${free} bytes` : `${Math.floor(free / 1024).toLocaleString('en-US')} KB`} free)`
  return new AppError(
    'DISK_FULL',
    `${basename(path)}: the disk holding it is full${left}; nothing was changed. Free some space on it and try again.`,
  )
}

/**
 * A message for the page with every folder taken out of the paths in it (`Cannot create /home/ana/x.sqlite`
 * becomes `Cannot create x.sqlite`), Windows' too: the page learns file names, never where they are (issue
 * 17). Messages are written for the command line, where the full path helps; the IPC boundary passes them
 * through this. A folder name with spaces is taken out up to the last slash of the run, so the net errs
 * towards hiding too much, never too little.
 */
export function withoutFolders(message: string): string {
  return message
    .replace(/(?<![\w:/.])\/(?:[^/\s]+(?: [^/\s]+)*\/)+/g, '')
    .replace(/\b[A-Za-z]:\\(?:[^\\\s]+(?: [^\\\s]+)*\\)*/g, '')
    .replace(/\\\\(?:[^\\\s]+(?: [^\\\s]+)*\\)+/g, '')
}
