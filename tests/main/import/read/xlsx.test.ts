import fc from 'fast-check'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, type CellValue, type ReadLimits, type SourceRow } from '@shared/import/types'
import { XlsxError, columnLetters, excelSerialToIso, isDateFormat, openXlsx, type XlsxFile } from '../../../../src/main/import/read/xlsx'
import { SharedStringSender, StringDictionary, transferList, type PackedRows } from '../../../../src/main/import/read/packed-rows'
import { ZipArchive, ZipError } from '../../../../src/main/import/read/zip'
import { tmpDir } from '../../../helpers/tmp'
import {
  type CellSpec,
  type SheetSpec,
  type WorkbookSpec,
  type XlsxWriteOptions,
  type ZipEntrySpec,
  columnName,
  writeOle2,
  writeXlsx,
  writeZip,
  zerosDeflateRaw,
} from '../../../helpers/xlsx-writer'
import { dataset, describeDatasets } from '../../../helpers/datasets'

const MIB = 1024 * 1024

function workbook(spec: WorkbookSpec, opts?: XlsxWriteOptions): string {
  const path = join(tmpDir(), 'book.xlsx')
  writeXlsx(path, spec, opts)
  return path
}

function oneSheet(rows: (CellSpec[] | { r: number; cells: CellSpec[] })[], extra: Partial<SheetSpec> = {}): WorkbookSpec {
  return { sheets: [{ name: 'Data', rows, ...extra }] }
}

/** Every row of a sheet, and the batch sizes they came in. */
async function readAll(book: XlsxFile, sheet: string, opts?: Parameters<XlsxFile['readRows']>[2]) {
  const rows: SourceRow[] = []
  const batches: number[] = []
  const result = await book.readRows(
    sheet,
    (batch) => {
      rows.push(...batch)
      batches.push(batch.length)
    },
    opts,
  )
  return { rows, batches, count: result.rows }
}

/**
 * A sheet's rows as the parse worker sends them: packed, shared strings through a SharedStringSender,
 * across a real message port, back into rows by a StringDictionary.
 */
async function readPackedAcross(book: XlsxFile, sheet: string): Promise<SourceRow[]> {
  const { port1, port2 } = new MessageChannel()
  const sender = new SharedStringSender(book.sharedStrings)
  const dictionary = new StringDictionary()
  const rows: SourceRow[] = []
  try {
    await book.readPacked(sheet, (batch) => {
      const packed = sender.encode(batch)
      port1.postMessage(packed, transferList(packed))
      rows.push(...dictionary.unpack(receiveMessageOnPort(port2)?.message as PackedRows))
    })
  } finally {
    port1.close()
    port2.close()
  }
  return rows
}

type Outcome = { rows: SourceRow[] } | { refused: string; name: string }

async function outcome(read: () => Promise<SourceRow[]>): Promise<Outcome> {
  return read().then(
    (rows) => ({ rows }),
    (e: unknown) => ({ refused: (e as Error).message, name: (e as Error).name }),
  )
}

/**
 * Every row of a sheet, read both ways the app reads a workbook (as rows, and packed as the parse
 * worker sends them), which must agree on the rows or on the refusal.
 */
async function rowsOf(path: string, sheet = 'Data', limits?: ReadLimits): Promise<SourceRow[]> {
  const book = await openXlsx(path, limits)
  try {
    const plain = await outcome(async () => (await readAll(book, sheet)).rows)
    const packed = await outcome(() => readPackedAcross(book, sheet))
    expect(packed).toEqual(plain)
    if ('refused' in plain) throw Object.assign(new XlsxError(plain.refused), { name: plain.name })
    return plain.rows
  } finally {
    await book.close()
  }
}

/** Awaits a refusal and checks it is a one-line XlsxError; returns its message. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(XlsxError)
  const message = (error as XlsxError).message
  expect(message).not.toContain('\n')
  return message
}

const limits = (over: Partial<ReadLimits>): ReadLimits => ({ ...DEFAULT_LIMITS, ...over })

/** A sheet whose whole XML is given, for parts Excel would never write. */
function rawSheet(xml: string, opts: XlsxWriteOptions = {}): string {
  return workbook(oneSheet([['placeholder']]), { ...opts, parts: { 'xl/worksheets/sheet1.xml': xml, ...opts.parts } })
}

const SHEET_OPEN = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
const SHEET_CLOSE = '</sheetData></worksheet>'

