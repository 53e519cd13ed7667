import { basename } from 'node:path'
import type { ResourceLimits } from 'node:worker_threads'
import type { SourceRow } from '@shared/import/types'
import { AppError } from '../../errors'
import { startWorker } from '../../workers'
import type { ParentMessage, ParseJob, ParseMessage, SheetList, SourceRead } from './parse-worker'
import { StringDictionary } from '../read/packed-rows'
import type { StagedBatch, StageJob } from '../write/row-stage'

/**
 * Memory of a parse worker: generous for big shared-string tables, bounded against hostile files. The
 * young generation is kept moderate: it is most of a reader's resident memory, and much smaller makes
 * the garbage collector the bottleneck. An XLSX reader gets twice a CSV reader's: its worker is the
 * slowest thread of an XLSX import, and that cut its collections from ~150 to ~105 ms for 100,000 rows,
 * for ~30 MB more resident memory (~300 MB in all); a CSV import's peak is closer to its limit.
 *
 * Only these limits are set, through the Worker's own options. V8 flags (a larger initial old space made
 * a 1M-row CSV read spend ~0.5 s less in full collections) would have to be set process-wide with
 * `v8.setFlagsFromString`, which in the app changes the flags of the whole Electron main process after
 * start-up, and Node documents that as unsafe; Worker options refuse V8 flags.
 */
function resourceLimits(format: 'csv' | 'xlsx'): ResourceLimits {
  return { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: format === 'xlsx' ? 96 : 48, stackSizeMb: 4 }
}

/** Rows read to detect the layout and infer date order and number formats (the sample shown is smaller). */
export const SNIFF_ROWS = 1000

export interface ReadHandlers {
  onRows?(rows: SourceRow[]): void | Promise<void>
  /** Rows mapped in the worker (when it has a stage), with the header row once it is known. */
  onStaged?(batch: StagedBatch, headers: string[] | null): void | Promise<void>
  onProgress?(bytes: number, total: number): void
}

export interface ReadResult {
  rows: number
  /** The header row, when the worker mapped the rows (a file with only a header sends no staged rows). */
  headers: string[] | null
  sheet: string | null
  sheets: SheetList
  source: SourceRead
}

export interface Sample {
  rows: SourceRow[]
  /** The whole file fitted in the sample. */
  complete: boolean
  sheet: string | null
  sheets: SheetList
}

export class CancelledError extends Error {
  constructor() {
    super('Import cancelled')
    this.name = 'AbortError'
  }
}

/** A read in progress: its sample (when asked for), the rest of it, and a way to stop it. */
export interface ReadSession {
  sample: Promise<Sample>
  /** Delivers every row from the first (the sample's included) to `handlers`; resolves when all are handled. */
  resume(handlers: ReadHandlers, stage?: StageJob): Promise<ReadResult>
  cancel(): void
}

/**
 * Starts reading a file in a parse worker. Rows reach the handlers in order; handlers may be async (the
 * worker waits for them). Refusals of the file become IMPORT_REFUSED errors naming the file; a timeout,
 * an out-of-memory worker or a crash end the read with a one-line reason; `signal` cancels.
 */
export function startRead(job: ParseJob, signal?: AbortSignal): ReadSession {
  const name = basename(job.path)
  const limits = resourceLimits(job.sniffed.format)
  const worker = startWorker(__dirname, 'parse-worker', job, limits)
  const post = (m: ParentMessage): void => worker.postMessage(m)
  const strings = new StringDictionary()
  let meta: { sheet: string | null; sheets: SheetList } = { sheet: job.sheet, sheets: [] }
  let handlers: ReadHandlers = {}
  let resumed = false
  /** The last progress reported before `resume`. */
  let earlyProgress: [number, number] | null = null
  let chain: Promise<void> = Promise.resolve()
  let settled = false
  let resolveSample!: (s: Sample) => void
  let rejectSample!: (e: unknown) => void
  const sample = new Promise<Sample>((res, rej) => {
    resolveSample = res
    rejectSample = rej
  })
  sample.catch(() => undefined)
  let resolveDone!: (r: ReadResult) => void
  let rejectDone!: (e: unknown) => void
  const done = new Promise<ReadResult>((res, rej) => {
    resolveDone = res
    rejectDone = rej
  })
  done.catch(() => undefined)

  const finish = (ok: boolean, value: unknown): void => {
    if (settled) return
    settled = true
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
    void worker.terminate()
    if (ok) resolveDone(value as ReadResult)
    else {
      rejectSample(value)
      rejectDone(value)
    }
  }
  const fail = (e: unknown): void => finish(false, e)
  const onAbort = (): void => {
    post({ type: 'cancel' })
    fail(new CancelledError())
  }
  if (signal?.aborted) queueMicrotask(onAbort)
  else signal?.addEventListener('abort', onAbort)
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
      case 'sample':
        resolveSample({ rows: m.rows, complete: m.complete, ...meta })
        break
      case 'progress':
        // Read ahead before the import resumed (parse-worker.ts): kept for it.
        if (!resumed) earlyProgress = [m.bytes, m.total]
        else handlers.onProgress?.(m.bytes, m.total)
        break
      case 'rows':
      case 'staged':
        chain = chain
          .then(() => (m.type === 'rows' ? handlers.onRows?.(strings.unpack(m.rows)) : handlers.onStaged?.(m.batch, m.headers)))
          .then(
            () => {
              if (!settled) post({ type: 'ack' })
            },
            (e: unknown) => fail(e),
          )
        break
      case 'done':
        void chain.then(() => finish(true, { rows: m.rows, headers: m.headers, source: m.source, ...meta }))
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
        ? `reading it needed more than ${limits.maxOldGenerationSizeMb} MB of memory; stopped`
        : `the reader failed (${e.message.split('\n')[0]})`
    fail(new AppError('IMPORT_REFUSED', `${name}: ${why}.`))
  })
  worker.on('exit', (code) => {
    if (!settled) fail(new AppError('IMPORT_REFUSED', `${name}: the reader stopped unexpectedly (exit ${code}).`))
  })

  return {
    sample,
    resume(h, stage) {
      handlers = h
      resumed = true
      if (earlyProgress) h.onProgress?.(...earlyProgress)
      if (job.sampleRows !== undefined && !settled) post(stage ? { type: 'resume', stage } : { type: 'resume' })
      return done
    },
    cancel() {
      if (settled) return
      post({ type: 'cancel' })
      fail(new CancelledError())
    },
  }
}

/** Reads a whole file (or its first `maxRows`) in a parse worker: `startRead` without a sample. */
export function readInWorker(job: ParseJob, handlers: ReadHandlers, signal?: AbortSignal): Promise<ReadResult> {
  return startRead(job, signal).resume(handlers)
}
