import fc from 'fast-check'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, type CellValue, type ReadLimits, type SourceRow } from '@shared/import/types'
import { ImportFileError } from '../../../src/main/import/read/file-error'
import { readCsv } from '../../../src/main/import/read/csv'
import { sniffFile } from '../../../src/main/import/read/sniff'
import { openXlsx, XlsxError } from '../../../src/main/import/read/xlsx'
import { sheetRowsToRows } from '../../../src/main/import/read/packed-rows'
import { AppError } from '../../../src/main/errors'
import { undoBatch } from '../../../src/main/db/repos/undo'
import { dataset, datasetsPresent } from '../../helpers/datasets'
import { FUZZ_RUNS, Tally, bounded, fuzzParams, isOneLine } from '../../helpers/fuzz'
import { importFile, testWorkspace, writeCsv, type TestWorkspace } from '../../helpers/import'
import { type CellSpec, type WorkbookSpec, type ZipEntrySpec, escapeXml, xlsxEntries, zipBytes } from '../../helpers/xlsx-writer'

/**
 * Fuzz of the file readers (issue 18, "Figures to prove"): FUZZ_RUNS generated cases per property for
 * the CSV reader (sniff + readCsv) and the XLSX reader (zip + workbook + sheets). Every case must end,
 * within HANG_MS, in rows that respect the limits or in the reader's own error with a one-line
 * message; anything else (a TypeError, a RangeError, a hang) fails the property. Last, refused files
 * imported by the real engine must leave the workspace exactly as it was.
 */

// One folder for the whole file: tmpDir() would remove it after each test, and the cases reuse it. In
// memory where Linux offers it: a case is a few small files written and read, and under load the disk's
// system calls were most of a case's time.
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
const dir = mkdtempSync(join(scratch, 'tandem-fuzz-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Generous per property: 10,000 cases take seconds, but the machine is shared. */
const PROPERTY_TIMEOUT_MS = 600_000

const limited = (overrides: Partial<ReadLimits>): ReadLimits => ({ ...DEFAULT_LIMITS, ...overrides })

/** Default limits, or tight ones so that every limit is hit often. */
const limitsArb: fc.Arbitrary<ReadLimits> = fc.oneof(
  fc.constant(DEFAULT_LIMITS),
  fc
    .record({
      maxCellChars: fc.integer({ min: 1, max: 64 }),
      maxColumns: fc.integer({ min: 1, max: 12 }),
      maxRows: fc.integer({ min: 1, max: 40 }),
      maxFileBytes: fc.integer({ min: 1, max: 6_000 }),
    })
    .map(limited),
)

/**
 * A date or time the XLSX reader wrote from a number (a date serial): at most 19 characters whatever the
 * source held, so it may exceed a cell limit smaller than that (only the fuzz uses such limits); the limit
 * bounds the text read from the file, and a serial's text is within it.
 */
const derivedDate = (cell: string): boolean => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/.test(cell)

/** Rows as the readers promise them: numbered upwards, within the limits, no holes. */
function checkRows(rows: readonly SourceRow[], limits: ReadLimits, previous: number, xlsx = false): number {
  let last = previous
  for (const { row, cells } of rows) {
    if (!Number.isSafeInteger(row) || row <= last) throw new Error(`row number ${row} after ${last}`)
    last = row
    if (cells.length > limits.maxColumns) throw new Error(`row ${row} has ${cells.length} cells, over the limit`)
    for (let i = 0; i < cells.length; i++) {
      if (!(i in cells)) throw new Error(`row ${row} has a hole at column ${i + 1}`)
      const cell: CellValue | undefined = cells[i]
      const kind = cell === null ? 'null' : typeof cell
      if (!['string', 'number', 'boolean', 'null'].includes(kind)) throw new Error(`row ${row}, column ${i + 1} holds a ${kind}`)
      if (typeof cell === 'string' && cell.length > limits.maxCellChars && !(xlsx && derivedDate(cell)))
        throw new Error(`row ${row}, column ${i + 1} is over the limit`)
    }
  }
  return last
}

/** A refusal is the reader's own error type, with a one-line message; anything else is a crash. */
function refusal(e: unknown, type: typeof ImportFileError | typeof XlsxError): string {
  if (!(e instanceof type)) throw e
  if (!isOneLine(e.message)) throw new Error(`a refusal of more than one line: ${JSON.stringify(e.message)}`)
  return 'refused'
}

// ---------------------------------------------------------------------------------------------------
// CSV

/** Sniffs and reads a file as the import does; the outcome is "read", "refused" or "xlsx" (not CSV). */
async function readCsvCase(path: string, limits: ReadLimits, sample?: number): Promise<string> {
  try {
    const sniffed = await sniffFile(path, limits)
    if (sniffed.format !== 'csv') return 'xlsx'
    let last = 0
    let total = 0
    const { rows } = await readCsv(
      path,
      sniffed,
      (batch) => {
        last = checkRows(batch, limits, last)
        total += batch.length
      },
      { limits, maxRows: sample },
    )
    if (rows !== total) throw new Error(`readCsv says ${rows} rows but delivered ${total}`)
    if (rows > limits.maxRows || (sample !== undefined && rows > sample)) throw new Error(`${rows} rows, over the limit`)
    return 'read'
  } catch (e) {
    return refusal(e, ImportFileError)
  }
}

/** Windows-1252 bytes of a text (unmappable characters become "?"), from the platform's own decoder. */
const WINDOWS_1252 = (() => {
  const table = new Map<string, number>()
  const chars = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i))
  for (let i = 0; i < chars.length; i++) if (!table.has(chars[i] as string)) table.set(chars[i] as string, i)
  return (text: string): Buffer => Buffer.from(Array.from(text, (c) => table.get(c) ?? 0x3f))
})()

