import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, type ReadLimits, type SourceRow } from '@shared/import/types'
import { BATCH_ROWS, readCsv, type CsvFormat, type ReadCsvOptions } from '../../../../src/main/import/read/csv'
import { ImportFileError } from '../../../../src/main/import/read/file-error'
import { sniffFile, type Delimiter } from '../../../../src/main/import/read/sniff'
import { tmpDir } from '../../../helpers/tmp'
import { dataset, describeDatasets } from '../../../helpers/datasets'

const FIXTURES = join(import.meta.dirname, '../../../fixtures/import')
const UTF8: CsvFormat = { encoding: 'utf-8', bom: false, delimiter: ',' }

function file(name: string, content: string | Uint8Array): string {
  const path = join(tmpDir(), name)
  writeFileSync(path, content)
  return path
}

/** Sniffs and reads a whole file, returning its rows. */
async function readAll(path: string, opts: ReadCsvOptions = {}): Promise<SourceRow[]> {
  const sniffed = await sniffFile(path, opts.limits)
  if (sniffed.format !== 'csv') throw new Error(`${path} is not CSV`)
  return readRows(path, sniffed, opts)
}

async function readRows(path: string, format: CsvFormat, opts: ReadCsvOptions = {}): Promise<SourceRow[]> {
  const rows: SourceRow[] = []
  await readCsv(path, format, (batch) => void rows.push(...batch), opts)
  return rows
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ImportFileError)
  const message = (error as ImportFileError).message
  expect(message).not.toContain('\n')
  return message
}

const cellsOf = (rows: SourceRow[]): unknown[][] => rows.map((r) => r.cells)
const limited = (overrides: Partial<ReadLimits>): ReadLimits => ({ ...DEFAULT_LIMITS, ...overrides })

describe('readCsv: encodings and dialects', () => {
  const expected = [
    ['Id', 'Name', 'Amount', 'City'],
    ['0042', 'Café Müller', '€1.234', 'Zürich'],
    ['0043', 'Smith, Jones & Co', '500', 'Köln'],
  ]

  it.each(['utf-8-bom.csv', 'utf-16le.csv', 'utf-16be.csv', 'windows-1252.csv'])('decodes %s', async (name) => {
    const rows = await readAll(join(FIXTURES, name))
    expect(cellsOf(rows)).toEqual(expected)
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3])
  })

  it('reads semicolons with decimal commas, tabs with commas in text, and pipes', async () => {
    expect(cellsOf(await readAll(join(FIXTURES, 'semicolon.csv')))).toEqual([
      ['Id', 'Name', 'Amount'],
      ['1', 'Acme GmbH', '1.234,50'],
      ['2', 'Beta', '99,95'],
      ['3', 'Gamma; Delta', '0,5'],
    ])
    expect(cellsOf(await readAll(join(FIXTURES, 'tab.txt')))).toEqual([
      ['Id', 'Note', 'Amount'],
      ['1', 'Hello, world', '10'],
      ['2', 'No commas here', '20'],
      ['3', 'Quoted\ttab', '30'],
    ])
    expect(cellsOf(await readAll(join(FIXTURES, 'pipe.csv')))).toEqual([
      ['Id', 'Name', 'Stage'],
      ['1', 'Acme, Inc.', 'Closed Won'],
      ['2', 'Beta', 'Prospecting'],
    ])
  })

  it('reads quoted commas, line breaks and doubled quotes; a multi-line record is one row', async () => {
    const rows = await readAll(join(FIXTURES, 'quoted-crlf.csv'))
    expect(rows).toEqual([
      { row: 1, cells: ['Id', 'Name', 'Description', 'Amount'] },
      { row: 2, cells: ['1', 'Acme, Inc.', 'Line one\nLine two', '1000'] },
      { row: 3, cells: ['2', 'The "Best" Co', 'Say "hi"', '2000'] },
      { row: 4, cells: ['3', 'Plain', '', '0'] },
    ])
  })

  it('keeps title rows, blank rows, totals, leading zeros, formula text and __proto__ as they are', async () => {
    const rows = await readAll(join(FIXTURES, 'report.csv'))
    expect(rows).toEqual([
      { row: 1, cells: ['Pipeline report Q3 2024'] },
      { row: 2, cells: [''] },
      { row: 3, cells: ['Id', '__proto__', 'Amount', 'Note'] },
      { row: 4, cells: ['00123', 'Alpha', '100', '=SUM(A1:A3)'] },
      { row: 5, cells: ['00456', 'Beta', '200', '+1 555 0100'] },
      { row: 6, cells: ['Grand Total', '', '300', ''] },
    ])
    expect(Object.getPrototypeOf(rows[2]!.cells)).toBe(Array.prototype)
  })

  it('reads CR, LF and CRLF line breaks, even mixed, and a last line without a break', async () => {
    const rows = await readRows(file('mixed.csv', 'a,b\r1,2\n3,"x\r\ny"\r\n5,6'), UTF8)
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
      { row: 3, cells: ['3', 'x\ny'] },
      { row: 4, cells: ['5', '6'] },
    ])
  })

  it('adds no row for the final line break, but keeps blank lines before it', async () => {
    expect(cellsOf(await readRows(file('t.csv', 'a\n1\n'), UTF8))).toEqual([['a'], ['1']])
    expect(cellsOf(await readRows(file('t.csv', 'a\n1\n\n\n'), UTF8))).toEqual([['a'], ['1'], [''], ['']])
  })

  it('does not split a CRLF or a character that straddles a read boundary', async () => {
    // Reads are 256 KiB. Shifting the rows one byte at a time puts every byte of a row at the end of a
    // read, among them the CR of the CRLF and the first half of "é".
    const row = '1234567,abc,déf\r\n' // 18 bytes in UTF-8
    const rows = 30_000
    for (let shift = 0; shift < 18; shift++) {
      const header = `h1,h2,${'x'.repeat(10_000 + shift)}\r\n`
      const result = await readRows(file('boundary.csv', header + row.repeat(rows)), UTF8)
      expect(result).toHaveLength(rows + 1)
      expect(result.every((r, i) => i === 0 || r.cells.join('|') === '1234567|abc|déf')).toBe(true)
    }
  })
})

