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
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('DAMAGED', 'The workspace is damaged (SQLite found it corrupt); nothing was changed. Restore its newest backup.')
  }
  return null
}
