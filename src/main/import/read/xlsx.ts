import { stat } from 'node:fs/promises'
import { basename, posix } from 'node:path'
import { StringDecoder } from 'node:string_decoder'
import { SaxesParser } from 'saxes'
import { MS_PER_DAY, dateOfDay } from '@shared/time/calendar'
import { readExcelSerial } from '@shared/time/excel-serial'
import { DEFAULT_LIMITS, type CellValue, type ReadLimits, type SourceRow } from '@shared/import/types'
import { SheetRowsBuilder, type SheetRows } from './packed-rows'
import { SharedStringTable, type SharedStrings } from './shared-strings'
import { ZipArchive, ZipError, printable, sizeText, type ZipEntry } from './zip'

/**
 * A streaming XLSX reader: the zip is read with random access, each XML part is inflated and parsed
 * chunk by chunk with a SAX parser, and rows leave in batches as soon as they are complete. Only the
 * shared-string table and the styles are held whole (both are bounded by the zip limits); a sheet's
 * XML and its rows never are, which is what lets a sheet larger than V8's longest string through
 * (see PITFALLS: "XLSX at a million rows").
 *
 * Values are taken as Excel stored them: formulas by their cached value (never evaluated), numbers as
 * JS numbers unformatted, and numbers in a date/time style as zone-less ISO text.
 */

export interface XlsxSheetInfo {
  name: string
  state: 'visible' | 'hidden' | 'veryHidden'
}

export interface XlsxReadOptions {
  signal?: AbortSignal
  /** Inflated bytes of the sheet's part read so far, and its declared total. */
  onProgress?: (doneBytes: number, totalBytes: number) => void
  /** Stop after this many rows (a quick sample for a preview). */
  maxRows?: number
}

export interface XlsxFile {
  /** In workbook order. */
  sheets: XlsxSheetInfo[]
  date1904: boolean
  /** The shared-string table (null for a string over the cell limit: refused where a cell uses it). */
  sharedStrings: SharedStrings
  /** Streams the rows of a sheet, in order, in batches (about 1,000 rows each). */
  readRows(sheet: string, onRows: (rows: SourceRow[]) => void | Promise<void>, opts?: XlsxReadOptions): Promise<{ rows: number }>
  /**
   * The same rows packed flat, shared strings by their index in `sharedStrings` (packed-rows.ts): for a
   * reader that sends them to another thread.
   */
  readPacked(sheet: string, onRows: (rows: SheetRows) => void | Promise<void>, opts?: XlsxReadOptions): Promise<{ rows: number }>
  close(): Promise<void>
}

/** The file cannot be read as a workbook, or breaks a limit. The message is one line for the user. */
export class XlsxError extends Error {
  override name = 'XlsxError'
  constructor(message: string, options?: ErrorOptions) {
    super(printable(message), options)
  }
}

const BATCH_ROWS = 1000
/** A worksheet part larger than this that yields no row is treated as damaged, not as empty. */
const EMPTY_SHEET_FLOOR_BYTES = 64 * 1024
/**
 * Between two `<` a well-formed part only holds one text node or one tag. A cell of maxCellChars
 * characters takes at most about 6 raw characters per character (`&quot;`), so a longer run means a
 * giant cell or attribute; refusing it here stops before the SAX parser buffers it whole.
 */
const RAW_CHARS_PER_CHAR = 8
const MIN_RUN_LIMIT = 64 * 1024

const fmt = (n: number): string => n.toLocaleString('en-US')

function megabytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`
}

export async function openXlsx(path: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<XlsxFile> {
  const { size } = await stat(path)
  if (size > limits.maxFileBytes) {
    throw new XlsxError(`"${basename(path)}" is ${sizeText(size)}; the largest workbook Tandem reads is ${sizeText(limits.maxFileBytes)}`)
  }
  let zip: ZipArchive
  try {
    zip = await ZipArchive.open(path, limits)
  } catch (e) {
    throw asXlsxError(e)
  }
  try {
    return await loadWorkbook(zip, limits)
  } catch (e) {
    await zip.close()
    throw asXlsxError(e)
  }
}

/** zip.ts stays independent of the workbook layer; its refusals become ours at this boundary. */
function asXlsxError(e: unknown): unknown {
  return e instanceof ZipError ? new XlsxError(e.message, { cause: e }) : e
}

// ---------------------------------------------------------------------------------------------------
// Dates

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`)

/** `2022-01-31` for midnight, `2022-01-31T13:45:00` otherwise; `msOfDay` is a whole second, zone-less. */
function isoOf(date: string, msOfDay: number): string {
  if (msOfDay === 0) return date
  const seconds = msOfDay / 1000
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  return `${date}T${pad2(h)}:${pad2(m)}:${pad2(seconds % 60)}`
}

/**
 * An Excel date serial as zone-less ISO text (read by `readExcelSerial`, rounded to the second), or
 * null when Excel itself would not show it as a date. Excel's phantom 1900-02-29 comes back as that text,
 * so it reads as the invalid date it is.
 */
export function excelSerialToIso(serial: number, date1904: boolean): string | null {
  const read = readExcelSerial(serial, date1904)
  return read === null ? null : isoOf(read.date, read.msOfDay)
}

const DATE_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(?:Z|[+-]\d{2}:?\d{2})?$/

/** `t="d"` cells hold ISO 8601 text; the zone is dropped like everywhere else in Tandem. */
function isoOfDateText(text: string): string {
  const m = DATE_TEXT.exec(text.trim())
  if (!m) return text
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00'}Z`)
  if (Number.isNaN(ms)) return text
  const rounded = Math.round(ms / 1000) * 1000
  const day = Math.floor(rounded / MS_PER_DAY)
  return isoOf(dateOfDay(day), rounded - day * MS_PER_DAY)
}

/**
 * Built-in formats that show a date or a time. 46 (`[h]:mm:ss`) is left out on purpose: it shows a
 * duration, and a duration is not a point in time.
 */
function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || id === 45 || id === 47 || (id >= 50 && id <= 58)
}

/** Elapsed-time tokens (`[h]`, `[mm]`, `[ss]`) mean a duration, never a date. */
const ELAPSED = /^(h+|m+|s+)$/i

/**
 * Whether a number format shows a date or time: its first section has d, m, y, h or s outside quoted
 * text, escapes (`\-`), padding (`_)`), fills (`*-`) and brackets (`[$-409]`, `[Red]`).
 */
export function isDateFormat(numFmtId: number, formatCode?: string): boolean {
  if (formatCode === undefined) return isBuiltInDateFormat(numFmtId)
  let date = false
  for (let i = 0; i < formatCode.length; i++) {
    const c = formatCode[i]
    if (c === ';') break
    if (c === '"') {
      const close = formatCode.indexOf('"', i + 1)
      i = close < 0 ? formatCode.length : close
    } else if (c === '\\' || c === '_' || c === '*') {
      i++
    } else if (c === '[') {
      const close = formatCode.indexOf(']', i + 1)
      const inner = formatCode.slice(i + 1, close < 0 ? formatCode.length : close)
      if (ELAPSED.test(inner)) return false
      i = close < 0 ? formatCode.length : close
    } else if (c !== undefined && 'dmyhsDMYHS'.includes(c)) {
      date = true
    }
  }
  return date
}

// ---------------------------------------------------------------------------------------------------
// XML plumbing shared by every part

type Attributes = Record<string, string>

interface XmlHandlers {
  onOpen(name: string, attrs: Attributes): void
  onText(text: string): void
  onClose(name: string): void
}

interface ParseHooks {
  /** After each inflated chunk is parsed; resolving true stops reading the part. */
  afterChunk?: (inflatedBytes: number) => boolean | Promise<boolean>
  /** What to say when a run of raw characters without markup is too long. */
  longRun: () => XlsxError
  maxRun: number
}

