import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import type { ParentMessage, ParseJob, ParseMessage } from '../../../../src/main/import/worker/parse-worker'
import { StringDictionary } from '../../../../src/main/import/read/packed-rows'
import { startRead } from '../../../../src/main/import/worker/read-in-worker'
import { openXlsx } from '../../../../src/main/import/read/xlsx'
import { sniffFile } from '../../../../src/main/import/read/sniff'
import { startWorker } from '../../../../src/main/workers'
import { DEFAULT_LIMITS, type SourceRow } from '../../../../src/shared/import/types'
import { writeCsv } from '../../../helpers/import'
import { tmpDir } from '../../../helpers/tmp'
import { writeXlsx, type CellSpec } from '../../../helpers/xlsx-writer'

const WORKER_DIR = join(__dirname, '../../../../src/main/import/worker')

/** The parse worker's own protocol, driven by hand: every message it sends, in order. */
async function worker(
  path: string,
  sampleRows: number,
): Promise<{ w: Worker; messages: ParseMessage[]; next: (test: (m: ParseMessage) => boolean) => Promise<ParseMessage> }> {
  const job: ParseJob = { path, sniffed: await sniffFile(path), sheet: null, limits: DEFAULT_LIMITS, sampleRows }
  const w = startWorker(WORKER_DIR, 'parse-worker', job)
  const messages: ParseMessage[] = []
  const waiting: { test: (m: ParseMessage) => boolean; resolve: (m: ParseMessage) => void }[] = []
  w.on('message', (m: ParseMessage) => {
    messages.push(m)
    for (const x of waiting.filter((x) => x.test(m))) {
      waiting.splice(waiting.indexOf(x), 1)
      x.resolve(m)
    }
  })
  const next = (test: (m: ParseMessage) => boolean): Promise<ParseMessage> =>
    new Promise((resolve, reject) => {
      const seen = messages.find(test)
      if (seen) return resolve(seen)
      const timer = setTimeout(() => reject(new Error(`no such message; got ${messages.map((m) => m.type).join(', ')}`)), 10_000)
      waiting.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) })
    })
  return { w, messages, next }
}

function csvOf(dir: string, rows: number): string {
  const data: (string | number)[][] = [['Opportunity ID', 'Stage', 'Amount']]
  for (let i = 1; i <= rows; i++) data.push([`K${i}`, 'Prospecting', i])
  return writeCsv(dir, 'o.csv', data)
}

/** Resumes the read and acknowledges each batch until the worker is done: the rows delivered. */
async function resumeAndDrainRows(
  w: Worker,
  messages: ParseMessage[],
  next: (t: (m: ParseMessage) => boolean) => Promise<ParseMessage>,
): Promise<SourceRow[]> {
  const rows: SourceRow[] = []
  const strings = new StringDictionary()
  let handled = messages.length
  const post = (m: ParentMessage): void => w.postMessage(m)
  post({ type: 'resume' })
  for (;;) {
    await next((m) => messages.indexOf(m) >= handled)
    const m = messages[handled++] as ParseMessage
    if (m.type === 'rows') {
      rows.push(...strings.unpack(m.rows))
      post({ type: 'ack' })
    } else if (m.type === 'done') return rows
    else if (m.type === 'error') throw new Error(m.message)
  }
}

/** The row numbers delivered after resuming. */
async function resumeAndDrain(
  w: Worker,
  messages: ParseMessage[],
  next: (t: (m: ParseMessage) => boolean) => Promise<ParseMessage>,
): Promise<number[]> {
  return (await resumeAndDrainRows(w, messages, next)).map((r) => r.row)
}