const ENCODINGS = ['utf8', 'utf8-bom', 'utf16le', 'utf16le-bom', 'utf16be', 'utf16be-bom', 'windows-1252', 'utf8-stray-byte'] as const
type TextEncoding = (typeof ENCODINGS)[number]

function encode(text: string, encoding: TextEncoding, stray: { at: number; byte: number }): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8')
    case 'utf8-bom':
      return Buffer.from(`\uFEFF${text}`, 'utf8')
    case 'utf16le':
      return Buffer.from(text, 'utf16le')
    case 'utf16le-bom':
      return Buffer.from(`\uFEFF${text}`, 'utf16le')
    case 'utf16be':
      return Buffer.from(text, 'utf16le').swap16()
    case 'utf16be-bom':
      return Buffer.from(`\uFEFF${text}`, 'utf16le').swap16()
    case 'windows-1252':
      return WINDOWS_1252(text)
    case 'utf8-stray-byte': {
      // A UTF-8 file with one byte of another encoding in it (issue 18, point 5).
      const bytes = Buffer.from(text, 'utf8')
      const at = bytes.length === 0 ? 0 : stray.at % (bytes.length + 1)
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([stray.byte]), bytes.subarray(at)])
    }
  }
}

/** Pieces of CSV: quoting, delimiters, every kind of line break, NUL, BOMs, lone surrogates, non-ASCII. */
const csvPiece = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '"',
      '""',
      ',',
      ';',
      '\t',
      '|',
      '\n',
      '\r\n',
      '\r',
      '\n\n',
      ' ',
      '\uFEFF',
      '\0',
      '\uD800',
      '\uDFFF',
      '\uDBFF\uDFFF',
      '\u2028',
      '\x0B',
      '\x1A',
      '\x7F',
      'é',
      '€',
      'Café Zürich',
      '日本語',
      '😀',
      '\u00A0',
      '=1+1',
      '1.234,56',
      '<html>',
      '<?xml ',
      'PK\x03\x04',
    ),
  },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
)

/** Text that looks like CSV: records of fields, some quoted, with stray pieces spliced in anywhere. */
const csvText: fc.Arbitrary<string> = fc.oneof(
  fc.array(csvPiece, { maxLength: 80 }).map((pieces) => pieces.join('')),
  fc
    .record({
      delimiter: fc.constantFrom(',', ';', '\t', '|'),
      lineBreak: fc.constantFrom('\n', '\r\n', '\r'),
      records: fc.array(fc.array(fc.array(csvPiece, { maxLength: 3 }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 20 }),
      quoteAll: fc.boolean(),
    })
    .map(({ delimiter, lineBreak, records, quoteAll }) =>
      records
        .map((fields) =>
          fields
            .map((pieces) => pieces.join(''))
            .map((f) => (quoteAll || /["\r\n]/.test(f) || f.includes(delimiter) ? `"${f.replaceAll('"', '""')}"` : f))
            .join(delimiter),
        )
        .join(lineBreak),
    ),
)

const strayArb = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0x80, max: 0xff }) })