/** Element names without their namespace prefix: some writers (.NET's Open XML SDK) use `x:row`. */
function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

const ignore = (): void => undefined

/** Feeds one part through a SAX parser; returns the root element's local name. */
async function parseXml(zip: ZipArchive, entry: ZipEntry, handlers: XmlHandlers, hooks: ParseHooks): Promise<string | undefined> {
  const parser = new SaxesParser({ xmlns: false, position: false, fileName: entry.name })
  const state: { root: string | undefined } = { root: undefined }
  parser.on('opentag', (tag) => {
    const name = localName(tag.name)
    state.root ??= name
    handlers.onOpen(name, tag.attributes)
  })
  parser.on('closetag', (tag) => handlers.onClose(localName(tag.name)))
  parser.on('text', (text) => handlers.onText(text))
  parser.on('error', (e) => {
    throw new XlsxError(`"${zip.fileName}" is damaged (${e.message.split('\n')[0]?.replace(/\.$/, '')})`)
  })

  let decoder: StringDecoder | undefined
  // The last characters of the previous chunk, so a `<!DOCTYPE` split across chunks is still seen.
  let tail = ''
  let run = 0
  let inflated = 0
  let stopped = false
  try {
    for await (const chunk of zip.stream(entry)) {
      inflated += chunk.length
      let text: string
      if (decoder) {
        text = decoder.write(chunk)
      } else {
        // Excel writes UTF-8; a byte-order mark may announce UTF-8 or UTF-16LE.
        const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe
        if (chunk[0] === 0xfe && chunk[1] === 0xff) {
          throw new XlsxError(
            `"${zip.fileName}" uses a text encoding Tandem cannot read (UTF-16BE in ${entry.name}); save it again from Excel`,
          )
        }
        decoder = new StringDecoder(utf16 ? 'utf16le' : 'utf8')
        text = decoder.write(chunk).replace(/^\uFEFF/, '')
      }
      if (state.root === undefined) {
        // A DOCTYPE can only come before the root element; refusing it there means an entity
        // definition is never even buffered, let alone expanded.
        if ((tail + text).includes('<!DOCTYPE')) {
          throw new XlsxError(
            `"${zip.fileName}" contains a DOCTYPE declaration (in ${entry.name}); Tandem refuses it because it can hide an entity-expansion attack`,
          )
        }
        tail = text.slice(-8)
      }
      const lt = text.lastIndexOf('<')
      run = lt < 0 ? run + text.length : text.length - lt - 1
      if (run > hooks.maxRun) throw hooks.longRun()
      parser.write(text)
      if (hooks.afterChunk && (await hooks.afterChunk(inflated))) {
        stopped = true
        break
      }
    }
  } catch (e) {
    throw asXlsxError(e)
  }
  if (!stopped) {
    if (decoder) parser.write(decoder.end())
    parser.close()
  }
  return state.root
}

function runLimit(limits: ReadLimits): number {
  return Math.max(limits.maxCellChars * RAW_CHARS_PER_CHAR, MIN_RUN_LIMIT)
}

/** Parses a part that is not a sheet; a missing optional part is simply absent. */
async function parsePart(zip: ZipArchive, path: string, handlers: XmlHandlers, limits: ReadLimits): Promise<string | undefined> {
  const entry = zip.get(path)
  if (!entry) return undefined
  return parseXml(zip, entry, handlers, {
    maxRun: runLimit(limits),
    longRun: () =>
      new XlsxError(`"${zip.fileName}" holds a text of more than ${fmt(limits.maxCellChars)} characters in ${entry.name} (the limit)`),
  })
}

// ---------------------------------------------------------------------------------------------------
// Package structure: relationships, workbook, styles, shared strings

interface Relationship {
  type: string
  /** The zip path of the target part. */
  target: string
}

