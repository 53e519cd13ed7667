import { basename } from 'node:path'
import type { ResourceLimits } from 'node:worker_threads'
import type { SourceRow } from '@shared/import/types'
import { AppError } from '../errors'
import type { ParseJob, ParseMessage } from './parse-worker'
import type { StagedBatch } from './row-stage'
import { startWorker } from '../workers'

/** Memory of a parse worker: generous for big shared-string tables, bounded against hostile files. */
const RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 48, stackSizeMb: 4 }

export interface ReadHandlers {
  onRows?(rows: SourceRow[]): void | Promise<void>
  /** Rows mapped in the worker (when the job has a `stage`), with the header row once it is known. */
  onStaged?(batch: StagedBatch, headers: string[] | null): void | Promise<void>
  onProgress?(bytes: number, total: number): void
}

export interface ReadResult {
  rows: number
  /** The header row, when the worker mapped the rows (a file with only a header sends no staged rows). */
  headers: string[] | null
  sheet: string | null
  sheets: { name: string; state: 'visible' | 'hidden' | 'veryHidden' }[]
}

export class CancelledError extends Error {
  constructor() {
    super('Import cancelled')
    this.name = 'AbortError'
  }
}

/**
 * Reads a file in a parse worker and hands its rows, in order, to `onRows` (which may be async: the
 * worker waits for it). Refusals of the file become IMPORT_REFUSED errors naming the file; a timeout,
 * an out-of-memory worker or a crash end the read with a one-line reason; `signal` cancels.
 */
export function readInWorker(job: ParseJob, handlers: ReadHandlers, signal?: AbortSignal): Promise<ReadResult> {
  const name = basename(job.path)
  return new Promise<ReadResult>((resolvePromise, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError())
      return
    }
    const worker = startWorker(__dirname, 'parse-worker', job, RESOURCE_LIMITS)
    let meta: { sheet: string | null; sheets: ReadResult['sheets'] } = { sheet: job.sheet, sheets: [] }
    let headers: string[] | null = null
    let chain: Promise<void> = Promise.resolve()
    let settled = false

    const finish = (fn: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      fn()
    }
    const fail = (e: unknown): void => finish(() => reject(e))
    const onAbort = (): void => {
      worker.postMessage('cancel')
      fail(new CancelledError())
    }
    signal?.addEventListener('abort', onAbort)
    const timer = setTimeout(() => {
      const ms = job.limits.timeoutMs
      const limit = ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : ms >= 2000 ? `${Math.round(ms / 1000)} seconds` : 'a second'
      fail(new AppError('IMPORT_REFUSED', `${name}: reading took longer than ${limit}; stopped.`))
    }, job.limits.timeoutMs)

    worker.on('message', (m: ParseMessage) => {
      if (settled) return
      switch (m.type) {
        case 'meta':
          meta = { sheet: m.sheet, sheets: m.sheets }
          break
        case 'progress':
          handlers.onProgress?.(m.bytes, m.total)
          break
        case 'rows':
        case 'staged':
          chain = chain
            .then(() => (m.type === 'rows' ? handlers.onRows?.(m.rows) : handlers.onStaged?.(m.batch, m.headers)))
            .then(
              () => {
                if (!settled) worker.postMessage('ack')
              },
              (e: unknown) => fail(e),
            )
          break
        case 'done':
          headers = m.headers
          void chain.then(() => finish(() => resolvePromise({ rows: m.rows, headers, ...meta })))
          break
        case 'error':
          if (m.name === 'AbortError') fail(new CancelledError())
          else if (m.code === 'IMPORT_INVALID') fail(new AppError('IMPORT_INVALID', m.message))
          else fail(new AppError('IMPORT_REFUSED', `${name}: ${m.message}`))
          break
      }
    })
    worker.on('error', (e: Error & { code?: string }) => {
      const why =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `reading it needed more than ${RESOURCE_LIMITS.maxOldGenerationSizeMb} MB of memory; stopped`
          : `the reader failed (${e.message.split('\n')[0]})`
      fail(new AppError('IMPORT_REFUSED', `${name}: ${why}.`))
    })
    worker.on('exit', (code) => {
      if (!settled) fail(new AppError('IMPORT_REFUSED', `${name}: the reader stopped unexpectedly (exit ${code}).`))
    })
  })
}