describe('fuzz: CSV reader', () => {
  it(
    'arbitrary bytes end in rows or a one-line refusal',
    async () => {
      const tally = new Tally('csv arbitrary bytes')
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 4000 }),
          fc.constantFrom('.csv', '.txt', '.tsv', ''),
          limitsArb,
          async (bytes, extension, limits) => {
            const path = join(dir, `bytes${extension}`)
            writeFileSync(path, bytes)
            const { value, ms } = await bounded('reading arbitrary bytes as CSV', () => readCsvCase(path, limits))
            tally.count(value, ms)
          },
        ),
        fuzzParams(),
      )
      tally.print()
      expect(tally.cases).toBe(FUZZ_RUNS)
    },
    PROPERTY_TIMEOUT_MS,
  )

  it(
    'CSV-like text in every encoding ends in rows or a one-line refusal',
    async () => {
      const tally = new Tally('csv text in every encoding')
      await fc.assert(
        fc.asyncProperty(
          csvText,
          fc.constantFrom(...ENCODINGS),
          strayArb,
          fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
          limitsArb,
          fc.option(fc.integer({ min: 0, max: 30 })),
          async (text, encoding, stray, cut, limits, sample) => {
            const bytes = encode(text, encoding, stray)
            const path = join(dir, 'text.csv')
            writeFileSync(path, bytes.subarray(0, Math.max(0, bytes.length - cut)))
            const { value, ms } = await bounded(`reading ${encoding} CSV`, () => readCsvCase(path, limits, sample ?? undefined))
            tally.count(value, ms)
          },
        ),
        fuzzParams(),
      )
      tally.print()
      expect(tally.cases).toBe(FUZZ_RUNS)
      // Not a fuzz of the refusal path only: the generated text is read, too (checked where the count is
      // large enough to make the share stable).
      if (FUZZ_RUNS >= 1000) expect(tally.of('read')).toBeGreaterThan(FUZZ_RUNS / 4)
    },
    PROPERTY_TIMEOUT_MS,
  )

  // The reader decodes and parses 256 KB at a time: a quote, a CR, a multi-byte character or a UTF-16
  // pair cut by a chunk boundary only happens in a file past it. Such files cost 0.3 MB each to write
  // and read, so this property runs a fiftieth of the cases.
  const BOUNDARY_RUNS = Math.max(1, Math.round(FUZZ_RUNS / 50))
  it(
    `CSV-like text across the 256 KB read boundary ends in rows or a one-line refusal (${BOUNDARY_RUNS} cases)`,
    async () => {
      const tally = new Tally('csv text across the read boundary')
      const CHUNK = 256 * 1024
      await fc.assert(
        fc.asyncProperty(
          csvText,
          fc.constantFrom<TextEncoding>('utf8', 'utf16le-bom', 'utf16be', 'windows-1252', 'utf8-stray-byte'),
          strayArb,
          fc.integer({ min: -64, max: 64 }),
          fc.constantFrom(DEFAULT_LIMITS, limited({ maxCellChars: 300_000 }), limited({ maxCellChars: 1_000, maxColumns: 5 })),
          async (text, encoding, stray, shift, limits) => {
            const unit = encoding.startsWith('utf16') ? 2 : 1
            const tail = encode(text, encoding, stray)
            // A filler of whole records (in the file's encoding), so the generated text straddles the boundary.
            const fillerChars = Math.floor((CHUNK + shift * unit - (encoding.endsWith('-bom') ? 2 : 0)) / unit)
            const filler = encode(`${'a,b\n'.repeat(fillerChars >> 2)}${'x'.repeat(fillerChars & 3)}`, encoding, { at: 0, byte: 0x41 })
            const head = encoding === 'utf8-stray-byte' ? filler.subarray(1) : filler
            const path = join(dir, 'boundary.csv')
            writeFileSync(path, Buffer.concat([head, encoding.endsWith('-bom') ? tail.subarray(2) : tail]))
            const { value, ms } = await bounded(`reading ${encoding} CSV across a chunk boundary`, () => readCsvCase(path, limits))
            tally.count(value, ms)
          },
        ),
        fuzzParams(BOUNDARY_RUNS),
      )
      tally.print()
      expect(tally.cases).toBe(BOUNDARY_RUNS)
    },
    PROPERTY_TIMEOUT_MS,
  )
})