/** `xl/workbook.xml` -> `xl/_rels/workbook.xml.rels`; the package's own rels for `''`. */
function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`)
}

/** Targets are URIs relative to the source part's folder, or absolute from the package root. */
function resolveTarget(sourcePart: string, target: string): string {
  let path = target.replace(/\\/g, '/')
  try {
    path = decodeURIComponent(path)
  } catch {
    // A stray `%` is part of the name as written.
  }
  return path.startsWith('/') ? posix.normalize(path).slice(1) : posix.normalize(posix.join(posix.dirname(sourcePart), path))
}

async function readRelationships(zip: ZipArchive, sourcePart: string, limits: ReadLimits): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>()
  await parsePart(
    zip,
    relsPathOf(sourcePart),
    {
      onOpen(name, a) {
        if (name !== 'Relationship' || a.Id === undefined || a.Target === undefined || a.TargetMode === 'External') return
        rels.set(a.Id, { type: a.Type ?? '', target: resolveTarget(sourcePart, a.Target) })
      },
      onText: ignore,
      onClose: ignore,
    },
    limits,
  )
  return rels
}

const isType = (rel: Relationship, kind: string): boolean => rel.type.endsWith(`/${kind}`)

interface SheetEntry extends XlsxSheetInfo {
  /** The zip path of the sheet's part; undefined when the workbook's relationships lack it. */
  part: string | undefined
}

/** What every cell needs to become a value. */
interface Book {
  fileName: string
  date1904: boolean
  /** Shared strings by index; null marks one longer than maxCellChars. */
  strings: SharedStrings
  /** 1 where the cell style (index into cellXfs) shows a date or time. */
  dateStyles: Uint8Array
  limits: ReadLimits
}

/** The relationship attribute is `r:id` in practice, but the prefix is the writer's choice. */
function relationshipId(a: Attributes): string | undefined {
  if (a['r:id'] !== undefined) return a['r:id']
  for (const key of Object.keys(a)) if (key.endsWith(':id')) return a[key]
  return undefined
}

function sheetState(value: string | undefined): XlsxSheetInfo['state'] {
  return value === 'hidden' || value === 'veryHidden' ? value : 'visible'
}

async function loadWorkbook(zip: ZipArchive, limits: ReadLimits): Promise<XlsxFile> {
  const notWorkbook = (): XlsxError => new XlsxError(`"${zip.fileName}" is not an XLSX workbook (the zip holds no workbook)`)
  const packageRels = await readRelationships(zip, '', limits)
  const main = [...packageRels.values()].find((rel) => isType(rel, 'officeDocument'))
  const workbookPath = main?.target ?? 'xl/workbook.xml'
  if (workbookPath.toLowerCase().endsWith('.bin')) {
    throw new XlsxError(`"${zip.fileName}" is a binary .xlsb workbook; save it as .xlsx or CSV`)
  }
  if (!zip.get(workbookPath)) throw notWorkbook()

  let date1904 = false
  const listed: { name: string; state: XlsxSheetInfo['state']; id: string | undefined }[] = []
  const root = await parsePart(
    zip,
    workbookPath,
    {
      onOpen(name, a) {
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true'
        else if (name === 'sheet') listed.push({ name: a.name ?? '', state: sheetState(a.state), id: relationshipId(a) })
      },
      onText: ignore,
      onClose: ignore,
    },
    limits,
  )
  if (root !== 'workbook') throw notWorkbook()

  const rels = await readRelationships(zip, workbookPath, limits)
  const relOfType = (kind: string): Relationship | undefined => [...rels.values()].find((rel) => isType(rel, kind))
  const sheets: SheetEntry[] = listed.map(({ name, state, id }) => ({
    name,
    state,
    part: id === undefined ? undefined : rels.get(id)?.target,
  }))

  const styles = new StylesReader()
  const stylesRel = relOfType('styles')
  if (stylesRel) await parsePart(zip, stylesRel.target, styles, limits)
  const strings = new SharedStringsReader(limits.maxCellChars)
  const stringsRel = relOfType('sharedStrings')
  if (stringsRel) await parsePart(zip, stringsRel.target, strings, limits)

  const book: Book = {
    fileName: zip.fileName,
    date1904,
    strings: strings.strings,
    dateStyles: styles.dateStyles(),
    limits,
  }
  return new Workbook(zip, book, sheets)
}

class StylesReader implements XmlHandlers {
  private readonly formats = new Map<number, string>()
  private readonly xfFormats: number[] = []
  private inNumFmts = false
  private inCellXfs = false

  onOpen(name: string, a: Attributes): void {
    switch (name) {
      case 'numFmts':
        this.inNumFmts = true
        break
      case 'numFmt':
        // Differential formats (<dxf>) carry numFmt elements too; only the workbook's list counts.
        if (this.inNumFmts && a.numFmtId !== undefined) this.formats.set(Number(a.numFmtId), a.formatCode ?? '')
        break
      case 'cellXfs':
        this.inCellXfs = true
        break
      case 'xf':
        // <cellStyleXfs> holds xf elements as well, but cells index <cellXfs> only.
        if (this.inCellXfs) this.xfFormats.push(Number(a.numFmtId ?? 0) || 0)
        break
    }
  }

  onText(): void {}

  onClose(name: string): void {
    if (name === 'numFmts') this.inNumFmts = false
    else if (name === 'cellXfs') this.inCellXfs = false
  }

  dateStyles(): Uint8Array {
    return Uint8Array.from(this.xfFormats, (id) => (isDateFormat(id, this.formats.get(id)) ? 1 : 0))
  }
}

class SharedStringsReader implements XmlHandlers {
  readonly strings = new SharedStringTable()
  private inItem = false
  private inPhonetic = false
  private collecting = false
  private value = ''
  private length = 0

  constructor(private readonly maxChars: number) {}

  onOpen(name: string): void {
    switch (name) {
      case 'si':
        this.inItem = true
        this.value = ''
        this.length = 0
        break
      case 't':
        // Rich text is the concatenation of its runs' <t>; <rPh> holds phonetic guides, not content.
        this.collecting = this.inItem && !this.inPhonetic
        break
      case 'rPh':
        this.inPhonetic = true
        break
    }
  }

  onText(text: string): void {
    if (!this.collecting) return
    this.length += text.length
    // An over-long string is only refused when a cell uses it, so the message can name the cell.
    if (this.length <= this.maxChars) this.value += text
  }

  onClose(name: string): void {
    switch (name) {
      case 't':
        this.collecting = false
        break
      case 'rPh':
        this.inPhonetic = false
        break
      case 'si':
        this.strings.push(this.length > this.maxChars ? null : this.value)
        this.inItem = false
        break
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Sheets

/** 0 -> A, 25 -> Z, 26 -> AA, 16383 -> XFD. */
export function columnLetters(index: number): string {
  let n = index + 1
  let letters = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    letters = String.fromCharCode(65 + rem) + letters
    n = (n - 1 - rem) / 26
  }
  return letters
}

/** Past any real sheet's width; keeps absurd references finite for the refusal message. */
const COLUMN_SATURATION = 2 ** 31

/** The 0-based column of a reference such as `AB12`; `fallback` when it has no letters. */
function columnOf(ref: string, fallback: number): number {
  let col = 0
  let i = 0
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i)
    if (c >= 65 && c <= 90) col = col * 26 + c - 64
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96
    else break
    if (col > COLUMN_SATURATION) return COLUMN_SATURATION
  }
  return i === 0 ? fallback : col - 1
}

function abortError(signal: AbortSignal): Error {
  const error = new Error('Reading the workbook was cancelled', { cause: signal.reason })
  error.name = 'AbortError'
  return error
}

class Workbook implements XlsxFile {
  readonly sheets: XlsxSheetInfo[]
  readonly date1904: boolean
  readonly sharedStrings: SharedStrings
  private closed = false

  constructor(
    private readonly zip: ZipArchive,
    private readonly book: Book,
    private readonly entries: SheetEntry[],
  ) {
    this.sheets = entries.map(({ name, state }) => ({ name, state }))
    this.date1904 = book.date1904
    this.sharedStrings = book.strings
  }

  readRows(sheet: string, onRows: (rows: SourceRow[]) => void | Promise<void>, opts: XlsxReadOptions = {}): Promise<{ rows: number }> {
    return this.read(sheet, null, (reader) => onRows(reader.batch.splice(0, BATCH_ROWS)), opts)
  }

  readPacked(sheet: string, onRows: (rows: SheetRows) => void | Promise<void>, opts: XlsxReadOptions = {}): Promise<{ rows: number }> {
    const packed = new SheetRowsBuilder()
    return this.read(sheet, packed, () => onRows(packed.take()), opts)
  }

  /** Reads a sheet; `take` hands the reader's pending rows (a batch of them) to the caller. */
  private async read(
    sheet: string,
    packed: SheetRowsBuilder | null,
    take: (reader: SheetReader) => void | Promise<void>,
    opts: XlsxReadOptions,
  ): Promise<{ rows: number }> {
    if (this.closed) throw new Error('readRows called after close()')
    const { signal, onProgress } = opts
    if (signal?.aborted) throw abortError(signal)
    const target = this.findSheet(sheet)
    const entry = target.part === undefined ? undefined : this.zip.get(target.part)
    if (!entry) throw new XlsxError(`"${this.zip.fileName}" is damaged (the data of sheet "${target.name}" is missing)`)

    const reader = new SheetReader(this.book, target.name, opts.maxRows ?? Number.POSITIVE_INFINITY, packed)
    // One chunk of XML can complete hundreds of rows; cutting at BATCH_ROWS keeps batches even.
    const deliver = async (all: boolean): Promise<void> => {
      while (reader.pending >= BATCH_ROWS || (all && reader.pending > 0)) {
        if (signal?.aborted) throw abortError(signal)
        await take(reader)
      }
    }
    const root = await parseXml(this.zip, entry, reader, {
      maxRun: runLimit(this.book.limits),
      longRun: () => reader.longRunError(),
      afterChunk: async (inflated) => {
        if (signal?.aborted) throw abortError(signal)
        if (reader.pending >= BATCH_ROWS || reader.full) {
          await deliver(reader.full)
          onProgress?.(inflated, entry.size)
        }
        return reader.full
      },
    })
    await deliver(true)
    if (!reader.full) onProgress?.(entry.size, entry.size)

    // A chartsheet has no cells; a worksheet with this much data and no row was misread or is
    // damaged, and reporting it as "no rows" would hide that (see PITFALLS on silently empty sheets).
    if (root === 'worksheet' && !reader.full && reader.rowsSeen === 0 && entry.size > EMPTY_SHEET_FLOOR_BYTES) {
      throw new XlsxError(`Sheet "${target.name}" looks empty although its data is ${megabytes(entry.size)}; the file may be damaged`)
    }
    return { rows: reader.delivered }
  }

  async close(): Promise<void> {
    this.closed = true
    await this.zip.close()
  }

  /** Excel treats sheet names case-insensitively, so a name typed on the command line may differ in case. */
  private findSheet(name: string): SheetEntry {
    const found = this.entries.find((s) => s.name === name) ?? this.entries.find((s) => s.name.toLowerCase() === name.toLowerCase())
    if (found) return found
    const names = this.entries.map((s) => `"${s.name}"`).join(', ')
    throw new XlsxError(`The workbook has no sheet named "${name}" (its sheets are ${names})`)
  }
}

/**
 * The hot path: one instance per read, fed by SAX events. State lives in fields of one class so the
 * event handlers stay monomorphic; only delivered rows and their values are allocated.
 */
class SheetReader implements XmlHandlers {
  readonly batch: SourceRow[] = []
  rowsSeen = 0
  delivered = 0
  /** The caller's maxRows is reached: later rows in the current chunk are dropped. */
  full: boolean

  private inSheetData = false
  private row = 0
  /** The number of the last row closed: rows come in ascending order, each once. */
  private lastRow = 0
  private cells: CellValue[] = []
  private inCell = false
  private col = -1
  private type: string | undefined
  private style: string | undefined
  private collecting = false
  private hasValue = false
  private value = ''
  private inInline = false
  private inPhonetic = false

  private readonly strings: SharedStrings
  /**
   * The shared strings decoded so far by this read, for rows given as values (readRows): a string used
   * by many cells is decoded once and shared by them, as it was when the table held strings. Packed
   * reads (readPacked) leave strings to their receiver and keep none.
   */
  private decoded: (string | undefined)[] | null = null
  private readonly dateStyles: Uint8Array
  private readonly maxColumns: number
  private readonly maxRows: number
  private readonly maxCellChars: number

  constructor(
    private readonly book: Book,
    private readonly sheetName: string,
    private readonly wanted: number,
    /** Rows go here, packed (readPacked), instead of into `batch`. */
    private readonly packed: SheetRowsBuilder | null,
  ) {
    this.strings = book.strings
    this.dateStyles = book.dateStyles
    this.maxColumns = book.limits.maxColumns
    this.maxRows = book.limits.maxRows
    this.maxCellChars = book.limits.maxCellChars
    this.full = wanted <= 0
  }

  /** Rows read and not yet taken. */
  get pending(): number {
    return this.packed === null ? this.batch.length : this.packed.rows
  }

  onOpen(name: string, a: Attributes): void {
    switch (name) {
      case 'c': {
        if (!this.inSheetData) return
        const ref = a.r
        this.col = ref === undefined ? this.col + 1 : columnOf(ref, this.col + 1)
        this.type = a.t
        this.style = a.s
        this.inCell = true
        this.hasValue = false
        this.value = ''
        return
      }
      case 'v':
        if (this.inCell) {
          this.collecting = true
          this.value = ''
        }
        return
      case 'row':
        if (this.inSheetData) this.openRow(a.r)
        return
      case 'is':
        if (this.inCell) {
          this.inInline = true
          this.value = ''
        }
        return
      case 't':
        this.collecting = this.inInline && !this.inPhonetic
        return
      case 'rPh':
        this.inPhonetic = true
        return
      case 'sheetData':
        this.inSheetData = true
        return
    }
  }

  onText(text: string): void {
    if (!this.collecting) return
    this.value = this.value === '' ? text : this.value + text
    if (this.value.length > this.maxCellChars) throw this.tooLongError()
  }

  onClose(name: string): void {
    switch (name) {
      case 'c':
        if (this.inCell) this.closeCell()
        return
      case 'v':
        if (this.collecting) {
          this.collecting = false
          this.hasValue = true
        }
        return
      case 'row':
        if (this.inSheetData) this.closeRow()
        return
      case 't':
        this.collecting = false
        return
      case 'is':
        if (this.inInline) {
          this.inInline = false
          this.hasValue = true
        }
        return
      case 'rPh':
        this.inPhonetic = false
        return
      case 'sheetData':
        this.inSheetData = false
        return
    }
  }

  longRunError(): XlsxError {
    return this.inCell
      ? this.tooLongError()
      : new XlsxError(
          `Sheet "${this.sheetName}" holds a text of more than ${fmt(this.maxCellChars)} characters after row ${fmt(this.row)}; the file may be damaged`,
        )
  }

  private openRow(ref: string | undefined): void {
    if (ref === undefined) {
      this.row++
    } else {
      const n = Number(ref)
      if (!Number.isSafeInteger(n) || n < 1) {
        throw new XlsxError(`"${this.book.fileName}" is damaged (sheet "${this.sheetName}" has a row numbered "${ref}")`)
      }
      this.row = n
    }
    if (this.packed === null) this.cells = []
    else this.packed.beginRow()
    this.col = -1
  }

  private closeRow(): void {
    // A row numbered at or before the previous one (rows out of order, repeated, or nested inside one
    // another) would be read as two records under one row number: damaged, not data.
    if (this.row <= this.lastRow) {
      throw new XlsxError(
        `"${this.book.fileName}" is damaged (sheet "${this.sheetName}" has row ${fmt(this.row)} after row ${fmt(this.lastRow)})`,
      )
    }
    this.lastRow = this.row
    this.rowsSeen++
    if (this.rowsSeen > this.maxRows) {
      throw new XlsxError(`Sheet "${this.sheetName}" has more than ${fmt(this.maxRows)} rows (the limit)`)
    }
    if (this.full) {
      this.packed?.dropRow()
      return
    }
    if (this.packed === null) this.batch.push({ row: this.row, cells: this.cells })
    else this.packed.endRow(this.row)
    this.delivered++
    if (this.delivered >= this.wanted) this.full = true
  }

  private closeCell(): void {
    this.inCell = false
    this.collecting = false
    if (!this.hasValue) return
    // Packed, a shared string stays its index (checked like cellValue checks it).
    const index = this.packed !== null && this.type === 's' ? this.sharedIndex() : -1
    const value = index < 0 ? this.cellValue() : null
    if (value === null && index < 0) return
    const col = this.col
    if (col >= this.maxColumns) {
      throw new XlsxError(
        `Sheet "${this.sheetName}" has a value in row ${fmt(this.row)}, column ${columnLetters(col)}, beyond the limit of ${fmt(this.maxColumns)} columns`,
      )
    }
    if (this.packed !== null) {
      this.packed.put(col, value, index)
      return
    }
    const cells = this.cells
    if (col === cells.length) {
      cells.push(value)
    } else if (col > cells.length) {
      // Pushing nulls keeps the array packed; assigning past the end would leave holes (undefined).
      while (cells.length < col) cells.push(null)
      cells.push(value)
    } else {
      cells[col] = value
    }
  }

  private cellValue(): CellValue {
    const text = this.value
    switch (this.type) {
      case undefined:
      case 'n': {
        if (text === '') return null
        const n = Number(text)
        if (Number.isNaN(n)) return text
        if (this.style !== undefined && this.dateStyles[Number(this.style)] === 1) {
          return excelSerialToIso(n, this.book.date1904) ?? n
        }
        return n
      }
      case 's':
        return this.sharedText(this.sharedIndex())
      case 'b':
        return text === '1' || text === 'true'
      case 'd':
        return text === '' ? null : isoOfDateText(text)
      default:
        // 'str' (a formula's text result), 'inlineStr' and 'e' (error text such as #N/A).
        return text
    }
  }

  private sharedText(index: number): string {
    const decoded = (this.decoded ??= new Array<string | undefined>(this.strings.length))
    return (decoded[index] ??= this.strings.get(index) as string)
  }

  /** The shared string this cell refers to, which must exist and be within the cell limit. */
  private sharedIndex(): number {
    const index = Number(this.value)
    if (this.strings.usable(index)) return index
    if (this.strings.get(index) === null) throw this.tooLongError()
    throw new XlsxError(
      `"${this.book.fileName}" is damaged (sheet "${this.sheetName}", row ${fmt(this.row)}, column ${columnLetters(this.col)} refers to a missing shared string)`,
    )
  }

  private tooLongError(): XlsxError {
    return new XlsxError(
      `Sheet "${this.sheetName}", row ${fmt(this.row)}, column ${columnLetters(this.col)}: the cell holds more than ${fmt(this.maxCellChars)} characters (the limit)`,
    )
  }
}
