import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import Papa from 'papaparse'
import { DEFAULT_LIMITS, type Encoding, type ReadLimits, type SourceRow } from '@shared/import/types'
import { ImportFileError } from './file-error'
import { checkFileSize, type Delimiter } from './sniff'

export interface CsvFormat {
  encoding: Encoding
  bom: boolean
  delimiter: Delimiter
}

export interface ReadCsvOptions {
  limits?: ReadLimits
  signal?: AbortSignal
  onProgress?: (bytesRead: number, totalBytes: number) => void
  /** Stop quietly after this many rows (a sample for the mapping screen). */
  maxRows?: number
}

/** Rows handed to the consumer at a time. */
export const BATCH_ROWS = 2_000
/**
 * Bytes read at a time. Each chunk is decoded and parsed in one call, so this bounds what is held at
 * once (the chunk, its text and its rows). Measured on 1M rows: 256 KB reads as fast as 1-4 MB and
 * peaks about 110 MB lower in RSS, because the garbage of each chunk dies young.
 */
const CHUNK_BYTES = 256 * 1024

/** CRLF or a lone CR. */
const LINE_BREAK = /\r\n?/g

/** What papaparse's low-level Parser returns (its typings say `any`). */
interface ParsedText {
  data: string[][]
  errors: Papa.ParseError[]
  meta: { cursor: number }
}

/**
 * Streams a CSV file to `onRows` in batches of about BATCH_ROWS rows. Cells are the strings of the file;
 * an empty line is a row with one empty cell. Row numbers are record numbers as a spreadsheet shows them
 * (the header is row 1; a quoted field with line breaks keeps its record on one row). Line breaks are
 * read as CRLF, LF or CR, even mixed in one file, and come out as "\n" inside cells.
 *
 * The next chunk is read only after the promise `onRows` returns has settled, so a slow consumer holds
 * back the reading and memory stays bounded. Refusals throw ImportFileError; an aborted `signal` throws
 * an error named AbortError.
 */
