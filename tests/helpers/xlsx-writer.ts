import { once } from 'node:events'
import { createReadStream, createWriteStream, rmSync, statSync, writeFileSync } from 'node:fs'
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'

/**
 * Writes real .xlsx files for tests: a minimal zip writer (raw deflate + CRC32, optional ZIP64) and
 * the SpreadsheetML parts Excel itself writes (workbook, relationships, sheets, shared strings,
 * styles). It can also write what Excel never would: lying zip headers, zip bombs, DOCTYPEs, OLE2
 * files. Everything is built in memory, which is fine for fixtures up to a few hundred thousand rows.
 */

// ---------------------------------------------------------------------------------------------------
// Zip

export interface ZipEntrySpec {
  name: string
  /** The entry's content; deflated unless `store` is set. */
  data?: Buffer | string
  store?: boolean
  /**
   * Content that is already raw-deflated, with the size and CRC of what it inflates to (for
   * archives whose content is too large to hold, such as zip bombs).
   */
  deflated?: { bytes: Buffer; inflatedSize: number; crc?: number }
  /** Claim this inflated size in the headers instead of the real one. */
  declaredSize?: number
  /** Set the "encrypted" flag (the bytes are not actually encrypted). */
  encryptedFlag?: boolean
  /** Write this compression method code instead of the real one. */
  method?: number
}

export interface ZipOptions {
  /** Write ZIP64 records and extra fields for every entry, as tools do for archives over 4 GB. */
  zip64?: boolean
}

const U32_MAX = 0xffffffff