describe('readCsv: streaming', () => {
  /** A CSV of `rows` data rows of exactly `ROW_BYTES` bytes each after a 9-byte header. */
  const ROW_BYTES = 32
  function bigCsv(rows: number): string {
    const lines = ['id,a,b,c']
    for (let i = 0; i < rows; i++) lines.push(`${String(i).padStart(10, '0')},aaaaaaa,bbbbbbb,cccc`)
    return file('big.csv', lines.join('\n') + '\n')
  }

  it('delivers batches of BATCH_ROWS rows, numbered in order, with progress up to the file size', async () => {
    const path = bigCsv(9_999)
    const sizes: number[] = []
    const numbers: number[] = []
    const progress: [number, number][] = []
    const result = await readCsv(
      path,
      UTF8,
      (batch) => {
        sizes.push(batch.length)
        for (const r of batch) numbers.push(r.row)
      },
      { onProgress: (read, total) => progress.push([read, total]) },
    )
    const total = 9 + 9_999 * ROW_BYTES
    expect(result).toEqual({ rows: 10_000, bytes: total, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') })
    expect(sizes).toEqual([BATCH_ROWS, BATCH_ROWS, BATCH_ROWS, BATCH_ROWS, BATCH_ROWS])
    expect(numbers).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1))
    expect(progress.at(-1)).toEqual([total, total])
    expect(progress.every(([read], i) => i === 0 || read >= progress[i - 1]![0])).toBe(true)
  })

  it('does not read ahead while the consumer is busy', async () => {
    const path = bigCsv(200_000) // 6.4 MB
    let read = 0
    let pending = 0
    let mostPending = 0
    let mostAhead = 0
    let rowsSeen = 0
    const result = await readCsv(
      path,
      UTF8,
      async (batch) => {
        pending++
        mostPending = Math.max(mostPending, pending)
        rowsSeen += batch.length
        // Give the reader every chance to run ahead while this batch is being "written".
        await new Promise((resolve) => setTimeout(resolve, rowsSeen === BATCH_ROWS ? 100 : 1))
        mostAhead = Math.max(mostAhead, read - rowsSeen * ROW_BYTES)
        pending--
      },
      { onProgress: (bytesRead) => (read = bytesRead) },
    )
    expect(result.rows).toBe(200_001)
    expect(mostPending).toBe(1)
    // About one read (256 KiB) beyond the rows handed over, not the 6 MB a free-running reader reaches.
    expect(mostAhead).toBeLessThan(2 * 256 * 1024)
  })

  it('stops after maxRows rows without reading the rest', async () => {
    const path = bigCsv(100_000)
    const rows: SourceRow[] = []
    const result = await readCsv(path, UTF8, (batch) => void rows.push(...batch), { maxRows: 50 })
    expect(rows).toHaveLength(50)
    expect(rows.at(-1)!.row).toBe(50)
    expect(result.rows).toBe(50)
    expect(result.bytes).toBeLessThan(1024 * 1024)
  })

  it('stops at maxRows exactly when a small file holds more', async () => {
    const rows = await readRows(file('s.csv', 'a\n1\n2\n3\n"unclosed\n'), UTF8, { maxRows: 3 })
    expect(cellsOf(rows)).toEqual([['a'], ['1'], ['2']])
  })

  it('aborts with an AbortError between batches, whatever the reason given', async () => {
    const path = bigCsv(20_000)
    const controller = new AbortController()
    let batches = 0
    const error: unknown = await readCsv(
      path,
      UTF8,
      () => {
        batches++
        controller.abort(new Error('user pressed cancel'))
      },
      { signal: controller.signal },
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'AbortError' })
    expect(batches).toBe(1)
  })

  it('does not start when the signal is already aborted', async () => {
    let called = false
    const error: unknown = await readCsv(bigCsv(10), UTF8, () => void (called = true), { signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ name: 'AbortError' })
    expect(called).toBe(false)
  })
})

