import { parentPort, workerData } from 'node:worker_threads'
import type { ImportOutcome, ImportRequest } from '@shared/import/outcome'
import type { Settings } from '@shared/settings'
import { isAppError, oneLine } from '../../errors'
import { openSecondConnection } from '../../db/connection'
import { runImport, type RunOptions } from '../engine'
import { ProblemFile } from '../write/problem-file'

/**
 * An import run off the app's main thread, on its own connection to the workspace (WAL lets the app
 * keep reading meanwhile). The app's own connection is never inside an import's long transaction, so
 * nothing else the user does can be rolled back with a cancelled import.
 */
export interface ImportJob {
  workspacePath: string
  request: ImportRequest
  mode: 'preview' | 'commit'
  settings: Settings
  /** Where a preview writes all its problems as CSV (for "save invalid rows"). */
  problemsFile: string | null
}

export type JobMessage =
  | { type: 'progress'; progress: Parameters<NonNullable<RunOptions['onProgress']>>[0] }
  | { type: 'done'; outcome: ImportOutcome }
  | { type: 'error'; code: string | null; message: string; cancelled: boolean }

const port = parentPort
if (!port) throw new Error('import-job must run in a worker thread')
const job = workerData as ImportJob
const abort = new AbortController()
port.on('message', (m: 'cancel') => {
  if (m === 'cancel') abort.abort()
})
const send = (m: JobMessage): void => port.postMessage(m)

async function main(): Promise<void> {
  const db = openSecondConnection(job.workspacePath)
  const problems = job.problemsFile ? new ProblemFile(job.problemsFile) : null
  try {
    const outcome = await runImport({ db, path: job.workspacePath }, job.request, {
      mode: job.mode,
      settings: job.settings,
      signal: abort.signal,
      onProgress: (progress) => send({ type: 'progress', progress }),
      ...(problems ? { onProblem: (p) => problems.add(p) } : {}),
    })
    await problems?.close()
    send({ type: 'done', outcome })
  } finally {
    // A failed preview's file descriptor is the process's, not the thread's: close it here too.
    await problems?.close().catch(() => undefined)
    db.close()
  }
}

main().catch((e: unknown) => {
  const cancelled = e instanceof Error && e.name === 'AbortError'
  send({
    type: 'error',
    code: isAppError(e) ? e.code : null,
    message: isAppError(e) ? e.message : cancelled ? 'Import cancelled' : oneLine(e),
    cancelled,
  })
})