/** An archive's bytes; entries in the order given. */
export function zipBytes(entries: ZipEntrySpec[], opts: ZipOptions = {}): Buffer {
  const zip64 = opts.zip64 ?? false
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    let payload: Buffer
    let size: number
    let crc: number
    let method: number
    if (entry.deflated) {
      payload = entry.deflated.bytes
      size = entry.deflated.inflatedSize
      crc = entry.deflated.crc ?? 0
      method = 8
    } else {
      const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? '', 'utf8')
      payload = entry.store ? raw : deflateRawSync(raw)
      size = raw.length
      crc = crc32(raw)
      method = entry.store ? 0 : 8
    }
    size = entry.declaredSize ?? size
    method = entry.method ?? method
    const flags = 0x800 | (entry.encryptedFlag ? 1 : 0)

    const localExtra = zip64 ? extra64([size, payload.length]) : Buffer.alloc(0)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(zip64 ? 45 : 20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(0, 10) // time
    local.writeUInt16LE(0x21, 12) // date: 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14)
    local.writeUInt32LE(zip64 ? U32_MAX : payload.length, 18)
    local.writeUInt32LE(zip64 ? U32_MAX : size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(localExtra.length, 28)
    locals.push(local, name, localExtra, payload)

    const centralExtra = zip64 ? extra64([size, payload.length, offset]) : Buffer.alloc(0)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(zip64 ? 45 : 20, 4)
    central.writeUInt16LE(zip64 ? 45 : 20, 6)
    central.writeUInt16LE(flags, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(0, 12)
    central.writeUInt16LE(0x21, 14)
    central.writeUInt32LE(crc >>> 0, 16)
    central.writeUInt32LE(zip64 ? U32_MAX : payload.length, 20)
    central.writeUInt32LE(zip64 ? U32_MAX : size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt16LE(centralExtra.length, 30)
    central.writeUInt32LE(zip64 ? U32_MAX : offset, 42)
    centrals.push(central, name, centralExtra)

    offset += local.length + name.length + localExtra.length + payload.length
  }
  const directory = Buffer.concat(centrals)
  const tail: Buffer[] = []
  if (zip64) {
    const record = Buffer.alloc(56)
    record.writeUInt32LE(0x06064b50, 0)
    record.writeBigUInt64LE(44n, 4)
    record.writeUInt16LE(45, 12)
    record.writeUInt16LE(45, 14)
    record.writeBigUInt64LE(BigInt(entries.length), 24)
    record.writeBigUInt64LE(BigInt(entries.length), 32)
    record.writeBigUInt64LE(BigInt(directory.length), 40)
    record.writeBigUInt64LE(BigInt(offset), 48)
    const locator = Buffer.alloc(20)
    locator.writeUInt32LE(0x07064b50, 0)
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8)
    locator.writeUInt32LE(1, 16)
    tail.push(record, locator)
  }
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(zip64 ? 0xffff : entries.length, 8)
  eocd.writeUInt16LE(zip64 ? 0xffff : entries.length, 10)
  eocd.writeUInt32LE(zip64 ? U32_MAX : directory.length, 12)
  eocd.writeUInt32LE(zip64 ? U32_MAX : offset, 16)
  return Buffer.concat([...locals, directory, ...tail, eocd])
}

function extra64(values: number[]): Buffer {
  const buf = Buffer.alloc(4 + 8 * values.length)
  buf.writeUInt16LE(0x0001, 0)
  buf.writeUInt16LE(8 * values.length, 2)
  values.forEach((v, i) => buf.writeBigUInt64LE(BigInt(v), 4 + 8 * i))
  return buf
}

export function writeZip(path: string, entries: ZipEntrySpec[], opts?: ZipOptions): void {
  writeFileSync(path, zipBytes(entries, opts))
}

/**
 * A raw deflate stream of `mib` MiB of zeros, built without deflating them all: after a sync flush
 * with a window full of zeros, every further MiB compresses to the same bytes, so the stream is one
 * head segment, that segment repeated, and an empty final block. 1 GiB costs about 1 MB.
 */
export async function zerosDeflateRaw(mib: number): Promise<Buffer> {
  const mebibyte = Buffer.alloc(1024 * 1024)
  const deflate = createDeflateRaw({ level: 9 })
  const segments: Buffer[] = []
  let pending: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => pending.push(chunk))
  const segment = (): Promise<Buffer> =>
    new Promise((resolve) => {
      deflate.write(mebibyte)
      deflate.flush(constants.Z_SYNC_FLUSH, () => {
        const out = Buffer.concat(pending)
        pending = []
        resolve(out)
      })
    })
  const head = await segment()
  const steady = await segment()
  deflate.destroy()
  segments.push(head)
  for (let i = 1; i < mib; i++) segments.push(steady)
  // BFINAL=1, fixed Huffman, end-of-block: the two bytes that close a sync-flushed stream.
  segments.push(Buffer.from([0x03, 0x00]))
  return Buffer.concat(segments)
}

/**
 * An OLE2 compound file header, which is what an old .xls is, and also what Excel wraps a
 * password-protected .xlsx in (with an "EncryptedPackage" stream in its directory).
 */
export function writeOle2(path: string, opts: { encryptedPackage?: boolean } = {}): void {
  const file = Buffer.alloc(512 * 3)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0)
  file.writeUInt16LE(0x3e, 24) // minor version
  file.writeUInt16LE(3, 26) // major version 3: 512-byte sectors
  file.writeUInt16LE(0xfffe, 28) // little-endian
  file.writeUInt16LE(9, 30) // sector shift: 2^9
  file.writeUInt32LE(0, 48) // first directory sector
  const names = [
    'Root Entry',
    opts.encryptedPackage ? 'EncryptionInfo' : 'Workbook',
    ...(opts.encryptedPackage ? ['EncryptedPackage'] : []),
  ]
  names.forEach((name, i) => {
    const at = 512 + i * 128
    file.write(name, at, 'utf16le')
    file.writeUInt16LE((name.length + 1) * 2, at + 64)
  })
  writeFileSync(path, file)
}

// ---------------------------------------------------------------------------------------------------
// Workbooks

/** A number format: a built-in id (14 is m/d/yyyy) or a format code such as `[$-409]dd\-mmm\-yy;@`. */
export type FormatSpec = string | number