// ---------------------------------------------------------------------------------------------------
// XLSX

/** Opens a workbook and reads every sheet (rows or packed rows); "read" or "refused". */
async function readXlsxCase(path: string, limits: ReadLimits, packed: boolean, sample?: number): Promise<string> {
  try {
    const book = await openXlsx(path, limits)
    try {
      for (const sheet of book.sheets) {
        let last = 0
        let total = 0
        const take = (rows: SourceRow[]): void => {
          last = checkRows(rows, limits, last, true)
          total += rows.length
        }
        const opts = { maxRows: sample }
        const { rows } = packed
          ? await book.readPacked(sheet.name, (p) => take(sheetRowsToRows(p, book.sharedStrings)), opts)
          : await book.readRows(sheet.name, take, opts)
        if (rows !== total) throw new Error(`sheet "${sheet.name}": ${rows} rows said, ${total} delivered`)
      }
    } finally {
      await book.close()
    }
    return 'read'
  } catch (e) {
    return refusal(e, XlsxError)
  }
}

/** A small workbook with every kind of cell, as Excel writes it: the base of the generated ones. */
const BASE_SPEC: WorkbookSpec = {
  sheets: [
    {
      name: 'Data',
      rows: [
        ['Opportunity ID', 'Stage', 'Amount', 'Close Date', 'Won'],
        ['OPP-1', 'Closed Won', 1200.5, { date: '2024-01-31' }, true],
        ['OPP-2', { richText: ['Pro', 'posal'], phonetic: 'x' }, { number: 0.25, format: '0%' }, { date: '2024-02-29T13:45:00' }, false],
        { r: 7, cells: [{ inlineString: 'inline' }, { error: '#N/A' }, { formula: 'A1', cached: 3 }, { isoDate: '2024-03-01' }, null] },
      ] as (CellSpec[] | { r: number; cells: CellSpec[] })[],
    },
    { name: 'Hidden', state: 'hidden', rows: [['a', 1]] },
    { name: 'Chart', chart: true },
  ],
}

/** BASE_SPEC's zip entries, deflated once (a case only deflates the parts it replaces). */
const baseEntries = (() => {
  let entries: ZipEntrySpec[] | undefined
  return (): ZipEntrySpec[] =>
    (entries ??= xlsxEntries(BASE_SPEC).map(({ name, data }) => {
      const raw = Buffer.isBuffer(data) ? data : Buffer.from(data ?? '', 'utf8')
      return { name, deflated: { bytes: deflateRawSync(raw), inflatedSize: raw.length, crc: crc32(raw) } }
    }))
})()

