import { stat } from 'node:fs/promises'
import { parentPort, workerData } from 'node:worker_threads'
import type { ReadLimits, SourceRow } from '@shared/import/types'
import { readCsv } from '../read/csv'
import type { Sniffed } from '../read/sniff'
import { openXlsx } from '../read/xlsx'
import type { SharedStrings } from '../read/shared-strings'
import { packRows, SharedStringSender, sheetRowsToRows, transferList, type PackedRows, type SheetRows } from '../read/packed-rows'
import { RowStage, type StagedBatch, type StageJob } from '../write/row-stage'

/**
 * Runs in a worker thread with memory limits: reads an untrusted file and sends its rows to the thread
 * that started it, in batches, never more than a few batches ahead (credit-based flow control: the
 * parent acknowledges each batch it has handled). The parent enforces the time limit.
 *
 * With `sampleRows`, the worker first sends that many rows as a sample and reads a few batches further
 * while it waits: the parent decides how to import the file from them and then resumes the same read
 * (optionally with a stage, to map rows here), so a file is opened and a worker started once per
 * import, not once to look and once to read.
 */
export interface ParseJob {
  path: string
  sniffed: Sniffed
  sheet: string | null
  limits: ReadLimits
  /** Stop quietly after this many rows (a look at the start of a file). */
  maxRows?: number
  /** Send this many rows as a sample first, then wait for `resume`. */
  sampleRows?: number
  /** When set, rows are mapped here (see row-stage.ts) and sent as staged rows instead of raw ones. */
  stage?: StageJob
}

/** The file as the read found it when it began, and what it read: to tell whether it changed meanwhile. */
export interface SourceRead {
  size: number
  mtimeMs: number
  ino: number
  /** Bytes read, and their SHA-256, when the reader reads the file front to back (CSV); else null. */
  bytesRead: number | null
  sha256: string | null
}

export type SheetList = { name: string; state: 'visible' | 'hidden' | 'veryHidden' }[]

export type ParseMessage =
  | { type: 'meta'; sheets: SheetList; sheet: string | null }
  | { type: 'sample'; rows: SourceRow[]; complete: boolean }
  | { type: 'rows'; rows: PackedRows }
  | { type: 'staged'; batch: StagedBatch; headers: string[] | null }
  | { type: 'progress'; bytes: number; total: number }
  | { type: 'done'; rows: number; headers: string[] | null; source: SourceRead }
  | { type: 'error'; name: string; message: string; code?: string }

export type ParentMessage = { type: 'ack' } | { type: 'cancel' } | { type: 'resume'; stage?: StageJob }

const MAX_IN_FLIGHT = 4

const port = parentPort
if (!port) throw new Error('parse-worker must run in a worker thread')
const job = workerData as ParseJob

let credit = MAX_IN_FLIGHT
let wake: (() => void) | null = null
let stage: RowStage | null = job.stage ? new RowStage(job.stage) : null
let resumed = job.sampleRows === undefined
const abort = new AbortController()
const wakeUp = (): void => {
  const w = wake
  wake = null
  w?.()
}
port.on('message', (m: ParentMessage) => {
  if (m.type === 'cancel') abort.abort()
  else if (m.type === 'ack') credit++
  else {
    resumed = true
    if (m.stage) stage = new RowStage(m.stage)
  }
  wakeUp()
})

const send = (m: ParseMessage, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer)
const cancelled = (): Error => Object.assign(new Error('Import cancelled'), { name: 'AbortError' })

async function waitUntil(ready: () => boolean): Promise<void> {
  while (!ready() && !abort.signal.aborted) await new Promise<void>((r) => (wake = r))
  if (abort.signal.aborted) throw cancelled()
}

/** A batch of rows as a reader gives them: a CSV's as rows, a sheet's packed (packed-rows.ts). */
type Batch = SourceRow[] | SheetRows

/** A workbook's shared strings, and their sender, once the workbook is open. */
let workbook: { strings: SharedStrings; sender: SharedStringSender } | null = null

function rowsOf(batch: Batch): SourceRow[] {
  return Array.isArray(batch) ? batch : sheetRowsToRows(batch, (workbook as NonNullable<typeof workbook>).strings)
}