describe('the parse worker, after sending its sample', () => {
  it('reads on while the parent decides, sends no rows before it resumes, then delivers every row once, in order', async () => {
    const dir = tmpDir()
    // The CSV reader's batches are 2,000 rows: the sample (1,000 asked) is the first batch, and the
    // rest of the file fits in the batches read ahead, so the worker reaches its end before resuming.
    const file = csvOf(dir, 7_000)
    const { w, messages, next } = await worker(file, 1_000)
    try {
      const sample = (await next((m) => m.type === 'sample')) as Extract<ParseMessage, { type: 'sample' }>
      expect(sample.complete).toBe(false)
      expect(sample.rows.length).toBeGreaterThanOrEqual(1_000)
      const total = statSync(file).size
      // The end of the file was read (its last progress report) with no resume sent.
      await next((m) => m.type === 'progress' && m.bytes === total)
      expect(messages.filter((m) => m.type === 'rows' || m.type === 'done')).toEqual([])

      const rows = await resumeAndDrain(w, messages, next)
      expect(rows).toEqual(Array.from({ length: 7_001 }, (_, i) => i + 1))
    } finally {
      await w.terminate()
    }
  })

  it('holds only a few batches while it waits: a long file is delivered whole, in order, after a late resume', async () => {
    const dir = tmpDir()
    const file = csvOf(dir, 40_000)
    const { w, messages, next } = await worker(file, 1_000)
    try {
      await next((m) => m.type === 'sample')
      await new Promise((r) => setTimeout(r, 300))
      // It stopped short of the end: no final progress report while it waits.
      expect(messages.some((m) => m.type === 'progress' && m.bytes === statSync(file).size)).toBe(false)
      const rows = await resumeAndDrain(w, messages, next)
      expect(rows).toEqual(Array.from({ length: 40_001 }, (_, i) => i + 1))
    } finally {
      await w.terminate()
    }
  })

  it('reads a workbook ahead too, and delivers its rows as the reader reads them', async () => {
    const rows: CellSpec[][] = [['Opportunity ID', 'Stage', 'Amount', 'Won']]
    for (let i = 1; i <= 6_000; i++) rows.push([`K${i}`, i % 5 === 0 ? null : `Stage ${i % 4}`, i * 1.5, i % 2 === 0])
    const file = join(tmpDir(), 'o.xlsx')
    writeXlsx(file, { sheets: [{ name: 'Data', rows }] })
    const book = await openXlsx(file)
    const direct: SourceRow[] = []
    await book.readRows('Data', (batch) => void direct.push(...batch))
    await book.close()

    const { w, messages, next } = await worker(file, 1_000)
    try {
      await next((m) => m.type === 'sample')
      await new Promise((r) => setTimeout(r, 200))
      expect(messages.filter((m) => m.type === 'rows' || m.type === 'done')).toEqual([])
      expect(await resumeAndDrainRows(w, messages, next)).toEqual(direct)
    } finally {
      await w.terminate()
    }
  })

  it('stops when cancelled while it holds batches, sending none', async () => {
    const { w, messages, next } = await worker(csvOf(tmpDir(), 40_000), 1_000)
    try {
      await next((m) => m.type === 'sample')
      await new Promise((r) => setTimeout(r, 200))
      w.postMessage({ type: 'cancel' } satisfies ParentMessage)
      expect(await next((m) => m.type === 'error')).toMatchObject({ type: 'error', name: 'AbortError' })
      expect(messages.filter((m) => m.type === 'rows' || m.type === 'done')).toEqual([])
    } finally {
      await w.terminate()
    }
  })

  it('sends a file shorter than the sample whole, as a complete sample', async () => {
    const dir = tmpDir()
    const { w, messages, next } = await worker(csvOf(dir, 10), 1_000)
    try {
      const sample = (await next((m) => m.type === 'sample')) as Extract<ParseMessage, { type: 'sample' }>
      expect(sample).toMatchObject({ complete: true })
      expect(sample.rows).toHaveLength(11)
      expect(await resumeAndDrain(w, messages, next)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1))
    } finally {
      await w.terminate()
    }
  })
})

describe('a sampled read (startRead)', () => {
  it('reports to the import the progress made while it read ahead of it', async () => {
    const file = csvOf(tmpDir(), 7_000)
    const session = startRead({ path: file, sniffed: await sniffFile(file), sheet: null, limits: DEFAULT_LIMITS, sampleRows: 1_000 })
    await session.sample
    // Time for the worker to read the rest of this small file ahead and report its end.
    await new Promise((r) => setTimeout(r, 300))
    const progress: number[] = []
    let rows = 0
    const result = await session.resume({ onProgress: (bytes) => progress.push(bytes), onRows: (batch) => void (rows += batch.length) })
    expect(result.rows).toBe(7_001)
    expect(rows).toBe(7_001)
    expect(progress.at(-1)).toBe(statSync(file).size)
  })
})
