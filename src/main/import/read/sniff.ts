import { isUtf8 } from 'node:buffer'
import type { Stats } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { extname } from 'node:path'
import { DEFAULT_LIMITS, type Encoding, type ReadLimits } from '@shared/import/types'
import { ImportFileError } from './file-error'

const DELIMITERS = [',', ';', '\t', '|'] as const
export type Delimiter = (typeof DELIMITERS)[number]

export type Sniffed = { format: 'csv'; encoding: Encoding; bom: boolean; delimiter: Delimiter } | { format: 'xlsx' }

/** Bytes looked at for magic numbers, binary noise and the delimiter. */
const HEAD_BYTES = 64 * 1024
/** Bytes read at a time by the whole-file UTF-8 check: few reads, and one reused buffer. */
const SCAN_BYTES = 4 * 1024 * 1024
/** Records of the head used to choose the delimiter. */
const SAMPLE_RECORDS = 50
/**
 * Share of control characters above which a file is binary. Text has next to none; random bytes have
 * about 11 %. Tab, line breaks, vertical tab and form feed do not count (FileMaker writes vertical tabs
 * for line breaks inside a cell).
 */
const MAX_CONTROL_SHARE = 0.05

const TEXT_EXTENSIONS = new Set(['.csv', '.txt', '.tsv'])
/** Text formats that CRMs hand out as ".xls" (Salesforce's "Excel Format .xls" export is an HTML table). */
const HTML = /^\s*<(!doctype\s+html|html[\s>]|table[\s>])/i
const XML = /^\s*<\?xml\s/
const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const UTF8_BOM = [0xef, 0xbb, 0xbf]
const UTF16LE_BOM = [0xff, 0xfe]
const UTF16BE_BOM = [0xfe, 0xff]

/** Formats that people pick by mistake, by their magic numbers. */
const NOT_SPREADSHEETS: readonly { magic: readonly number[]; message: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], message: 'is a PDF document, not a spreadsheet; export the data as CSV or XLSX' },
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], message: 'is a PNG image, not a spreadsheet' },
  { magic: [0xff, 0xd8, 0xff], message: 'is a JPEG image, not a spreadsheet' },
  { magic: [0x1f, 0x8b], message: 'is a gzip-compressed file; decompress it first and import the file inside' },
]

/**
 * What a file holds, decided by its content (the name only sharpens the messages), and for CSV how to
 * read it. Refuses, with an ImportFileError, files that are empty, too large, not text, or a format
 * Tandem does not read.
 */
export async function sniffFile(path: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<Sniffed> {
  refuseNonRegular(await stat(path))
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    if (size === 0) throw new ImportFileError('is empty')
    checkFileSize(size, limits)
    const buffer = Buffer.alloc(Math.min(size, HEAD_BYTES))
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0)
    const head = buffer.subarray(0, bytesRead)
    const extension = extname(path).toLowerCase()

    if (startsWith(head, ZIP)) {
      if (TEXT_EXTENSIONS.has(extension)) {
        throw new ImportFileError(`is a zip archive (probably an XLSX workbook) named like a ${extension} file; rename it to .xlsx`)
      }
      return { format: 'xlsx' }
    }
    if (startsWith(head, OLE2)) {
      // Excel also wraps password-protected .xlsx workbooks in this old container.
      throw new ImportFileError(
        extension === '.xlsx'
          ? 'is a password-protected workbook (or an old-style .xls renamed); remove the password, or save it as .xlsx or CSV'
          : 'is an old-style .xls workbook; save it as .xlsx or CSV',
      )
    }
    for (const { magic, message } of NOT_SPREADSHEETS) {
      if (startsWith(head, magic)) throw new ImportFileError(message)
    }
    if (extension === '.xlsx') {
      throw new ImportFileError(
        head.includes(0) ? 'is not an XLSX workbook' : 'is not an XLSX workbook: it holds plain text; if it is CSV, rename it to .csv',
      )
    }

    const { encoding, bom } = await detectEncoding(file, head, size)
    const wholeFile = head.length === size
    const text = new TextDecoder(encoding, { ignoreBOM: !bom }).decode(head)
    if (looksBinary(text)) throw new ImportFileError('is not a text file (it holds binary data); choose a CSV or XLSX file')
    if (HTML.test(text)) {
      throw new ImportFileError('is a web page (HTML), not CSV; some "Excel" exports are HTML in disguise: export as CSV instead')
    }
    if (XML.test(text)) throw new ImportFileError('is an XML document, not CSV; save it as .xlsx or CSV')
    return { format: 'csv', encoding, bom, delimiter: detectDelimiter(text, wholeFile) }
  } finally {
    await file.close()
  }
}