// Random XML: element trees from the SpreadsheetML vocabulary with hostile attributes and text, unclosed
// and mismatched tags, entities, markup declarations and deep nesting.
const ELEMENT_NAMES = [
  'worksheet',
  'sheetData',
  'row',
  'c',
  'v',
  'is',
  't',
  'r',
  'rPh',
  'f',
  'x:row',
  'x:c',
  'x:v',
  'sst',
  'si',
  'styleSheet',
  'numFmts',
  'numFmt',
  'cellXfs',
  'cellStyleXfs',
  'xf',
  'dxf',
  'workbook',
  'workbookPr',
  'sheets',
  'sheet',
  'Relationships',
  'Relationship',
  'chartsheet',
  'q',
]
const ATTRIBUTE_NAMES = [
  'r',
  't',
  's',
  'numFmtId',
  'formatCode',
  'name',
  'state',
  'date1904',
  'r:id',
  'x:id',
  'Id',
  'Target',
  'Type',
  'TargetMode',
]
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const attributeValue: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '1',
      '0',
      '2',
      '-1',
      '1.5',
      '1e309',
      'NaN',
      '',
      ' ',
      'A1',
      'B2',
      'XFD1048576',
      'A0',
      '0A',
      'ZZZZZZZZZZZZZZZZ1',
      'a1',
      '1048577',
      '9007199254740993',
      's',
      'n',
      'b',
      'd',
      'e',
      'str',
      'inlineStr',
      'true',
      'hidden',
      'veryHidden',
      '14',
      '22',
      '46',
      '164',
      'yyyy-mm-dd',
      '[h]:mm',
      '"d"0',
      '[$-409]dd\\-mmm\\-yy;@',
      'rId1',
      'rId2',
      'rId3',
      'worksheets/sheet1.xml',
      '/xl/worksheets/sheet1.xml',
      '../../worksheets/sheet2.xml',
      'sharedStrings.xml',
      '%zz%',
      'xl/workbook.bin',
      `${REL}/worksheet`,
      `${REL}/styles`,
      `${REL}/sharedStrings`,
      `${REL}/officeDocument`,
      'External',
      'Data',
      'data',
      '&amp;',
      '&lt;&gt;',
      '&#10;',
      'a&#13;&#10;b',
      '&#0;',
      '&#xD800;',
      '&bogus;',
      '<',
      '"',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 10 }).map((s) => s.replace(/[&<"]/g, '')) },
)
const textPiece: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '0',
      '1',
      '3',
      '-0',
      '1e999',
      '0x1F',
      ' ',
      '3.14',
      '45000',
      '45000.5',
      '2958466',
      '60',
      '2024-01-31',
      '2024-01-31T12:00:00Z',
      '2024-13-45',
      'true',
      '#N/A',
      '&amp;',
      '&#233;',
      '&#x1F600;',
      '&unknown;',
      '&#1114112;',
      '<![CDATA[a<b]]>',
      '<!-- note -->',
      '<?pi x?>',
      '<!DOCTYPE x [<!ENTITY a "b">]>',
      ']]>',
      '<',
      '>',
      '&',
      '\uFEFF',
      '\0',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }).map((s) => s.replace(/[&<]/g, '')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
)

type XmlNode = string | { name: string; attrs: [string, string][]; children: XmlNode[]; end: 'close' | 'self' | 'open' | 'mismatch' }

const { xmlNode } = fc.letrec<{ xmlNode: XmlNode; element: XmlNode }>((tie) => ({
  xmlNode: fc.oneof({ depthSize: 'small', withCrossShrink: true }, textPiece, tie('element'), tie('element')),
  element: fc.record({
    name: fc.constantFrom(...ELEMENT_NAMES),
    attrs: fc.array(fc.tuple(fc.constantFrom(...ATTRIBUTE_NAMES), attributeValue), { maxLength: 4 }),
    children: fc.array(tie('xmlNode'), { maxLength: 4 }),
    end: fc.constantFrom<'close' | 'self' | 'open' | 'mismatch'>('close', 'close', 'close', 'close', 'self', 'open', 'mismatch'),
  }),
}))

/**
 * The XML text of a tree. Well-formed, every tag is closed and text and attributes are escaped, so the
 * parser accepts it and the workbook's own logic meets the hostile values; otherwise anything goes.
 */
function renderXml(node: XmlNode, wellFormed: boolean): string {
  if (typeof node === 'string') return wellFormed ? escapeXml(node) : node
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${wellFormed ? escapeXml(v) : v}"`).join('')
  if (node.end === 'self' && node.children.length === 0) return `<${node.name}${attrs}/>`
  const inner = node.children.map((child) => renderXml(child, wellFormed)).join('')
  if (node.end === 'open' && !wellFormed) return `<${node.name}${attrs}>${inner}`
  return `<${node.name}${attrs}>${inner}</${node.end === 'mismatch' && !wellFormed ? 'row' : node.name}>`
}

/** Deep nesting: balanced or not. */
const deepXml = fc
  .record({ name: fc.constantFrom('row', 'c', 'is', 'si', 'q'), depth: fc.integer({ min: 50, max: 2_000 }), balanced: fc.boolean() })
  .map(({ name, depth, balanced }) => `<${name}>`.repeat(depth) + (balanced ? `</${name}>`.repeat(depth) : ''))

/**
 * A huge attribute or text run (past the reader's 64 K-character run limit, or just under it). Rare: it
 * is costly to generate, zip and parse, and one in twenty cases is plenty to exercise it.
 */
const hugeXml = fc
  .record({ n: fc.integer({ min: 60_000, max: 70_000 }), inAttribute: fc.boolean() })
  .map(({ n, inAttribute }) =>
    inAttribute ? `<row><c r="${'A'.repeat(n)}1"><v>1</v></c></row>` : `<row><c t="str"><v>${'7'.repeat(n)}</v></c></row>`,
  )