export type CellSpec =
  | string
  | number
  | boolean
  | null
  /** A date or date-time (`2024-01-31`, `2024-01-31T13:45:00`) stored as Excel does: a styled serial. */
  | { date: string; format?: FormatSpec }
  /** A number with a number format (for durations, accounting formats, raw serials). */
  | { number: number; format: FormatSpec }
  /** A formula and its cached result; without `cached` the cell has no value (never calculated). */
  | { formula: string; cached?: string | number | boolean; format?: FormatSpec }
  | { inlineString: string }
  /** A shared string made of formatted runs, optionally with a phonetic guide (which is not content). */
  | { richText: string[]; phonetic?: string }
  | { error: string }
  /** A `t="d"` cell holding ISO text, as some non-Excel writers produce. */
  | { isoDate: string }
  /** A styled cell without a value, as Excel writes for formatted empty cells. */
  | { blank: true }

/** A row with an explicit row number; plain arrays follow the previous row. */
export interface RowSpec {
  r: number
  cells: CellSpec[]
}

export interface SheetSpec {
  name: string
  rows?: Iterable<CellSpec[] | RowSpec>
  state?: 'visible' | 'hidden' | 'veryHidden'
  /** A chartsheet (no cells) instead of a worksheet. */
  chart?: boolean
}

export interface WorkbookSpec {
  sheets: SheetSpec[]
  date1904?: boolean
}

export interface XlsxWriteOptions extends ZipOptions {
  /** Add or replace parts by zip path, e.g. a hostile sheet (`xl/worksheets/sheet1.xml`). */
  parts?: Record<string, string | Buffer>
  /** Leave parts out, by zip path. */
  omit?: string[]
  /** Write relationship targets as absolute paths (`/xl/worksheets/sheet1.xml`), as some tools do. */
  absoluteTargets?: boolean
  /** Prefix every SpreadsheetML element (`x:row`), as .NET's Open XML SDK does. */
  prefix?: string
  /** Last word on the zip entries (lie about sizes, set flags, ...). */
  entries?: (entries: ZipEntrySpec[]) => ZipEntrySpec[]
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const DAY_MS = 86_400_000

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
}

/** 0 -> A, 26 -> AA, 16383 -> XFD. */
export function columnName(index: number): string {
  let n = index + 1
  let name = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    name = String.fromCharCode(65 + rem) + name
    n = (n - 1 - rem) / 26
  }
  return name
}