describe('xlsx: cell values', () => {
  it('reads each kind of cell as Excel stored it', async () => {
    const path = workbook(
      oneSheet([
        ['text', 42, 17499.9499999999, true, false, '00123'],
        [
          { inlineString: 'inline' },
          { richText: ['Big ', 'Deal'], phonetic: 'ビッグ' },
          { error: '#N/A' },
          { isoDate: '2024-01-31T13:45:00Z' },
        ],
        [
          { formula: 'B2*1.05', cached: 12.5 },
          { formula: 'A1&"!"', cached: 'text!' },
          { formula: 'A1=1', cached: true },
          { formula: 'NOW()' },
        ],
      ]),
    )
    expect(await rowsOf(path)).toEqual([
      { row: 1, cells: ['text', 42, 17499.9499999999, true, false, '00123'] },
      { row: 2, cells: ['inline', 'Big Deal', '#N/A', '2024-01-31T13:45:00'] },
      // A formula Excel never calculated has no cached value: null, never evaluated here.
      { row: 3, cells: [12.5, 'text!', true] },
    ])
  })

  it('places cells by their column reference and keeps the sheet’s own row numbers', async () => {
    const path = workbook(
      oneSheet([
        { r: 3, cells: [null, 'B3', null, null, 'E3', null, null] },
        { r: 4, cells: [] },
        { r: 7, cells: [{ blank: true }, { blank: true }] },
        { r: 9, cells: ['A9'] },
      ]),
    )
    const rows = await rowsOf(path)
    expect(rows).toEqual([
      { row: 3, cells: [null, 'B3', null, null, 'E3'] },
      // Rows present in the XML are delivered even without a value; the caller decides what blank means.
      { row: 4, cells: [] },
      { row: 7, cells: [] },
      { row: 9, cells: ['A9'] },
    ])
    // Missing cells are null, never holes (undefined) in the array.
    expect(rows[0]!.cells.every((c) => c !== undefined)).toBe(true)
  })

  it('reads rows and cells that omit their r attribute in document order', async () => {
    const path = rawSheet(
      `${SHEET_OPEN}<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c><v>4</v></c></row>${SHEET_CLOSE}`,
    )
    expect(await rowsOf(path)).toEqual([
      { row: 1, cells: [1, 2] },
      { row: 2, cells: [null, null, 3, 4] },
    ])
  })

  it('round-trips any grid of strings, numbers, booleans and blanks', async () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
      fc.boolean(),
      fc.constant(null),
    )
    const dir = tmpDir()
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 8 }), { minLength: 1, maxLength: 12 }), async (grid) => {
        const path = join(dir, 'prop.xlsx')
        writeXlsx(path, oneSheet(grid))
        const expected = grid.map((cells, i) => {
          const trimmed: CellValue[] = [...cells]
          while (trimmed.length > 0 && trimmed.at(-1) === null) trimmed.pop()
          return { row: i + 1, cells: trimmed }
        })
        expect(await rowsOf(path)).toEqual(expected)
      }),
      { numRuns: 40 },
    )
  })
})