const xmlBody = fc.oneof(
  {
    weight: 17,
    arbitrary: fc
      .tuple(fc.array(xmlNode, { maxLength: 5 }), fc.boolean())
      .map(([nodes, wellFormed]) => nodes.map((node) => renderXml(node, wellFormed)).join('')),
  },
  { weight: 2, arbitrary: deepXml },
  { weight: 1, arbitrary: hugeXml },
)

/** The parts a workbook is read from, with the elements their random content is usually wrapped in. */
const PARTS: Record<string, [string, string]> = {
  'xl/worksheets/sheet1.xml': [
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    '</sheetData></worksheet>',
  ],
  'xl/sharedStrings.xml': ['<sst>', '</sst>'],
  'xl/styles.xml': ['<styleSheet>', '</styleSheet>'],
  'xl/workbook.xml': [`<workbook xmlns:r="${REL}"><sheets>`, '</sheets></workbook>'],
  'xl/_rels/workbook.xml.rels': ['<Relationships>', '</Relationships>'],
  '_rels/.rels': ['<Relationships>', '</Relationships>'],
}
const PART_WEIGHTS = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml', ...Object.keys(PARTS)]

const randomParts: fc.Arbitrary<Record<string, string>> = fc
  .array(
    fc.record({
      part: fc.constantFrom(...PART_WEIGHTS),
      body: xmlBody,
      wrap: fc.constantFrom('both', 'both', 'both', 'open', 'none'),
      declaration: fc.constantFrom(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        '',
        '\uFEFF',
        '<?xml version="1.0"?><!DOCTYPE x>',
      ),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((list) => {
    const parts: Record<string, string> = {}
    for (const { part, body, wrap, declaration } of list) {
      const [open, close] = PARTS[part] as [string, string]
      parts[part] = declaration + (wrap === 'none' ? body : `${open}${body}${wrap === 'both' ? close : ''}`)
    }
    return parts
  })

/** Mutations of a real workbook's bytes: cut short, bits flipped, bytes overwritten or inserted. */
type Mutation =
  { kind: 'truncate'; at: number } | { kind: 'flip'; bits: number[] } | { kind: 'overwrite' | 'insert'; at: number; bytes: Uint8Array }
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), bits: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }) }),
  fc.record({
    kind: fc.constantFrom('overwrite' as const, 'insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
)

function mutate(original: Buffer, mutations: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(original)
  for (const m of mutations) {
    if (bytes.length === 0) break
    if (m.kind === 'truncate') bytes = bytes.subarray(0, m.at % bytes.length)
    else if (m.kind === 'flip') for (const bit of m.bits) bytes[(bit >> 3) % bytes.length]! ^= 1 << (bit & 7)
    else if (m.kind === 'overwrite') bytes.set(m.bytes.subarray(0, bytes.length - (m.at % bytes.length)), m.at % bytes.length)
    else bytes = Buffer.concat([bytes.subarray(0, m.at % bytes.length), m.bytes, bytes.subarray(m.at % bytes.length)])
  }
  return bytes
}

/** Bytes that get past the zip's first checks: a local header's magic, or an end record after noise. */
const zipLikeBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), b])),
  fc
    .tuple(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ minLength: 18, maxLength: 18 }))
    .map(([b, end]) => Buffer.concat([b, Buffer.from('PK\x05\x06', 'latin1'), end])),
  fc
    .tuple(
      fc.uint8Array({ maxLength: 1000 }),
      fc.uint8Array({ minLength: 42, maxLength: 60 }),
      fc.uint8Array({ minLength: 18, maxLength: 18 }),
    )
    .map(([b, central, end]) => Buffer.concat([b, Buffer.from('PK\x01\x02', 'latin1'), central, Buffer.from('PK\x05\x06', 'latin1'), end])),
)