describe('readCsv: refusals', () => {
  it('refuses an unclosed quote at the end of a small file, naming the row', async () => {
    const message = await refusal(readRows(file('q.csv', 'a,b\n1,2\n3,"oops\n4,5\n'), UTF8))
    expect(message).toBe('row 3, column 2: a quoted field is never closed')
  })

  it('refuses an unclosed quote early in a large file promptly, without reading it all', async () => {
    const path = file('hostile.csv', 'id,name\n1,"never closed\n' + '2,plain row of text\n'.repeat(2_000_000)) // 40 MB
    let read = 0
    const started = performance.now()
    const message = await refusal(readCsv(path, UTF8, () => undefined, { onProgress: (bytes) => (read = bytes) }))
    expect(message).toMatch(/^row 2, column 2: a quoted field is never closed/)
    expect(read).toBeLessThan(4 * 1024 * 1024)
    expect(performance.now() - started).toBeLessThan(5_000) // a generous bound: it takes milliseconds
  })

  it('refuses a cell over the length limit, naming its row and column', async () => {
    const path = file('cell.csv', `a,b,c\n1,2,3\n4,"${'x'.repeat(40_000)}",6\n`)
    expect(await refusal(readRows(path, UTF8))).toBe('row 3, column 2: a cell holds 40,000 characters; at most 32,767 are allowed')
  })

  it('refuses a giant unquoted cell without line breaks before holding it all', async () => {
    const path = file('giant.csv', 'a\n' + 'x'.repeat(30_000_000))
    let read = 0
    const message = await refusal(readCsv(path, UTF8, () => undefined, { onProgress: (bytes) => (read = bytes) }))
    expect(message).toMatch(/^row 2, column 1: a cell holds [\d,]+ characters; at most 32,767 are allowed$/)
    expect(read).toBeLessThan(4 * 1024 * 1024)
  })

  it('refuses a row with thousands of columns', async () => {
    const path = file('wide.csv', `a,b\n${Array.from({ length: 5_000 }, (_, i) => i).join(',')}\n`)
    expect(await refusal(readRows(path, UTF8))).toBe('row 2 has 5,000 columns; at most 1,000 are allowed')
  })

  it('refuses an endless row of empty columns before holding it all', async () => {
    const path = file('commas.csv', 'a\n' + ','.repeat(20_000_000))
    let read = 0
    const message = await refusal(readCsv(path, UTF8, () => undefined, { onProgress: (bytes) => (read = bytes) }))
    expect(message).toMatch(/^row 2 has [\d,]+ columns; at most 1,000 are allowed$/)
    expect(read).toBeLessThan(4 * 1024 * 1024)
  })

  it('refuses more rows than the limit', async () => {
    const path = file('rows.csv', 'a\n' + '1\n'.repeat(10))
    expect(await refusal(readRows(path, UTF8, { limits: limited({ maxRows: 10 }) }))).toBe(
      'has more than 10 rows, the most Tandem imports at once; split it into smaller files',
    )
    expect(await readRows(path, UTF8, { limits: limited({ maxRows: 11 }) })).toHaveLength(11)
  })

  it('refuses UTF-16 with an odd number of bytes', async () => {
    const path = file('odd.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le'), Buffer.from([0x41])]))
    expect(await refusal(readRows(path, { encoding: 'utf-16le', bom: true, delimiter: ',' }))).toMatch(/^is not valid UTF-16/)
  })

  it('refuses a file over the size limit', async () => {
    const path = file('size.csv', 'a,b\n'.repeat(1000))
    expect(await refusal(readRows(path, UTF8, { limits: limited({ maxFileBytes: 1000 }) }))).toMatch(/^is 3.9 KB, more than/)
  })
})