/** The Excel serial of a zone-less ISO date or date-time, including the 1900 leap-year bug. */
export function excelSerial(iso: string, date1904 = false): number {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`)
  if (Number.isNaN(ms)) throw new Error(`not an ISO date: ${iso}`)
  if (date1904) return (ms - Date.UTC(1904, 0, 1)) / DAY_MS
  const serial = (ms - Date.UTC(1899, 11, 30)) / DAY_MS
  // Before 1900-03-01 Excel's count lacks its phantom 1900-02-29.
  return serial < 61 ? serial - 1 : serial
}

class Styles {
  private readonly custom = new Map<string, number>()
  private readonly xfs = new Map<number, number>()
  private readonly xfList: number[] = [0]

  /** The cellXfs index for a number format. */
  index(format: FormatSpec): number {
    let id: number
    if (typeof format === 'number') {
      id = format
    } else {
      id = this.custom.get(format) ?? 164 + this.custom.size
      this.custom.set(format, id)
    }
    let xf = this.xfs.get(id)
    if (xf === undefined) {
      xf = this.xfList.length
      this.xfList.push(id)
      this.xfs.set(id, xf)
    }
    return xf
  }

  xml(el: (name: string) => string): string {
    const numFmts = [...this.custom].map(([code, id]) => `<${el('numFmt')} numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
    const xfs = this.xfList.map(
      (id) => `<${el('xf')} numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`,
    )
    return (
      `${XML_DECL}<${el('styleSheet')} ${xmlns(el)}>` +
      (numFmts.length ? `<${el('numFmts')} count="${numFmts.length}">${numFmts.join('')}</${el('numFmts')}>` : '') +
      `<${el('fonts')} count="1"><${el('font')}><${el('sz')} val="11"/><${el('name')} val="Calibri"/></${el('font')}></${el('fonts')}>` +
      `<${el('fills')} count="1"><${el('fill')}><${el('patternFill')} patternType="none"/></${el('fill')}></${el('fills')}>` +
      `<${el('borders')} count="1"><${el('border')}/></${el('borders')}>` +
      `<${el('cellStyleXfs')} count="1"><${el('xf')} numFmtId="0" fontId="0" fillId="0" borderId="0"/></${el('cellStyleXfs')}>` +
      `<${el('cellXfs')} count="${xfs.length}">${xfs.join('')}</${el('cellXfs')}>` +
      `</${el('styleSheet')}>`
    )
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>()
  private readonly items: string[] = []

  plain(text: string): number {
    return this.add(`<t xml:space="preserve">${escapeXml(text)}</t>`)
  }

  rich(runs: string[], phonetic?: string): number {
    const body = runs.map((run, i) => `<r>${i % 2 ? '<rPr><b/></rPr>' : ''}<t xml:space="preserve">${escapeXml(run)}</t></r>`).join('')
    return this.add(body + (phonetic === undefined ? '' : `<rPh sb="0" eb="1"><t>${escapeXml(phonetic)}</t></rPh>`))
  }

  xml(el: (name: string) => string): string {
    const prefixed = (item: string): string =>
      item.replace(/<(\/?)(t|r|rPr|b|rPh)\b/g, (_m, slash: string, name: string) => `<${slash}${el(name)}`)
    return (
      `${XML_DECL}<${el('sst')} ${xmlns(el)} count="${this.items.length}" uniqueCount="${this.items.length}">` +
      this.items.map((item) => `<${el('si')}>${prefixed(item)}</${el('si')}>`).join('') +
      `</${el('sst')}>`
    )
  }

  get size(): number {
    return this.items.length
  }

  private add(body: string): number {
    let i = this.index.get(body)
    if (i === undefined) {
      i = this.items.length
      this.items.push(body)
      this.index.set(body, i)
    }
    return i
  }
}

function xmlns(el: (name: string) => string): string {
  const prefix = el('').slice(0, -1)
  return `${prefix ? `xmlns:${prefix}` : 'xmlns'}="${NS_MAIN}" xmlns:r="${NS_REL}"`
}

function cellXml(
  ref: string,
  cell: CellSpec,
  el: (name: string) => string,
  styles: Styles,
  strings: SharedStrings,
  date1904: boolean,
): string {
  const c = el('c')
  const v = (value: string | number): string => `<${el('v')}>${typeof value === 'string' ? escapeXml(value) : value}</${el('v')}>`
  if (cell === null) return ''
  if (typeof cell === 'string') return `<${c} r="${ref}" t="s">${v(strings.plain(cell))}</${c}>`
  if (typeof cell === 'number') return `<${c} r="${ref}">${v(cell)}</${c}>`
  if (typeof cell === 'boolean') return `<${c} r="${ref}" t="b">${v(cell ? 1 : 0)}</${c}>`
  if ('date' in cell) return `<${c} r="${ref}" s="${styles.index(cell.format ?? 14)}">${v(excelSerial(cell.date, date1904))}</${c}>`
  if ('number' in cell) return `<${c} r="${ref}" s="${styles.index(cell.format)}">${v(cell.number)}</${c}>`
  if ('formula' in cell) {
    const { cached } = cell
    const type = typeof cached === 'string' ? ' t="str"' : typeof cached === 'boolean' ? ' t="b"' : ''
    const style = cell.format === undefined ? '' : ` s="${styles.index(cell.format)}"`
    const value = cached === undefined ? '' : v(typeof cached === 'boolean' ? (cached ? 1 : 0) : cached)
    return `<${c} r="${ref}"${style}${type}><${el('f')}>${escapeXml(cell.formula)}</${el('f')}>${value}</${c}>`
  }
  if ('inlineString' in cell)
    return `<${c} r="${ref}" t="inlineStr"><${el('is')}><${el('t')}>${escapeXml(cell.inlineString)}</${el('t')}></${el('is')}></${c}>`
  if ('richText' in cell) return `<${c} r="${ref}" t="s">${v(strings.rich(cell.richText, cell.phonetic))}</${c}>`
  if ('error' in cell) return `<${c} r="${ref}" t="e">${v(cell.error)}</${c}>`
  if ('isoDate' in cell) return `<${c} r="${ref}" t="d">${v(cell.isoDate)}</${c}>`
  return `<${c} r="${ref}" s="${styles.index(14)}"/>`
}