describe('xlsx: dates', () => {
  it('turns date-formatted numbers into zone-less ISO text, and leaves other formats alone', async () => {
    const path = workbook(
      oneSheet([
        [
          { date: '2022-01-31' },
          { date: '2020-03-19', format: '[$-409]dd\\-mmm\\-yy;@' },
          { date: '2022-12-01', format: 'mmm-yy' },
          { date: '2014-01-01', format: 'mm-dd-yy' },
          { date: '2022-01-31T13:45:00', format: 'yyyy-mm-dd hh:mm' },
          { date: '2022-01-31T13:45:00', format: 22 },
        ],
        [
          { number: 1.5, format: '[h]:mm' },
          { number: 44000, format: '_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)' },
          { number: 44000, format: '#,##0' },
          { number: 44000, format: '0.00E+00' },
          { number: 44000, format: '"Day" 0' },
          { formula: 'A1+1', cached: 44593, format: 14 },
        ],
        // Seconds are rounded: 13:44:59.6 is 13:45:00, and 23:59:59.7 rolls over to the next day.
        [
          { number: 44592 + (13 * 3600 + 44 * 60 + 59.6) / 86400, format: 22 },
          { number: 44592 + 86399.7 / 86400, format: 22 },
        ],
      ]),
    )
    expect(await rowsOf(path)).toEqual([
      { row: 1, cells: ['2022-01-31', '2020-03-19', '2022-12-01', '2014-01-01', '2022-01-31T13:45:00', '2022-01-31T13:45:00'] },
      { row: 2, cells: [1.5, 44000, 44000, 44000, 44000, '2022-02-01'] },
      { row: 3, cells: ['2022-01-31T13:45:00', '2022-02-01'] },
    ])
  })

  it('counts the 1900 system like Excel, phantom 29 February included', () => {
    expect(excelSerialToIso(1, false)).toBe('1900-01-01')
    expect(excelSerialToIso(59, false)).toBe('1900-02-28')
    expect(excelSerialToIso(60, false)).toBe('1900-02-29')
    expect(excelSerialToIso(60.5, false)).toBe('1900-02-29T12:00:00')
    expect(excelSerialToIso(61, false)).toBe('1900-03-01')
    expect(excelSerialToIso(45322, false)).toBe('2024-01-31')
    expect(excelSerialToIso(2958465, false)).toBe('9999-12-31')
    // Excel shows neither as a date: they stay numbers.
    expect(excelSerialToIso(-1, false)).toBeNull()
    expect(excelSerialToIso(2958466, false)).toBeNull()
  })

  it('reads workbooks in the 1904 date system', async () => {
    const path = workbook({
      date1904: true,
      sheets: [{ name: 'Data', rows: [[{ date: '2024-01-31' }, { number: 0, format: 14 }, { number: 1.25, format: 22 }]] }],
    })
    const book = await openXlsx(path)
    expect(book.date1904).toBe(true)
    expect((await readAll(book, 'Data')).rows).toEqual([{ row: 1, cells: ['2024-01-31', '1904-01-01', '1904-01-02T06:00:00'] }])
    await book.close()
    expect(excelSerialToIso(45322 - 1462, true)).toBe('2024-01-31')
  })

  it('recognises date formats, built-in and custom', () => {
    for (const id of [14, 15, 17, 20, 22, 27, 36, 45, 47, 50, 58]) expect(isDateFormat(id), `built-in ${id}`).toBe(true)
    for (const id of [0, 1, 2, 4, 9, 10, 11, 37, 44, 46, 49]) expect(isDateFormat(id), `built-in ${id}`).toBe(false)
    const dates = [
      '[$-409]dd\\-mmm\\-yy;@',
      'mmm-yy',
      'mm-dd-yy',
      'yyyy-mm-dd hh:mm:ss',
      'h:mm AM/PM',
      '[$-F800]dddd, mmmm dd, yyyy',
      'd/m/yyyy;@',
      '[Red]dd/mm/yyyy',
    ]
    const others = [
      'General',
      '#,##0',
      '0.00%',
      '0.00E+00',
      '"days" 0',
      '0 \\d',
      '[h]:mm',
      '[mm]:ss',
      '#,##0;[Red]-#,##0',
      '_(* #,##0_);_(* \\(#,##0\\);_(* "-"??_);_(@_)',
      '@',
    ]
    for (const code of dates) expect(isDateFormat(200, code), code).toBe(true)
    for (const code of others) expect(isDateFormat(200, code), code).toBe(false)
  })
})

