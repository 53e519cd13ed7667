/**
 * What every IPC call returns. Errors carry a stable machine code and a one-line message meant for
 * the user; never a stack trace.
 */
export type ErrorCode =
  | 'BAD_ARGS'
  | 'UNTRUSTED_SENDER'
  | 'NO_WORKSPACE'
  | 'WORKSPACE_TOO_NEW'
  | 'NOT_A_WORKSPACE'
  | 'WORKSPACE_IO'
  | 'READ_ONLY'
  | 'DAMAGED'
  | 'DISK_FULL'
  | 'SETTINGS_INVALID'
  | 'FILE_IO'
  | 'BACKUP_FAILED'
  | 'NOT_FOUND'
  | 'URL_REFUSED'
  | 'IMPORT_REFUSED'
  | 'IMPORT_INVALID'
  | 'UNDO_BLOCKED'
  | 'CANCELLED'
  | 'BUSY'
  | 'CONFLICT'
  | 'FILE_HANDLE'
  | 'INTERNAL'

export interface Problem {
  /** Where the problem is, as a dotted path (`fxRates.EUR`) or a file/row/column locator. */
  path: string
  message: string
}

export type Ok<T> = { ok: true; data: T }
export type Err = { ok: false; code: ErrorCode; message: string; problems?: Problem[] }
export type Result<T> = Ok<T> | Err

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data })
export const err = (code: ErrorCode, message: string, problems?: Problem[]): Err =>
  problems ? { ok: false, code, message, problems } : { ok: false, code, message }