describe('fuzz: XLSX reader', () => {
  it(
    'arbitrary bytes named .xlsx end in a one-line refusal (or rows)',
    async () => {
      const tally = new Tally('xlsx arbitrary bytes')
      await fc.assert(
        fc.asyncProperty(zipLikeBytes, limitsArb, async (bytes, limits) => {
          const path = join(dir, 'bytes.xlsx')
          writeFileSync(path, bytes)
          const { value, ms } = await bounded('reading arbitrary bytes as XLSX', () => readXlsxCase(path, limits, false))
          tally.count(value, ms)
        }),
        fuzzParams(),
      )
      tally.print()
      expect(tally.cases).toBe(FUZZ_RUNS)
    },
    PROPERTY_TIMEOUT_MS,
  )

  it(
    'valid zips with random XML parts end in rows or a one-line refusal',
    async () => {
      const tally = new Tally('xlsx random XML parts')
      await fc.assert(
        fc.asyncProperty(
          randomParts,
          fc.boolean(),
          limitsArb,
          fc.boolean(),
          fc.option(fc.integer({ min: 0, max: 5 })),
          async (parts, omitStyles, limits, packed, sample) => {
            const path = join(dir, 'parts.xlsx')
            const entries = baseEntries().filter((e) => !(e.name in parts) && !(omitStyles && e.name === 'xl/styles.xml'))
            writeFileSync(path, zipBytes([...entries, ...Object.entries(parts).map(([name, data]) => ({ name, data }))]))
            const { value, ms } = await bounded('reading a workbook with random XML', () =>
              readXlsxCase(path, limits, packed, sample ?? undefined),
            )
            tally.count(value, ms)
          },
        ),
        fuzzParams(),
      )
      tally.print()
      expect(tally.cases).toBe(FUZZ_RUNS)
      if (FUZZ_RUNS >= 1000) expect(tally.of('read')).toBeGreaterThan(FUZZ_RUNS / 20)
    },
    PROPERTY_TIMEOUT_MS,
  )

  const realWorkbooks: Buffer[] = []
  beforeAll(() => {
    const path = join(dir, 'base.xlsx')
    writeFileSync(path, zipBytes(xlsxEntries(BASE_SPEC)))
    realWorkbooks.push(readFileSync(path))
    // Excel's own files, when the shared datasets are there.
    for (const name of ['packt-tableau-targets-xlsx/Sales Targets.xlsx', 'packt-tableau-targets-xlsx/SuperStore 2022 Budget.xlsx']) {
      if (datasetsPresent && existsSync(dataset(name))) realWorkbooks.push(readFileSync(dataset(name)))
    }
  })

  it(
    'truncated and bit-flipped workbooks end in rows or a one-line refusal',
    async () => {
      const tally = new Tally(`xlsx mutated workbooks (${realWorkbooks.length} originals)`)
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
          limitsArb,
          fc.boolean(),
          async (which, mutations, limits, packed) => {
            const path = join(dir, 'mutated.xlsx')
            writeFileSync(path, mutate(realWorkbooks[which % realWorkbooks.length] as Buffer, mutations))
            const { value, ms } = await bounded('reading a mutated workbook', () => readXlsxCase(path, limits, packed))
            tally.count(value, ms)
          },
        ),
        fuzzParams(),
      )
      tally.print()
      expect(tally.cases).toBe(FUZZ_RUNS)
    },
    PROPERTY_TIMEOUT_MS,
  )
})

// ---------------------------------------------------------------------------------------------------
// The workspace: a refused file changes nothing