function worksheetXml(sheet: SheetSpec, el: (name: string) => string, styles: Styles, strings: SharedStrings, date1904: boolean): string {
  const parts: string[] = [`${XML_DECL}<${el('worksheet')} ${xmlns(el)}><${el('sheetData')}>`]
  let r = 0
  for (const row of sheet.rows ?? []) {
    const cells = Array.isArray(row) ? row : row.cells
    r = Array.isArray(row) ? r + 1 : row.r
    let body = ''
    cells.forEach((cell, i) => {
      body += cellXml(`${columnName(i)}${r}`, cell, el, styles, strings, date1904)
    })
    parts.push(`<${el('row')} r="${r}">${body}</${el('row')}>`)
  }
  parts.push(`</${el('sheetData')}></${el('worksheet')}>`)
  return parts.join('')
}

/** The zip entries of a workbook, before `opts.entries` has its say. */
export function xlsxEntries(spec: WorkbookSpec, opts: XlsxWriteOptions = {}): ZipEntrySpec[] {
  const el = (name: string): string => (opts.prefix ? `${opts.prefix}:${name}` : name)
  const date1904 = spec.date1904 ?? false
  const styles = new Styles()
  const strings = new SharedStrings()
  const target = (path: string): string => (opts.absoluteTargets ? `/xl/${path}` : path)

  const parts = new Map<string, string | Buffer>()
  const sheetRels: string[] = []
  const sheetTags: string[] = []
  const overrides: string[] = []
  spec.sheets.forEach((sheet, i) => {
    const n = i + 1
    const folder = sheet.chart ? 'chartsheets' : 'worksheets'
    const path = `${folder}/sheet${n}.xml`
    parts.set(
      `xl/${path}`,
      sheet.chart
        ? `${XML_DECL}<${el('chartsheet')} ${xmlns(el)}><${el('sheetViews')}><${el('sheetView')} workbookViewId="0"/></${el('sheetViews')}></${el('chartsheet')}>`
        : worksheetXml(sheet, el, styles, strings, date1904),
    )
    sheetRels.push(`<Relationship Id="rId${n}" Type="${NS_REL}/${sheet.chart ? 'chartsheet' : 'worksheet'}" Target="${target(path)}"/>`)
    const state = sheet.state && sheet.state !== 'visible' ? ` state="${sheet.state}"` : ''
    sheetTags.push(`<${el('sheet')} name="${escapeXml(sheet.name)}" sheetId="${n}"${state} r:id="rId${n}"/>`)
    overrides.push(
      `<Override PartName="/xl/${path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${sheet.chart ? 'chartsheet' : 'worksheet'}+xml"/>`,
    )
  })
  const extra = spec.sheets.length
  sheetRels.push(`<Relationship Id="rId${extra + 1}" Type="${NS_REL}/styles" Target="${target('styles.xml')}"/>`)
  parts.set('xl/styles.xml', styles.xml(el))
  if (strings.size > 0) {
    sheetRels.push(`<Relationship Id="rId${extra + 2}" Type="${NS_REL}/sharedStrings" Target="${target('sharedStrings.xml')}"/>`)
    parts.set('xl/sharedStrings.xml', strings.xml(el))
    overrides.push(
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>',
    )
  }
  parts.set(
    'xl/workbook.xml',
    `${XML_DECL}<${el('workbook')} ${xmlns(el)}><${el('workbookPr')}${date1904 ? ' date1904="1"' : ''}/>` +
      `<${el('sheets')}>${sheetTags.join('')}</${el('sheets')}></${el('workbook')}>`,
  )
  parts.set('xl/_rels/workbook.xml.rels', `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">${sheetRels.join('')}</Relationships>`)
  parts.set(
    '_rels/.rels',
    `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  )
  parts.set(
    '[Content_Types].xml',
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      `${overrides.join('')}</Types>`,
  )
  for (const [name, data] of Object.entries(opts.parts ?? {})) parts.set(name, data)
  for (const name of opts.omit ?? []) parts.delete(name)

  // Excel's order: content types first, then relationships, then the parts.
  const order = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']
  const names = [...parts.keys()].sort((a, b) => rank(order, a) - rank(order, b))
  const entries = names.map((name) => ({ name, data: parts.get(name) }))
  return opts.entries ? opts.entries(entries) : entries
}

function rank(order: string[], name: string): number {
  const i = order.indexOf(name)
  return i < 0 ? order.length : i
}

/** Writes a workbook. `opts` can make it hostile or unusual; see XlsxWriteOptions. */
export function writeXlsx(path: string, spec: WorkbookSpec, opts: XlsxWriteOptions = {}): void {
  writeZip(path, xlsxEntries(spec, opts), opts)
}

// ---------------------------------------------------------------------------------------------------
// Large workbooks, streamed

/**
 * Writes a one-sheet workbook of strings and numbers without holding it: the sheet and the shared
 * strings are deflated to temporary files as they are generated, then copied into the zip. For the
 * million-row benches, whose sheet XML (~540 MB) is longer than V8's longest string. Every string cell
 * is a shared string, as Excel writes them; `rowAt(i)` gives data row i (0-based), after the header.
 */
export async function writeLargeXlsx(
  path: string,
  sheetName: string,
  header: string[],
  rows: number,
  rowAt: (i: number) => (string | number)[],
): Promise<void> {
  const index = new Map<string, number>()
  let uniqueStrings = 0
  let stringRefs = 0
  const sstParts: string[] = []

  /** Deflates what `produce` writes into `file`; returns the raw size and CRC. */
  const deflateTo = async (file: string, produce: (write: (s: string) => Promise<void>) => Promise<void>) => {
    const out = createWriteStream(file)
    const deflate = createDeflateRaw({ level: 1 })
    deflate.pipe(out)
    let size = 0
    let crc = 0
    let pending = ''
    const flush = async (): Promise<void> => {
      const buf = Buffer.from(pending, 'utf8')
      pending = ''
      size += buf.length
      crc = crc32(buf, crc)
      if (!deflate.write(buf)) await once(deflate, 'drain')
    }
    await produce(async (s) => {
      pending += s
      if (pending.length > 1 << 20) await flush()
    })
    await flush()
    deflate.end()
    await once(out, 'close')
    return { size, crc: crc >>> 0 }
  }

  const cellsXml = (cells: (string | number)[], r: number): string => {
    let body = ''
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c] as string | number
      const ref = `${columnName(c)}${r}`
      if (typeof cell === 'number') {
        body += `<c r="${ref}"><v>${cell}</v></c>`
        continue
      }
      let i = index.get(cell)
      if (i === undefined) {
        i = uniqueStrings++
        index.set(cell, i)
        sstParts.push(`<si><t>${escapeXml(cell)}</t></si>`)
      }
      stringRefs++
      body += `<c r="${ref}" t="s"><v>${i}</v></c>`
    }
    return `<row r="${r}">${body}</row>`
  }

  const sheetFile = `${path}.sheet.tmp`
  const sstFile = `${path}.sst.tmp`
  try {
    const sheet = await deflateTo(sheetFile, async (write) => {
      await write(`${XML_DECL}<worksheet ${xmlns((n) => n)}><sheetData>`)
      await write(cellsXml(header, 1))
      for (let i = 0; i < rows; i++) await write(cellsXml(rowAt(i), i + 2))
      await write('</sheetData></worksheet>')
    })
    const sst = await deflateTo(sstFile, async (write) => {
      await write(`${XML_DECL}<sst xmlns="${NS_MAIN}" count="${stringRefs}" uniqueCount="${uniqueStrings}">`)
      for (let i = 0; i < sstParts.length; i += 10_000) await write(sstParts.slice(i, i + 10_000).join(''))
      await write('</sst>')
    })
    sstParts.length = 0
    index.clear()

    const small = xlsxEntries({ sheets: [{ name: sheetName, rows: [['x']] }] }).filter(
      (e) => e.name !== 'xl/worksheets/sheet1.xml' && e.name !== 'xl/sharedStrings.xml',
    )
    const big = [
      { name: 'xl/worksheets/sheet1.xml', file: sheetFile, ...sheet, compressed: statSync(sheetFile).size },
      { name: 'xl/sharedStrings.xml', file: sstFile, ...sst, compressed: statSync(sstFile).size },
    ]
    // The small parts as an archive of their own, then the big ones appended with their headers, and
    // one central directory for all (the small archive's records are reused, its end record dropped).
    const smallZip = zipBytes(small)
    const eocdAt = smallZip.length - 22
    const dirSize = smallZip.readUInt32LE(eocdAt + 12)
    const dirAt = smallZip.readUInt32LE(eocdAt + 16)
    const out = createWriteStream(path)
    const put = async (buf: Buffer): Promise<void> => {
      if (!out.write(buf)) await once(out, 'drain')
    }
    await put(smallZip.subarray(0, dirAt))
    let offset = dirAt
    const centrals: Buffer[] = [smallZip.subarray(dirAt, dirAt + dirSize)]
    for (const part of big) {
      const name = Buffer.from(part.name, 'utf8')
      const local = Buffer.alloc(30)
      local.writeUInt32LE(0x04034b50, 0)
      deflatedHeader(local, 4, part, name.length)
      await put(Buffer.concat([local, name]))
      for await (const chunk of createReadStream(part.file)) await put(chunk as Buffer)
      const central = Buffer.alloc(46)
      central.writeUInt32LE(0x02014b50, 0)
      central.writeUInt16LE(20, 4)
      deflatedHeader(central, 6, part, name.length)
      central.writeUInt32LE(offset, 42)
      centrals.push(central, name)
      offset += 30 + name.length + part.compressed
    }
    const directory = Buffer.concat(centrals)
    const eocd = Buffer.alloc(22)
    eocd.writeUInt32LE(0x06054b50, 0)
    eocd.writeUInt16LE(small.length + big.length, 8)
    eocd.writeUInt16LE(small.length + big.length, 10)
    eocd.writeUInt32LE(directory.length, 12)
    eocd.writeUInt32LE(offset, 16)
    await put(Buffer.concat([directory, eocd]))
    out.end()
    await once(out, 'close')
  } finally {
    rmSync(sheetFile, { force: true })
    rmSync(sstFile, { force: true })
  }
}

/** The fields a local and a central zip header share (from "version needed" to the name's length), at `at`. */
function deflatedHeader(buf: Buffer, at: number, part: { crc: number; compressed: number; size: number }, nameLength: number): void {
  buf.writeUInt16LE(20, at)
  buf.writeUInt16LE(0x800, at + 2) // UTF-8 names
  buf.writeUInt16LE(8, at + 4) // deflate
  buf.writeUInt16LE(0x21, at + 8) // 1980-01-01
  buf.writeUInt32LE(part.crc, at + 10)
  buf.writeUInt32LE(part.compressed, at + 14)
  buf.writeUInt32LE(part.size, at + 18)
  buf.writeUInt16LE(nameLength, at + 22)
}