describe('readCsv: properties', () => {
  const isExpected = (e: unknown): boolean => e instanceof ImportFileError || (e instanceof Error && e.name === 'AbortError')
  const small = limited({ maxCellChars: 40, maxColumns: 8, maxRows: 30 })

  async function sniffAndRead(path: string, limits: ReadLimits): Promise<void> {
    try {
      const sniffed = await sniffFile(path, limits)
      if (sniffed.format === 'csv') await readCsv(path, sniffed, () => undefined, { limits })
    } catch (e) {
      if (!isExpected(e)) throw e
    }
  }

  it('never crashes on arbitrary bytes', async () => {
    const dir = tmpDir()
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), async (content, tight) => {
        const path = join(dir, 'any.csv')
        writeFileSync(path, content)
        await sniffAndRead(path, tight ? small : DEFAULT_LIMITS)
      }),
      { numRuns: 300 },
    )
  })

  const piece = fc.oneof(
    fc.constantFrom('"', '""', ',', ';', '\t', '|', '\n', '\r\n', '\r', ' ', '\uFEFF', '\0'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  )

  it('never crashes on CSV-like text in any encoding', async () => {
    const dir = tmpDir()
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 60 }),
        fc.constantFrom('utf8', 'utf8-bom', 'utf16le-bom', 'utf16be'),
        fc.boolean(),
        async (pieces, encoding, tight) => {
          const text = pieces.join('')
          const path = join(dir, 'text.csv')
          writeFileSync(path, encode(text, encoding))
          await sniffAndRead(path, tight ? small : DEFAULT_LIMITS)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('returns exactly the fields of well-formed CSV', async () => {
    const dir = tmpDir()
    const field = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 10 }),
      fc
        .array(fc.constantFrom('a', 'é', '€', '日', '😀', '"', ',', ';', '\t', '|', '\n', '\r\n', ' ', '='), { maxLength: 10 })
        .map((p) => p.join('')),
    )
    const table = fc
      .integer({ min: 1, max: 6 })
      .chain((columns) => fc.array(fc.array(field, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 25 }))
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom<Delimiter>(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('utf8', 'utf8-bom', 'utf16le-bom', 'utf16be'),
        fc.boolean(),
        async (records, delimiter, lineBreak, encoding, finalBreak) => {
          const quote = (value: string): string =>
            /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value
          const lines = records.map((cells) => cells.map(quote).join(delimiter))
          // Without a final line break, a last record of one empty field would be no record at all.
          const last = records.at(-1)!
          const needsBreak = finalBreak || (last.length === 1 && last[0] === '')
          const path = join(dir, 'well-formed.csv')
          writeFileSync(path, encode(lines.join(lineBreak) + (needsBreak ? lineBreak : ''), encoding))
          const format: CsvFormat = {
            encoding: encoding.startsWith('utf8') ? 'utf-8' : encoding === 'utf16be' ? 'utf-16be' : 'utf-16le',
            bom: encoding.endsWith('-bom'),
            delimiter,
          }
          const rows = await readRows(path, format)
          expect(rows.map((r) => r.row)).toEqual(records.map((_, i) => i + 1))
          // Line breaks inside cells come out as "\n".
          expect(cellsOf(rows)).toEqual(records.map((cells) => cells.map((c) => c.replace(/\r\n?/g, '\n'))))
        },
      ),
      { numRuns: 300 },
    )
  })
})

