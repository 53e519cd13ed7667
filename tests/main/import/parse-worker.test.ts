import { statSync } from 'node:fs'
import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import type { ParentMessage, ParseJob, ParseMessage } from '../../../src/main/import/parse-worker'
import { StringDictionary } from '../../../src/main/import/packed-rows'
import { sniffFile } from '../../../src/main/import/sniff'
import { startWorker } from '../../../src/main/workers'
import { DEFAULT_LIMITS } from '../../../src/shared/import/types'
import { writeCsv } from '../../helpers/import'
import { tmpDir } from '../../helpers/tmp'

const WORKER_DIR = join(__dirname, '../../../src/main/import')

/** The parse worker's own protocol, driven by hand: every message it sends, in order. */
async function worker(path: string, sampleRows: number): Promise<{ w: Worker; messages: ParseMessage[]; next: (test: (m: ParseMessage) => boolean) => Promise<ParseMessage> }> {
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

/** Resumes the read and acknowledges each batch until the worker is done: the row numbers delivered. */
async function resumeAndDrain(w: Worker, messages: ParseMessage[], next: (t: (m: ParseMessage) => boolean) => Promise<ParseMessage>): Promise<number[]> {
  const rows: number[] = []
  const strings = new StringDictionary()
  let handled = messages.length
  const post = (m: ParentMessage): void => w.postMessage(m)
  post({ type: 'resume' })
  for (;;) {
    await next((m) => messages.indexOf(m) >= handled)
    const m = messages[handled++] as ParseMessage
    if (m.type === 'rows') {
      rows.push(...strings.unpack(m.rows).map((r) => r.row))
      post({ type: 'ack' })
    } else if (m.type === 'done') return rows
    else if (m.type === 'error') throw new Error(m.message)
  }
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
