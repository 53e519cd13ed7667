import type { Api } from '@shared/contract'
import type { ErrorCode, Problem, Result } from '@shared/result'

/** An IPC call that came back `{ok:false}`: its code, its one-line message and any problems. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function api(): Api {
  return window.api
}

/** Unwraps a call's result: the data, or an ApiError carrying the main process's message. */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  const res = await pending
  if (res.ok) return res.data
  throw new ApiError(res.code, res.message, res.problems)
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