describe('xlsx: workbook structure', () => {
  it('lists sheets in workbook order with their visibility, and finds them by name', async () => {
    const path = workbook({
      sheets: [
        { name: 'Pipeline', rows: [['p']] },
        { name: 'Hidden one', state: 'hidden', rows: [['h']] },
        { name: 'Chart', chart: true },
        { name: 'Secret', state: 'veryHidden', rows: [['s']] },
      ],
    })
    const book = await openXlsx(path)
    expect(book.sheets).toEqual([
      { name: 'Pipeline', state: 'visible' },
      { name: 'Hidden one', state: 'hidden' },
      { name: 'Chart', state: 'visible' },
      { name: 'Secret', state: 'veryHidden' },
    ])
    expect(book.date1904).toBe(false)
    expect((await readAll(book, 'Hidden one')).rows).toEqual([{ row: 1, cells: ['h'] }])
    // Excel's sheet names are case-insensitive, so a name typed on the command line may differ in case.
    expect((await readAll(book, 'SECRET')).rows).toEqual([{ row: 1, cells: ['s'] }])
    expect(await readAll(book, 'Chart')).toEqual({ rows: [], batches: [], count: 0 })
    expect(await refusal(readAll(book, 'Nope'))).toBe(
      'The workbook has no sheet named "Nope" (its sheets are "Pipeline", "Hidden one", "Chart", "Secret")',
    )
    await book.close()
  })

  it('reads absolute relationship targets, prefixed elements and ZIP64 archives alike', async () => {
    const spec = oneSheet([
      ['id', 'when'],
      ['00123', { date: '2024-02-29' }],
    ])
    const expected = [
      { row: 1, cells: ['id', 'when'] },
      { row: 2, cells: ['00123', '2024-02-29'] },
    ]
    expect(await rowsOf(workbook(spec, { absoluteTargets: true }))).toEqual(expected)
    expect(await rowsOf(workbook(spec, { prefix: 'x' }))).toEqual(expected)
    expect(await rowsOf(workbook(spec, { zip64: true }))).toEqual(expected)
    // Stored (uncompressed) entries, and part names in another case than the relationships say.
    const odd = workbook(spec, {
      entries: (entries) =>
        entries.map((e) => ({ ...e, store: true, name: e.name.startsWith('xl/worksheets/') ? e.name.toUpperCase() : e.name })),
    })
    expect(await rowsOf(odd)).toEqual(expected)
  })

  it('streams rows in batches of about a thousand, awaiting an async consumer', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [i + 1, `row ${i + 1}`])
    const book = await openXlsx(workbook(oneSheet(rows)))
    const seen: number[] = []
    const batches: number[] = []
    let busy = false
    const result = await book.readRows('Data', async (batch) => {
      expect(busy).toBe(false)
      busy = true
      await new Promise((resolve) => setTimeout(resolve, 5))
      seen.push(...batch.map((r) => r.row))
      batches.push(batch.length)
      busy = false
    })
    await book.close()
    expect(result.rows).toBe(2500)
    expect(seen).toEqual(rows.map((_, i) => i + 1))
    expect(batches).toEqual([1000, 1000, 500])
  })

  it('packs rows that span the XML chunks exactly as it reads them, shared strings sent once where they repeat', async () => {
    // Long enough for many inflated chunks, so chunks end inside rows; gaps, repeats and unique strings.
    const rows: CellSpec[][] = Array.from({ length: 6000 }, (_, i) => [
      `ID-${String(i).padStart(6, '0')}`,
      i % 7 === 0 ? null : `Stage ${i % 5}`,
      i * 1.25,
      i % 3 === 0 ? { inlineString: `inline ${i % 4}` } : `Owner ${i % 40}`,
      null,
      i % 2 === 0,
      `A fairly long account name that repeats now and then, number ${i % 900}`,
    ])
    const path = workbook(oneSheet(rows))
    const book = await openXlsx(path)
    try {
      const plain = (await readAll(book, 'Data')).rows
      expect(plain).toHaveLength(6000)
      expect(await readPackedAcross(book, 'Data')).toEqual(plain)
      // What crosses: each repeated string once as text to remember, then by number.
      const sender = new SharedStringSender(book.sharedStrings)
      let texts = 0
      let values = 0
      let refs = 0
      const batches: number[] = []
      await book.readPacked('Data', (batch) => {
        batches.push(batch.numbers.length)
        const packed = sender.encode(batch)
        texts += packed.cells.filter((c) => typeof c === 'string').length
        values += packed.cells.length
        refs += (packed.refs as Int32Array).filter((r) => r > 0).length
      })
      expect(batches.slice(0, -1).every((n) => n >= 1000)).toBe(true)
      expect(batches.reduce((a, b) => a + b, 0)).toBe(6000)
      // 6,000 unique ids, 5 stages, 40 owners and 900 accounts (each sent twice: once plainly, once
      // to remember), and the inline strings, which are not shared.
      expect(texts).toBe(6000 + 2 * (5 + 40 + 900) + 2000)
      // Besides those texts only each row's number and boolean cross as values: no empty cell, no
      // remembered string.
      expect(values).toBe(texts + 2 * 6000)
      // Every other use of a stage, owner or account is a number.
      const stages = rows.filter((r) => r[1] !== null).length
      const owners = rows.filter((r) => typeof r[3] === 'string').length
      expect(refs).toBe(stages + owners + 6000 - 2 * (5 + 40 + 900))
    } finally {
      await book.close()
    }
  })

  it('stops after maxRows and reports progress up to the part’s size', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [i + 1, 'some text to make the part larger', i * 1.5])
    const book = await openXlsx(workbook(oneSheet(rows)))
    const sample = await readAll(book, 'Data', { maxRows: 5 })
    expect(sample.count).toBe(5)
    expect(sample.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5])

    const progress: [number, number][] = []
    const all = await readAll(book, 'Data', { onProgress: (done, total) => progress.push([done, total]) })
    expect(all.count).toBe(20_000)
    expect(progress.length).toBeGreaterThan(2)
    const total = progress[0]![1]
    expect(progress.every(([, t]) => t === total)).toBe(true)
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b))
    expect(progress.at(-1)).toEqual([total, total])
    await book.close()
  })

  it('aborts promptly with an AbortError', async () => {
    const book = await openXlsx(workbook(oneSheet(Array.from({ length: 5000 }, (_, i) => [i]))))
    const controller = new AbortController()
    let batches = 0
    const error = await book
      .readRows(
        'Data',
        () => {
          batches++
          controller.abort()
        },
        { signal: controller.signal },
      )
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'AbortError' })
    expect(batches).toBe(1)
    await expect(book.readRows('Data', () => undefined, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
    await book.close()
  })

  it.runIf(existsSync('/proc/self/fd'))('releases its file handle on close, also after a refusal', async () => {
    const fds = (): number => readdirSync('/proc/self/fd').length
    const before = fds()
    const book = await openXlsx(workbook(oneSheet([['a']])))
    expect(fds()).toBe(before + 1)
    await book.close()
    await book.close()
    expect(fds()).toBe(before)
    await refusal(openXlsx(rawSheet('x', { parts: { 'xl/workbook.xml': '<?xml version="1.0"?><!DOCTYPE x><workbook/>' } })))
    expect(fds()).toBe(before)
  })
})