function encode(text: string, encoding: string): Buffer {
  switch (encoding) {
    case 'utf8-bom':
      return Buffer.from(`\uFEFF${text}`, 'utf8')
    case 'utf16le-bom':
      return Buffer.from(`\uFEFF${text}`, 'utf16le')
    case 'utf16be':
      return Buffer.from(text, 'utf16le').swap16()
    default:
      return Buffer.from(text, 'utf8')
  }
}

describeDatasets('readCsv: real exports', () => {
  it('reads the Maven CRM sales pipeline (CRLF, 8,800 records)', async () => {
    const path = dataset('maven-crm-sales-opportunities/sales_pipeline.csv')
    expect(await sniffFile(path)).toEqual({ format: 'csv', encoding: 'utf-8', bom: false, delimiter: ',' })
    const rows = await readAll(path)
    expect(rows).toHaveLength(8_801)
    expect(rows[0]!.cells).toEqual([
      'opportunity_id',
      'sales_agent',
      'product',
      'account',
      'deal_stage',
      'engage_date',
      'close_date',
      'close_value',
    ])
    expect(rows.every((r) => r.cells.length === 8 && !r.cells.some((c) => String(c).includes('\r')))).toBe(true)
  })

  it('reads the Olist marketing-qualified leads (LF, 8,000 records)', async () => {
    const rows = await readAll(dataset('olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv'))
    expect(rows).toHaveLength(8_001)
    expect(rows[0]!.cells).toEqual(['mql_id', 'first_contact_date', 'landing_page_id', 'origin'])
    expect(rows.every((r) => r.cells.length === 4)).toBe(true)
  })

  it('reads a Salesforce Data Cloud export with a BOM (50 records)', async () => {
    const path = dataset('salesforce-data-cloud-workshop/Opportunity.csv')
    expect(await sniffFile(path)).toEqual({ format: 'csv', encoding: 'utf-8', bom: true, delimiter: ',' })
    const rows = await readAll(path)
    expect(rows).toHaveLength(51)
    expect(rows[0]!.cells[0]).toBe('Id') // no BOM glued to the first header
    expect(rows.every((r) => r.cells.length === 35)).toBe(true)
  })

  it('reads JSON with doubled quotes inside quoted fields (Salesforce Data Cloud leads)', async () => {
    const rows = await readAll(dataset('salesforce-data-cloud-workshop/Lead.csv'))
    expect(rows).toHaveLength(61)
    expect(rows.every((r) => r.cells.length === 55)).toBe(true)
    const addresses = rows.slice(1).flatMap((r) => r.cells.filter((c) => String(c).startsWith('{"city"')))
    expect(addresses.length).toBeGreaterThan(0)
    for (const json of addresses) expect(JSON.parse(String(json))).toHaveProperty('country')
  })

  it('reads the Salesforce-in-Power-BI opportunities', async () => {
    const rows = await readAll(dataset('salesforce-in-powerbi/Opportunity.csv'))
    expect(rows).toHaveLength(37)
    expect(rows[0]!.cells.slice(0, 3)).toEqual(['Id', 'AccountId', 'Name'])
    expect(rows.every((r) => r.cells.length === 19)).toBe(true)
  })
})
