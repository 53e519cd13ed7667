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