export async function readCsv(
  path: string,
  format: CsvFormat,
  onRows: (rows: SourceRow[]) => void | Promise<void>,
  opts: ReadCsvOptions = {},
): Promise<{ rows: number; bytes: number; sha256: string | null }> {
  const { signal, onProgress } = opts
  const limits = opts.limits ?? DEFAULT_LIMITS
  const sampleRows = opts.maxRows ?? Infinity
  throwIfAborted(signal)
  const totalBytes = (await stat(path)).size
  checkFileSize(totalBytes, limits)
  if (format.encoding.startsWith('utf-16') && totalBytes % 2 !== 0) {
    throw new ImportFileError('is not valid UTF-16: it has an odd number of bytes, so it is cut short or not UTF-16 at all')
  }

  // Not fatal: sniffing validated UTF-8 over the whole file, and a lone surrogate in UTF-16 is not worth
  // refusing a file for; it becomes U+FFFD in its cell.
  const decoder = new TextDecoder(format.encoding, { ignoreBOM: !format.bom })
  // Line breaks are normalized to "\n" before parsing (papaparse knows one line break per file).
  const parser = new Papa.Parser({ delimiter: format.delimiter, newline: '\n', quoteChar: '"' })
  // An open quote makes papaparse wait for its end, re-reading the unfinished record with every chunk:
  // a hostile file would be held in memory whole and parsed in quadratic time. Past this many characters
  // without a finished record, the record is examined and refused if it is over a limit.
  const runawayChars = limits.maxCellChars * 4 + 1024 * 1024

  let rows = 0
  let bytes = 0
  let batch: SourceRow[] = []
  /** The unfinished record at the end of the text parsed so far. */
  let carry = ''
  /** A CR at the end of a chunk, kept until the next shows whether an LF follows it. */
  let heldCr = false

  const deliver = async (): Promise<void> => {
    if (batch.length === 0) return
    const rowsOut = batch
    batch = []
    await onRows(rowsOut)
    throwIfAborted(signal)
  }

  /**
   * Checks, numbers and batches finished records; false once the sample is complete. `suspect`: the text
   * they come from holds a U+FFFD or a NUL, so their cells are looked at one by one.
   */
  const take = async (records: string[][], suspect: boolean): Promise<boolean> => {
    for (const cells of records) {
      if (rows >= sampleRows) return false
      const row = rows + 1
      if (row > limits.maxRows) {
        throw new ImportFileError(
          `has more than ${count(limits.maxRows)} rows, the most Tandem imports at once; split it into smaller files`,
        )
      }
      checkRecord(cells, row, limits)
      const damaged = suspect ? damagedCell(cells) : undefined
      batch.push(damaged ? { row, cells, damaged } : { row, cells })
      rows = row
      if (batch.length >= BATCH_ROWS) await deliver()
    }
    return rows < sampleRows
  }

  /** Parses the next decoded text; false once the sample is complete. */
  const parse = async (decoded: string, last: boolean): Promise<boolean> => {
    let text = heldCr ? `\r${decoded}` : decoded
    heldCr = !last && text.endsWith('\r')
    if (heldCr) text = text.slice(0, -1)
    if (text.includes('\r')) text = text.replace(LINE_BREAK, '\n')
    const input = carry + text
    const suspect = input.includes('\uFFFD') || input.includes('\0')
    const parsed: ParsedText = parser.parse(input, 0, !last)
    if (last) {
      // An unclosed quote swallows everything to the end of the file, so it is always the last record.
      const unclosed = parsed.errors.some((e) => e.code === 'MissingQuotes') ? parsed.data.at(-1) : undefined
      if (!(await take(unclosed ? parsed.data.slice(0, -1) : parsed.data, suspect))) return false
      if (unclosed) throw new ImportFileError(`row ${rows + 1}, column ${unclosed.length}: a quoted field is never closed`)
      return true
    }
    carry = input.slice(parsed.meta.cursor)
    if (!(await take(parsed.data, suspect))) return false
    if (carry.length > runawayChars) checkUnfinished(carry, rows + 1)
    return true
  }

  /** Refuses an unfinished record that is already over a limit: cells, columns, or a quote left open. */
  const checkUnfinished = (record: string, row: number): void => {
    const probe: ParsedText = parser.parse(record, 0, false)
    const cells = probe.data[0] ?? []
    const open = probe.errors.some((e) => e.code === 'MissingQuotes')
    checkRecord(open ? cells.slice(0, -1) : cells, row, limits)
    if (open && (cells.at(-1)?.length ?? 0) > limits.maxCellChars) {
      throw new ImportFileError(
        `row ${row}, column ${cells.length}: a quoted field is never closed (or holds more than ${count(limits.maxCellChars)} characters)`,
      )
    }
  }

  // The hash of the bytes as they are parsed: what the import records is what it read, even if the file
  // changes meanwhile (the import then compares the file's size and time before and after).
  const hash = createHash('sha256')
  let whole = true
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    throwIfAborted(signal)
    bytes += chunk.length
    hash.update(chunk)
    // Leaving the loop early destroys the stream.
    if (!(await parse(decoder.decode(chunk, { stream: true }), false))) {
      whole = false
      break
    }
    onProgress?.(bytes, totalBytes)
  }
  if (rows < sampleRows) await parse(decoder.decode(), true)
  await deliver()
  onProgress?.(bytes, totalBytes)
  return { rows, bytes, sha256: whole ? hash.digest('hex') : null }
}

/**
 * The first cell of a record that cannot be stored as read: one with U+FFFD, which the decoder puts for
 * bytes that are not valid in the file's encoding (a stray Windows-1252 byte in a UTF-8 file), or with
 * a NUL, which no CRM writes into text and which would cut the value short in other programs.
 */
function damagedCell(cells: readonly string[]): { column: number; reason: string } | undefined {
  for (let column = 0; column < cells.length; column++) {
    const cell = cells[column] as string
    if (cell.includes('\0')) return { column, reason: 'holds a NUL character (byte 0), which is not text; the row was not imported' }
    if (cell.includes('\uFFFD')) {
      return { column, reason: "holds bytes that are not valid in the file's encoding (shown as \uFFFD); the row was not imported" }
    }
  }
  return undefined
}

function checkRecord(cells: readonly string[], row: number, limits: ReadLimits): void {
  if (cells.length > limits.maxColumns) {
    throw new ImportFileError(`row ${row} has ${count(cells.length)} columns; at most ${count(limits.maxColumns)} are allowed`)
  }
  for (let column = 0; column < cells.length; column++) {
    const length = cells[column]?.length ?? 0
    if (length > limits.maxCellChars) {
      throw new ImportFileError(
        `row ${row}, column ${column + 1}: a cell holds ${count(length)} characters; at most ${count(limits.maxCellChars)} are allowed`,
      )
    }
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  // The signal's reason can be anything; callers tell a cancel from a failure by this name.
  if (signal?.aborted) throw new DOMException('The import was cancelled', 'AbortError')
}

const count = (n: number): string => n.toLocaleString('en-US')