async function deliver(batch: Batch): Promise<void> {
  // Mapped (or packed) before waiting for credit: the raw rows can then die young instead of being
  // promoted by a collection that runs while this thread waits.
  const message: ParseMessage = stage
    ? { type: 'staged', batch: stage.accept(rowsOf(batch)), headers: stage.headers }
    : { type: 'rows', rows: Array.isArray(batch) ? packRows(batch) : (workbook as NonNullable<typeof workbook>).sender.encode(batch) }
  await waitUntil(() => credit > 0)
  credit--
  if (message.type === 'rows') send(message, transferList(message.rows))
  else send(message)
}

/**
 * Batches read before the parent resumed: the first ones are sent as the sample; all are delivered like
 * any others once it resumes. After the sample the read goes on, holding up to READ_AHEAD batches more,
 * while the parent decides how to import the file (~15-20 ms for the CLI, which would otherwise be
 * time the reader waits on the critical path of an import).
 */
const held: Batch[] = []
let heldRows = 0
let sampleSent = false
/** How many of the held batches the sample was made of. */
let sampleBatches = 0
const READ_AHEAD = MAX_IN_FLIGHT

function sendSample(complete: boolean): void {
  send({ type: 'sample', rows: held.flatMap(rowsOf), complete })
  sampleSent = true
}

/** Waits for the parent to resume, then delivers what was held, in order. */
async function resumeHeld(): Promise<void> {
  await waitUntil(() => resumed)
  while (held.length > 0) await deliver(held.shift() as Batch)
}

async function onRows(batch: Batch): Promise<void> {
  if (resumed && held.length === 0) {
    await deliver(batch)
    return
  }
  held.push(batch)
  heldRows += Array.isArray(batch) ? batch.length : batch.numbers.length
  if (!sampleSent && heldRows >= (job.sampleRows ?? 0)) {
    sendSample(false)
    sampleBatches = held.length
  }
  if (resumed || (sampleSent && held.length >= sampleBatches + READ_AHEAD)) await resumeHeld()
}

let lastProgress = 0
let lastBytes = 0
/** Reported each hundredth of the file (or sheet) read, however fast, and at least every 100 ms between. */
function onProgress(bytes: number, total: number): void {
  const now = Date.now()
  if (now - lastProgress < 100 && bytes - lastBytes < total / 100 && bytes < total) return
  lastProgress = now
  lastBytes = bytes
  send({ type: 'progress', bytes, total })
}

async function finish(rows: number, source: SourceRead): Promise<void> {
  // A file shorter than the sample ends before the parent has seen it: it is all sent as the sample.
  if (!sampleSent && !resumed) sendSample(true)
  await resumeHeld()
  send({ type: 'done', rows, headers: stage?.headers ?? null, source })
}

async function run(): Promise<void> {
  const opts = { signal: abort.signal, onProgress, ...(job.maxRows !== undefined ? { maxRows: job.maxRows } : {}) }
  const { size, mtimeMs, ino } = await stat(job.path)
  if (job.sniffed.format === 'csv') {
    send({ type: 'meta', sheets: [], sheet: null })
    const res = await readCsv(job.path, job.sniffed, onRows, { ...opts, limits: job.limits })
    await finish(res.rows, { size, mtimeMs, ino, bytesRead: res.bytes, sha256: res.sha256 })
    return
  }
  const book = await openXlsx(job.path, job.limits)
  try {
    const visible = book.sheets.find((s) => s.state === 'visible') ?? book.sheets[0]
    const sheet = job.sheet ?? visible?.name ?? null
    send({ type: 'meta', sheets: book.sheets, sheet })
    if (sheet === null) throw Object.assign(new Error('the workbook has no sheets'), { name: 'XlsxError' })
    workbook = { strings: book.sharedStrings, sender: new SharedStringSender(book.sharedStrings) }
    const res = await book.readPacked(sheet, onRows, opts)
    await finish(res.rows, { size, mtimeMs, ino, bytesRead: null, sha256: null })
  } finally {
    await book.close()
  }
}

run().catch((e: unknown) => {
  const err = e instanceof Error ? e : new Error(String(e))
  const code = (err as { code?: unknown }).code
  send({ type: 'error', name: err.name, message: err.message, ...(typeof code === 'string' && err.name === 'StageError' ? { code } : {}) })
})