/**
 * Refuses, before opening it, anything but a regular file: opening a named pipe waits for a writer
 * forever (an import of one never ended), and a folder, a device or a socket holds no export.
 */
function refuseNonRegular(st: Stats): void {
  if (st.isFile()) return
  if (st.isDirectory()) throw new ImportFileError('is a folder, not a file; choose the CSV or XLSX file inside it')
  if (st.isFIFO()) throw new ImportFileError('is a named pipe (FIFO), not a file; save the export to a file and import that')
  if (st.isSocket()) throw new ImportFileError('is a socket, not a file; save the export to a file and import that')
  if (st.isCharacterDevice() || st.isBlockDevice()) throw new ImportFileError('is a device, not a file; choose a CSV or XLSX file')
  throw new ImportFileError('is not a regular file; choose a CSV or XLSX file')
}

/** Refuses a file larger than the limit (shared by the sniffer and the readers). */
export function checkFileSize(bytes: number, limits: ReadLimits): void {
  if (bytes > limits.maxFileBytes) {
    throw new ImportFileError(
      `is ${formatBytes(bytes)}, more than the ${formatBytes(limits.maxFileBytes)} Tandem imports at once; split it into smaller files`,
    )
  }
}

function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ]
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`
  }
  return `${bytes} bytes`
}

function startsWith(head: Buffer, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((byte, i) => head[i] === byte)
}

async function detectEncoding(file: FileHandle, head: Buffer, size: number): Promise<{ encoding: Encoding; bom: boolean }> {
  if (startsWith(head, UTF8_BOM)) {
    if (!(await mostlyUtf8(file, size, UTF8_BOM.length))) {
      throw new ImportFileError('starts with a UTF-8 byte-order mark but is not valid UTF-8; save it again as "CSV UTF-8"')
    }
    return { encoding: 'utf-8', bom: true }
  }
  if (startsWith(head, UTF16LE_BOM)) return { encoding: 'utf-16le', bom: true }
  if (startsWith(head, UTF16BE_BOM)) return { encoding: 'utf-16be', bom: true }
  const utf16 = utf16WithoutBom(head)
  if (utf16) return { encoding: utf16, bom: false }
  // Without a BOM, UTF-8 is the only other encoding whose bytes can be checked; a file that is not
  // mostly UTF-8 is taken for Windows-1252, which is what Excel on Windows writes for "CSV" in the West.
  return { encoding: (await mostlyUtf8(file, size, 0)) ? 'utf-8' : 'windows-1252', bom: false }
}

/**
 * Whether the file from `start` on is UTF-8, judged from all of it: wholly valid (the usual case, checked
 * fast), or mostly so, with more valid multi-byte characters than invalid bytes (a UTF-8 export with a
 * stray Windows-1252 byte pasted in). Such a file is read as UTF-8, and the rows holding the invalid
 * bytes are reported (they read as U+FFFD; see csv.ts), never decoded wrongly as a whole.
 */
async function mostlyUtf8(file: FileHandle, size: number, start: number): Promise<boolean> {
  if (await isUtf8File(file, size, start)) return true
  const { valid, invalid } = await countUtf8(file, size, start)
  return valid > invalid
}

/** Valid multi-byte UTF-8 sequences and bytes that begin no valid sequence, in the file from `start` on. */
async function countUtf8(file: FileHandle, size: number, start: number): Promise<{ valid: number; invalid: number }> {
  const counts = { valid: 0, invalid: 0 }
  const buffer = Buffer.allocUnsafe(Math.min(SCAN_BYTES, size - start + 3))
  let carried = 0
  let position = start
  while (position < size) {
    const { bytesRead } = await file.read(buffer, carried, buffer.length - carried, position)
    if (bytesRead === 0) break
    position += bytesRead
    const end = carried + bytesRead
    const used = countSequences(buffer, end, counts)
    buffer.copyWithin(0, used, end)
    carried = end - used
  }
  counts.invalid += carried
  return counts
}

/** Counts into `counts` the sequences of buffer[0, end); returns where an unfinished last one begins. */
function countSequences(buffer: Buffer, end: number, counts: { valid: number; invalid: number }): number {
  let i = 0
  while (i < end) {
    const byte = buffer[i] as number
    if (byte < 0x80) {
      i++
      continue
    }
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0
    if (length === 0) {
      counts.invalid++
      i++
      continue
    }
    if (i + length > end) return i
    let ok = true
    for (let k = 1; k < length; k++) if (((buffer[i + k] as number) & 0xc0) !== 0x80) ok = false
    if (ok) {
      counts.valid++
      i += length
    } else {
      counts.invalid++
      i++
    }
  }
  return i
}

/**
 * UTF-16 written without a BOM: ASCII characters (delimiters, digits, line breaks: a good part of any
 * CSV, even one in Chinese) have a zero high byte, so one byte of the pairs is often NUL and the other
 * almost never. Text in a one-byte encoding has no NULs at all.
 */
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = head.length >> 1
  let evenNuls = 0
  let oddNuls = 0
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenNuls++
    if (head[i + 1] === 0) oddNuls++
  }
  if (oddNuls >= pairs * 0.2 && evenNuls * 10 <= oddNuls) return 'utf-16le'
  if (evenNuls >= pairs * 0.2 && oddNuls * 10 <= evenNuls) return 'utf-16be'
  return undefined
}

/**
 * Whether the bytes of the file from `start` on are valid UTF-8. The whole file is checked, because an
 * export can be plain ASCII for 100 MB and then hold one Windows-1252 "é". Chunks are checked with
 * simdutf (buffer.isUtf8); a sequence cut by the chunk boundary is carried to the front of the next one.
 */
async function isUtf8File(file: FileHandle, size: number, start: number): Promise<boolean> {
  const buffer = Buffer.allocUnsafe(Math.min(SCAN_BYTES, size - start + 3))
  let carried = 0
  let position = start
  while (position < size) {
    const { bytesRead } = await file.read(buffer, carried, buffer.length - carried, position)
    if (bytesRead === 0) break
    position += bytesRead
    const end = carried + bytesRead
    const whole = end - incompleteTail(buffer, end)
    if (!isUtf8(buffer.subarray(0, whole))) return false
    buffer.copyWithin(0, whole, end)
    carried = end - whole
  }
  // A sequence still open at the end is not UTF-8 cut short but, far more likely, a Windows-1252 file
  // whose last character is, say, "é" (0xE9).
  return carried === 0
}

/** How many bytes at the end of buffer[0, end) begin a UTF-8 sequence that would continue past `end`. */
function incompleteTail(buffer: Buffer, end: number): number {
  for (let back = 1; back <= 3 && back <= end; back++) {
    const byte = buffer[end - back] ?? 0
    if ((byte & 0xc0) === 0x80) continue
    if (byte < 0xc0) return 0
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2
    return length > back ? back : 0
  }
  return 0
}

function looksBinary(text: string): boolean {
  let controls = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0) return true
    if ((code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f) controls++
  }
  return controls > text.length * MAX_CONTROL_SHARE
}

/**
 * The delimiter that splits the first records into the most consistent number of fields (more than
 * one), so that a title row above the header or a "Grand Total" row does not sway it. A file with a
 * single column has no such delimiter and gets ','.
 */
function detectDelimiter(text: string, wholeFile: boolean): Delimiter {
  let best: { delimiter: Delimiter; fields: number; share: number } | undefined
  for (const delimiter of DELIMITERS) {
    const { fields, share } = mostCommon(fieldCounts(text, delimiter, wholeFile))
    if (fields < 2) continue
    if (!best || share > best.share || (share === best.share && fields > best.fields)) best = { delimiter, fields, share }
  }
  return best?.delimiter ?? ','
}

/**
 * Fields per record for the first records of `text`, splitting as papaparse will: a double quote opens
 * a quoted field only at the start of a field; within it a doubled quote is a quote, line breaks belong
 * to the field, and a quote closes it only before a delimiter or a line break (papaparse reads past a
 * stray one). Blank lines are left out. When `text` is only the head of the file its last record may
 * be cut, so it is left out too.
 */
function fieldCounts(text: string, delimiter: Delimiter, wholeFile: boolean): number[] {
  const counts: number[] = []
  let fields = 1
  let atFieldStart = true
  let blank = true
  let quoted = false
  for (let i = 0; i < text.length && counts.length < SAMPLE_RECORDS; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"') {
        const next = text[i + 1]
        if (next === '"') i++
        else if (next === undefined || next === delimiter || next === '\n' || next === '\r') quoted = false
      }
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      if (!blank) counts.push(fields)
      fields = 1
      atFieldStart = true
      blank = true
    } else if (char === delimiter) {
      fields++
      atFieldStart = true
      blank = false
    } else {
      quoted = char === '"' && atFieldStart
      atFieldStart = false
      blank = false
    }
  }
  if (wholeFile && !blank && counts.length < SAMPLE_RECORDS) counts.push(fields)
  return counts
}

/** The most frequent count (the larger on a tie) and the share of records that have it. */
function mostCommon(counts: number[]): { fields: number; share: number } {
  const frequency = new Map<number, number>()
  for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1)
  let fields = 0
  let times = 0
  for (const [count, n] of frequency) {
    if (n > times || (n === times && count > fields)) {
      fields = count
      times = n
    }
  }
  return { fields, share: counts.length ? times / counts.length : 0 }
}