describe('fuzz: a refused import leaves the workspace unchanged', () => {
  let ws: TestWorkspace
  const wsDir = mkdtempSync(join(tmpdir(), 'tandem-fuzz-ws-'))
  afterAll(() => {
    ws?.db.close()
    rmSync(wsDir, { recursive: true, force: true })
  })

  const header = ['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date']
  const seedRows = Array.from({ length: 5 }, (_, i) => [`OPP-${i + 1}`, `Deal ${i + 1}`, 'Closed Won', `${(i + 1) * 1000}`, '2024-03-15'])

  /** Every table of the workspace, row by row. */
  function snapshot(): Record<string, unknown[]> {
    const tables = ws.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[]
    return Object.fromEntries(tables.map((t) => [t, ws.db.prepare(`SELECT * FROM "${t}"`).raw().all()]))
  }

  beforeAll(async () => {
    ws = await testWorkspace(wsDir)
    await importFile(ws, writeCsv(wsDir, 'seed.csv', [header, ...seedRows]))
  })

  /**
   * A file that starts as a valid update of the workspace's deals (new stages and amounts for the same
   * ids), so that committing any part of it would show, and then goes wrong.
   */
  const updates = fc.array(
    fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom('Prospecting', 'Closed Lost', 'Negotiation'), fc.nat(99_999)),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  const csvFault = fc.oneof(
    fc.constant('OPP-9,"never closed,Closed Won,1,2024-01-01\n'),
    fc.nat(40).map((n) => `OPP-9,${'x,'.repeat(1_000 + n)}x\n`),
    fc.constant(`OPP-9,"${'y'.repeat(32_768)}",Closed Won,1,2024-01-01\n`),
    fc.constant('OPP-9,Café\0,Closed Won,1,2024-01-01\n'),
  )
  const xlsxFault = fc.oneof(
    fc.constant('<row><c t="inlineStr"><is><t>OPP-9</t></is></c><c><v>1</v></row>'),
    fc.constant('<row r="0"><c><v>1</v></c></row>'),
    fc.constant('<row><c t="s"><v>99999</v></c></row>'),
    fc.nat(10).map((n) => `<row><c r="${'Z'.repeat(4 + n)}1"><v>1</v></c></row>`),
    fc.constant('<row><c><v>&bogus;</v></c></row>'),
  )

  // A whole import per case (inspect, read, validate, roll back): 300 cases with the default runs.
  const IMPORT_RUNS = Math.max(1, Math.round(FUZZ_RUNS * 0.03))
  it(
    `imports of refused CSV and XLSX files (${IMPORT_RUNS} cases) change no table`,
    async () => {
      const tally = new Tally('refused imports')
      let before = snapshot()
      await fc.assert(
        fc.asyncProperty(
          updates,
          fc.oneof(
            csvFault.map((fault) => ({ csv: fault })),
            xlsxFault.map((fault) => ({ xlsx: fault })),
          ),
          fc.nat(),
          async (rows, fault, cut) => {
            const records = rows.map(([n, stage, amount]) => [`OPP-${n}`, `Deal ${n}`, stage, `${amount}`, '2024-06-30'])
            let path: string
            if ('csv' in fault) {
              path = join(wsDir, 'update.csv')
              const body = [header, ...records].map((r) => r.join(',')).join('\n')
              writeFileSync(path, `${body}\n${fault.csv}`)
            } else {
              path = join(wsDir, 'update.xlsx')
              const good = zipBytes(xlsxEntries({ sheets: [{ name: 'Deals', rows: [header, ...records] }] }))
              // Either a damaged sheet (after the good rows) or a workbook cut short.
              const damaged =
                cut % 3 === 0
                  ? good.subarray(0, cut % good.length)
                  : zipBytes(
                      xlsxEntries(
                        { sheets: [{ name: 'Deals', rows: [header, ...records] }] },
                        {
                          entries: (entries) =>
                            entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? withRow(e.data, fault.xlsx) : e)),
                        },
                      ),
                    )
              writeFileSync(path, damaged)
            }
            const started = performance.now()
            const error = await importFile(ws, path).then(
              (out) => {
                // Not refused after all: taken out again so that every case starts from the same workspace.
                if (out.batchId !== null) undoBatch(ws.db, out.batchId)
                return null
              },
              (e: unknown) => e,
            )
            if (error === null) {
              tally.count('imported (undone)', performance.now() - started)
              before = snapshot()
              return
            }
            if (!(error instanceof AppError)) throw error
            expect(isOneLine(error.message), error.message).toBe(true)
            expect(['IMPORT_REFUSED', 'IMPORT_INVALID']).toContain(error.code)
            expect(ws.db.inTransaction).toBe(false)
            expect(snapshot()).toEqual(before)
            tally.count('refused', performance.now() - started)
          },
        ),
        fuzzParams(IMPORT_RUNS),
      )
      tally.print()
      expect(tally.cases).toBe(IMPORT_RUNS)
      if (IMPORT_RUNS >= 100) expect(tally.of('refused')).toBeGreaterThan(IMPORT_RUNS * 0.9)
    },
    PROPERTY_TIMEOUT_MS,
  )
})

/** A sheet's XML with one more row spliced in before `</sheetData>`. */
function withRow(data: string | Buffer | undefined, row: string): { name: string; data: string } {
  const xml = String(data)
  return { name: 'xl/worksheets/sheet1.xml', data: xml.replace('</sheetData>', `${row}</sheetData>`) }
}
