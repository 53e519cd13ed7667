import { parentPort, workerData } from 'node:worker_threads'
import type { ReadLimits, SourceRow } from '@shared/import/types'
import { readCsv } from './csv'
import type { Sniffed } from './sniff'
import { openXlsx } from './xlsx'
import { RowStage, type StagedBatch, type StageJob } from './row-stage'

/**
 * Runs in a worker thread with memory limits: reads an untrusted file and sends its rows to the thread
 * that started it, in batches, never more than a few batches ahead (credit-based flow control: the
 * parent acknowledges each batch it has written). The parent enforces the time limit.
 */
export interface ParseJob {
  path: string
  sniffed: Sniffed
  sheet: string | null
  limits: ReadLimits
  maxRows?: number
  /** When set, rows are mapped here (see row-stage.ts) and sent as staged rows instead of raw ones. */
  stage?: StageJob
}

export type ParseMessage =
  | { type: 'meta'; sheets: { name: string; state: 'visible' | 'hidden' | 'veryHidden' }[]; sheet: string | null }
  | { type: 'rows'; rows: SourceRow[] }
  | { type: 'staged'; batch: StagedBatch; headers: string[] | null }
  | { type: 'progress'; bytes: number; total: number }
  | { type: 'done'; rows: number; headers: string[] | null }
  | { type: 'error'; name: string; message: string; code?: string }

const MAX_IN_FLIGHT = 4

const port = parentPort
if (!port) throw new Error('parse-worker must run in a worker thread')
const job = workerData as ParseJob

let credit = MAX_IN_FLIGHT
let waiting: (() => void) | null = null
const abort = new AbortController()
port.on('message', (m: 'ack' | 'cancel') => {
  if (m === 'cancel') {
    abort.abort()
    waiting?.()
    return
  }
  credit++
  const w = waiting
  waiting = null
  w?.()
})

const send = (m: ParseMessage): void => port.postMessage(m)
const stage = job.stage ? new RowStage(job.stage) : null

async function onRows(rows: SourceRow[]): Promise<void> {
  while (credit === 0 && !abort.signal.aborted) await new Promise<void>((r) => (waiting = r))
  if (abort.signal.aborted) throw Object.assign(new Error('Import cancelled'), { name: 'AbortError' })
  credit--
  if (stage) send({ type: 'staged', batch: stage.accept(rows), headers: stage.headers })
  else send({ type: 'rows', rows })
}

let lastProgress = 0
function onProgress(bytes: number, total: number): void {
  const now = Date.now()
  if (now - lastProgress < 100 && bytes < total) return
  lastProgress = now
  send({ type: 'progress', bytes, total })
}

async function run(): Promise<void> {
  const opts = { signal: abort.signal, onProgress, ...(job.maxRows !== undefined ? { maxRows: job.maxRows } : {}) }
  if (job.sniffed.format === 'csv') {
    send({ type: 'meta', sheets: [], sheet: null })
    const res = await readCsv(job.path, job.sniffed, onRows, { ...opts, limits: job.limits })
    send({ type: 'done', rows: res.rows, headers: stage?.headers ?? null })
    return
  }
  const book = await openXlsx(job.path, job.limits)
  try {
    const visible = book.sheets.find((s) => s.state === 'visible') ?? book.sheets[0]
    const sheet = job.sheet ?? visible?.name ?? null
    send({ type: 'meta', sheets: book.sheets, sheet })
    if (sheet === null) throw Object.assign(new Error('the workbook has no sheets'), { name: 'XlsxError' })
    if (!book.sheets.some((s) => s.name === sheet)) {
      throw Object.assign(new Error(`the workbook has no sheet called "${sheet}"`), { name: 'XlsxError' })
    }
    const res = await book.readRows(sheet, onRows, opts)
    send({ type: 'done', rows: res.rows, headers: stage?.headers ?? null })
  } finally {
    await book.close()
  }
}

run().catch((e: unknown) => {
  const err = e instanceof Error ? e : new Error(String(e))
  const code = (err as { code?: unknown }).code
  send({ type: 'error', name: err.name, message: err.message, ...(typeof code === 'string' && err.name === 'StageError' ? { code } : {}) })
})