describe('xlsx: refusals', () => {
  it('refuses what is not an XLSX workbook, saying what it is', async () => {
    const dir = tmpDir()
    const csv = join(dir, 'leads.xlsx')
    writeFileSync(csv, 'id,name\n1,Ada\n')
    expect(await refusal(openXlsx(csv))).toBe('"leads.xlsx" is not an XLSX workbook (it is not a zip archive)')

    const xls = join(dir, 'old.xlsx')
    writeOle2(xls)
    expect(await refusal(openXlsx(xls))).toBe('"old.xlsx" is an old-style .xls workbook; save it as .xlsx or CSV')

    const locked = join(dir, 'locked.xlsx')
    writeOle2(locked, { encryptedPackage: true })
    expect(await refusal(openXlsx(locked))).toMatch(/^"locked.xlsx" is password-protected/)

    const zip = join(dir, 'notes.xlsx')
    writeZip(zip, [{ name: 'notes.txt', data: 'hello' }])
    expect(await refusal(openXlsx(zip))).toBe('"notes.xlsx" is not an XLSX workbook (the zip holds no workbook)')

    const word = join(dir, 'letter.xlsx')
    writeZip(word, [
      {
        name: '_rels/.rels',
        data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      },
      { name: 'word/document.xml', data: '<document/>' },
    ])
    expect(await refusal(openXlsx(word))).toBe('"letter.xlsx" is not an XLSX workbook (the zip holds no workbook)')
  })

  it('refuses encrypted entries and unknown compression methods', async () => {
    const spec = oneSheet([['a']])
    const encrypted = workbook(spec, { entries: (es) => es.map((e) => (e.name === 'xl/workbook.xml' ? { ...e, encryptedFlag: true } : e)) })
    expect(await refusal(openXlsx(encrypted))).toMatch(/has encrypted parts \(xl\/workbook.xml\)/)
    const bzip2 = workbook(spec, { entries: (es) => es.map((e) => (e.name === 'xl/styles.xml' ? { ...e, method: 12 } : e)) })
    expect(await refusal(openXlsx(bzip2))).toMatch(/uses a compression Tandem cannot read \(method 12 in xl\/styles.xml\)/)
  })

  it('refuses more zip entries than the limit', async () => {
    const path = workbook(oneSheet([['a']]), {
      entries: (es) => [...es, ...Array.from({ length: 10 }, (_, i): ZipEntrySpec => ({ name: `xl/media/image${i}.png`, data: 'x' }))],
    })
    expect(await refusal(openXlsx(path, limits({ maxZipEntries: 12 })))).toMatch(/holds more than 12 zip entries/)
    expect(await rowsOf(path)).toEqual([{ row: 1, cells: ['a'] }])
  })

  describe('zip bombs', () => {
    let gibOfZeros: Buffer
    beforeAll(async () => {
      gibOfZeros = await zerosDeflateRaw(1024)
    })

    it('refuses an entry whose declared size is an implausible multiple of its compressed size, before inflating it', async () => {
      const path = workbook(oneSheet([['a']]), {
        entries: (es) =>
          es.map((e) =>
            e.name === 'xl/worksheets/sheet1.xml' ? { name: e.name, deflated: { bytes: gibOfZeros, inflatedSize: 1024 * MIB } } : e,
          ),
      })
      const book = await openXlsx(path)
      expect(await refusal(readAll(book, 'Data'))).toMatch(
        /^"book.xlsx" looks like a zip bomb: xl\/worksheets\/sheet1.xml would inflate [\d,]+ times \(1\.0 MB to 1\.0 GB; the limit is 200 times\)$/,
      )
      await book.close()
    })

    it('stops inflating the moment an entry exceeds its declared size', async () => {
      const lie = (declaredSize: number) => (es: ZipEntrySpec[]) =>
        es.map((e) =>
          e.name === 'xl/sharedStrings.xml' ? { name: e.name, deflated: { bytes: gibOfZeros, inflatedSize: declaredSize } } : e,
        )
      const small = workbook(oneSheet([['a']]), { entries: lie(10_000) })
      expect(await refusal(openXlsx(small))).toBe(
        '"book.xlsx" looks like a zip bomb: xl/sharedStrings.xml inflates to more than its declared 10 KB',
      )

      // Under the 1 MB floor of the ratio check, only the running count can catch it.
      const path = workbook(oneSheet([['a']]), { entries: lie(900 * 1024) })
      const zip = await ZipArchive.open(path, DEFAULT_LIMITS)
      let received = 0
      const error = await (async () => {
        for await (const chunk of zip.stream(zip.get('xl/sharedStrings.xml')!)) received += chunk.length
      })().catch((e: unknown) => e)
      await zip.close()
      expect(error).toBeInstanceOf(ZipError)
      expect(received).toBeLessThanOrEqual(900 * 1024)
      expect(received).toBeGreaterThan(800 * 1024)
    })

    it('refuses archives that declare more than the inflated-bytes limit in all', async () => {
      const path = workbook(oneSheet(Array.from({ length: 3000 }, (_, i) => [i, 'padding padding padding'])))
      expect(await refusal(openXlsx(path, limits({ maxInflatedBytes: 100_000 })))).toBe(
        '"book.xlsx" would inflate to more than 98 KB (the limit); it is too large or a zip bomb',
      )
    })
  })

  it('refuses damaged archives and parts', async () => {
    const spec = oneSheet([['a', 1]])
    // A flipped byte in a stored part passes the inflater but not the checksum.
    const flipped = workbook(spec, { entries: (es) => es.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, store: true } : e)) })
    const bytes = readFileSync(flipped)
    const at = bytes.indexOf('<v>1</v>')
    bytes[at + 3] = '7'.charCodeAt(0)
    writeFileSync(flipped, bytes)
    const book = await openXlsx(flipped)
    expect(await refusal(readAll(book, 'Data'))).toBe('"book.xlsx" is damaged (xl/worksheets/sheet1.xml fails its size or checksum check)')
    await book.close()

    const truncated = rawSheet(`${SHEET_OPEN}<row r="1"><c r="A1"><v>1</v></c></row>`)
    expect(await refusal(rowsOf(truncated))).toMatch(/^"book.xlsx" is damaged \(xl\/worksheets\/sheet1.xml: unclosed tag: sheetData/)
  })

  // Found by the fuzz (tests/main/faults/fuzz-readers.test.ts): these were read as several records
  // under one row number (nested rows even as the same cells several times).
  it('refuses rows out of order, repeated or nested inside one another', async () => {
    const row = (r: string, v: number): string => `<row${r}><c><v>${v}</v></c></row>`
    expect(await refusal(rowsOf(rawSheet(`${SHEET_OPEN}${row(' r="5"', 1)}${row(' r="2"', 2)}${SHEET_CLOSE}`)))).toBe(
      '"book.xlsx" is damaged (sheet "Data" has row 2 after row 5)',
    )
    expect(await refusal(rowsOf(rawSheet(`${SHEET_OPEN}${row(' r="3"', 1)}${row(' r="3"', 2)}${SHEET_CLOSE}`)))).toBe(
      '"book.xlsx" is damaged (sheet "Data" has row 3 after row 3)',
    )
    expect(await refusal(rowsOf(rawSheet(`${SHEET_OPEN}<row><row><c><v>1</v></c></row></row>${SHEET_CLOSE}`)))).toBe(
      '"book.xlsx" is damaged (sheet "Data" has row 2 after row 2)',
    )
    // Numbered or not, rows in order are read as before.
    const rows = await rowsOf(rawSheet(`${SHEET_OPEN}${row(' r="2"', 1)}${row('', 2)}${row(' r="9"', 3)}${SHEET_CLOSE}`))
    expect(rows).toEqual([
      { row: 2, cells: [1] },
      { row: 3, cells: [2] },
      { row: 9, cells: [3] },
    ])
  })

  // Found by the fuzz: a damaged directory's entry names (and a hostile sheet name) put line breaks and
  // control characters into the one-line message.
  it('keeps a refusal on one line whatever names the file holds', async () => {
    const odd = workbook(oneSheet([['a']]), { entries: (es) => [...es, { name: 'x\nl/b\u0001.xml', data: 'x', method: 20 }] })
    expect(await refusal(openXlsx(odd))).toBe(
      '"book.xlsx" uses a compression Tandem cannot read (method 20 in x\\nl/b\\u0001.xml); save it again from Excel',
    )
    const named = workbook(oneSheet([['a']]), {
      parts: { 'xl/workbook.xml': '<workbook><sheets><sheet name="two&#10;lines" r:id="rId9"/></sheets></workbook>' },
    })
    const book = await openXlsx(named)
    expect(await refusal(readAll(book, 'two\nlines'))).toBe('"book.xlsx" is damaged (the data of sheet "two\\nlines" is missing)')
    await book.close()
  })

  it('refuses a DOCTYPE in any part (entity-expansion attacks)', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
      ']>'
    const sheet = rawSheet(`${laughs}${SHEET_OPEN}<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>${SHEET_CLOSE}`)
    const book = await openXlsx(sheet)
    expect(await refusal(readAll(book, 'Data'))).toBe(
      '"book.xlsx" contains a DOCTYPE declaration (in xl/worksheets/sheet1.xml); Tandem refuses it because it can hide an entity-expansion attack',
    )
    await book.close()
    const strings = workbook(oneSheet([['a']]), {
      parts: {
        'xl/sharedStrings.xml': `${laughs}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`,
      },
    })
    expect(await refusal(openXlsx(strings))).toMatch(/contains a DOCTYPE declaration \(in xl\/sharedStrings.xml\)/)
  })

  it('refuses a value beyond the column limit, naming its row and column', async () => {
    const wide: CellSpec[] = Array.from({ length: 16384 }, () => null)
    wide[16383] = 'far away'
    const path = workbook(oneSheet([['a'], wide]))
    expect(await refusal(rowsOf(path))).toBe('Sheet "Data" has a value in row 2, column XFD, beyond the limit of 1,000 columns')
    // Formatted empty cells far to the right are common and hold nothing: they are not refused.
    const styled: CellSpec[] = Array.from({ length: 16384 }, () => null)
    styled[16383] = { blank: true }
    expect(await rowsOf(workbook(oneSheet([['a'], styled])))).toEqual([
      { row: 1, cells: ['a'] },
      { row: 2, cells: [] },
    ])
    expect(columnLetters(0)).toBe('A')
    expect(columnLetters(16383)).toBe('XFD')
    expect(columnName(702)).toBe(columnLetters(702))
  })

  it('refuses a cell longer than the limit, naming its row and column', async () => {
    const long = 'x'.repeat(40_000)
    expect(await refusal(rowsOf(workbook(oneSheet([['a'], [null, { inlineString: long }]]))))).toBe(
      'Sheet "Data", row 2, column B: the cell holds more than 32,767 characters (the limit)',
    )
    // A shared string is refused where a cell uses it, so the message can name the cell.
    expect(await refusal(rowsOf(workbook(oneSheet([['a'], [null, null, long]]))))).toBe(
      'Sheet "Data", row 2, column C: the cell holds more than 32,767 characters (the limit)',
    )
    // A giant one is refused before the XML parser buffers it whole. (Random text: repeated
    // characters would compress so well that the zip-bomb check refuses the part first.)
    const noise = randomBytes(2_250_000).toString('base64')
    const giant = rawSheet(`${SHEET_OPEN}<row r="5"><c r="D5" t="inlineStr"><is><t>${noise}</t></is></c></row>${SHEET_CLOSE}`)
    expect(await refusal(rowsOf(giant))).toBe('Sheet "Data", row 5, column D: the cell holds more than 32,767 characters (the limit)')
  })

  it('refuses more rows than the limit', async () => {
    const path = workbook(oneSheet(Array.from({ length: 101 }, (_, i) => [i])))
    expect(await refusal(rowsOf(path, 'Data', limits({ maxRows: 100 })))).toBe('Sheet "Data" has more than 100 rows (the limit)')
    expect(await rowsOf(path, 'Data', limits({ maxRows: 101 }))).toHaveLength(101)
  })

  it('refuses a large worksheet that yields no row instead of calling it empty', async () => {
    const cols = Array.from({ length: 3000 }, (_, i) => `<col min="${i + 1}" max="${i + 1}" width="12.5" customWidth="1"/>`).join('')
    const big = rawSheet(
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>${cols}</cols><sheetData/></worksheet>`,
    )
    expect(await refusal(rowsOf(big))).toMatch(/^Sheet "Data" looks empty although its data is 0\.\d MB; the file may be damaged$/)
    // A small empty sheet is simply empty.
    expect(await rowsOf(workbook(oneSheet([])))).toEqual([])
  })

  it('refuses files over the size limit', async () => {
    const path = workbook(oneSheet([['a']]))
    expect(await refusal(openXlsx(path, limits({ maxFileBytes: 100 })))).toMatch(
      /^"book.xlsx" is \d KB; the largest workbook Tandem reads is 1 KB$/,
    )
  })
})

const pipeline = dataset('sales-pipeline-xlsx/Sales Pipeline.xlsx')
const budget = dataset('packt-tableau-targets-xlsx/SuperStore 2022 Budget.xlsx')
const targets = dataset('packt-tableau-targets-xlsx/Sales Targets.xlsx')

describeDatasets('xlsx: real workbooks from ../shared/datasets', () => {
  it('Sales Pipeline.xlsx: subtotal row, header on row 2, 9,994 records with ISO dates', async () => {
    const book = await openXlsx(pipeline)
    expect(book.sheets.map((s) => s.name)).toEqual(['Sales Pipeline', 'Pivot 2', 'Sales Lead_Stage', 'Pivot'])
    const { rows } = await readAll(book, 'Sales Pipeline')
    expect(rows[0]!.row).toBe(1)
    expect(rows[0]!.cells.slice(0, 8).every((c) => c === null)).toBe(true)
    expect(typeof rows[0]!.cells[8]).toBe('number')
    expect(rows[1]).toEqual({
      row: 2,
      cells: [
        'index',
        'Row ID',
        'Opportunity ID',
        'Created Date',
        'Closed Date',
        'Lead Source',
        'Deal Stage',
        'Opportunity Name',
        'Sales Amount',
      ],
    })
    const records = rows.filter((r) => r.row >= 3 && r.cells.some((c) => c !== null))
    expect(records).toHaveLength(9994)
    expect(records[0]!.row).toBe(3)
    expect(records.at(-1)!.row).toBe(9996)
    expect(records[0]!.cells).toEqual([
      215,
      2698,
      'CA-2016-145317',
      '2020-03-19',
      '2020-03-24',
      'Referral',
      'Closed Won',
      'Cisco TelePresence System EX90 Videoconferencing Unit',
      22638.48,
    ])
    expect(records[1]!.cells[8]).toBe(17499.9499999999)
    for (const r of records) {
      expect(r.cells[3]).toMatch(/^20(19|2\d)-\d{2}-\d{2}$/)
      expect(r.cells[4]).toMatch(/^20(19|2\d)-\d{2}-\d{2}$/)
    }
    const stages = new Map<CellValue | undefined, number>()
    for (const r of records) stages.set(r.cells[6], (stages.get(r.cells[6]) ?? 0) + 1)
    expect(Object.fromEntries(stages)).toEqual({ 'Closed Won': 4554, Negotiating: 3359, 'Closed Lost': 1096, Proposing: 985 })
    // Rows 9997..10009 are formatted but empty: present, without values.
    expect(rows.filter((r) => r.row > 9996).every((r) => r.cells.length === 0)).toBe(true)

    const lead = await readAll(book, 'Sales Lead_Stage')
    const leadRecords = lead.rows.filter((r) => r.row >= 3 && r.cells.some((c) => c !== null))
    expect(leadRecords).toHaveLength(9993)
    // Formula columns come as their cached values.
    expect(leadRecords[0]!.cells[7]).toBeCloseTo(0.8987226277372263, 12)
    expect(leadRecords[0]!.cells[14]).toBeCloseTo(234.11560296442278, 9)
    await book.close()
  })

  it('SuperStore 2022 Budget.xlsx: wide targets with a month per column', async () => {
    const rows = await rowsOf(budget, 'Sheet1')
    expect(rows[0]).toEqual({ row: 1, cells: [null, ...Array.from({ length: 12 }, (_, m) => `2022-${String(m + 1).padStart(2, '0')}-01`)] })
    expect(rows.slice(1).map((r) => r.cells[0])).toEqual(['Furniture', 'Office Supplies', 'Technology'])
    expect(rows[1]!.cells.slice(1, 4)).toEqual([8000, 10000, 12000])
  })

  it('Sales Targets.xlsx: formula cells read by their cached values', async () => {
    const rows = await rowsOf(targets, 'Sheet1')
    expect(rows[0]!.cells).toEqual(['Country', ...Array.from({ length: 12 }, (_, m) => `2014-${String(m + 1).padStart(2, '0')}-01`)])
    expect(rows.slice(1).map((r) => r.cells[0])).toEqual(['United States', 'Canada', 'Argentina', 'Chile', 'Columbia'])
    expect(rows[2]!.cells.slice(1, 6)).toEqual([1000, 1050, 1102.5, 1157.625, 1215.5062500000001])
  })
})
