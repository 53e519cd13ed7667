import type { CellValue, SourceRow } from '@shared/import/types'
import type { SharedStrings } from './shared-strings'

/**
 * Rows as they cross from the parse worker to the thread that imports them: every cell in one flat
 * array, with the rows' numbers and ends beside it in typed arrays (moved, not copied). Copying a
 * message costs per value, and an object with a cell array per row is three values more than its cells:
 * this halves what the worker spends sending an XLSX import's rows (measured: 100,000 rows of 14 cells,
 * 95 ms as objects, 48 ms flat), and the worker is the slowest thread of an XLSX import.
 */
export interface PackedRows {
  numbers: Int32Array
  /** Where each row's cells end in `cells` (the next row's start). */
  ends: Int32Array
  /**
   * Without `refs`, every cell, row after row. With `refs`, only the cells that cross as values, in
   * order: the others are remembered strings or empty.
   */
  cells: CellValue[]
  /** Per cell, how it crosses when a workbook's repeated strings are sent once (see SharedStringSender); absent for a CSV. */
  refs?: Int32Array
}

/**
 * A sheet's rows as the XLSX reader packs them: a cell holding a shared string has null in `cells` and
 * the string's index + 1 in `shared` (0 for every other cell).
 */
export interface SheetRows {
  numbers: Int32Array
  ends: Int32Array
  cells: CellValue[]
  shared: Int32Array
}

export function packRows(rows: readonly SourceRow[]): PackedRows {
  const numbers = new Int32Array(rows.length)
  const ends = new Int32Array(rows.length)
  const cells: CellValue[] = []
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as SourceRow
    numbers[i] = row.row
    for (const cell of row.cells) cells.push(cell)
    ends[i] = cells.length
  }
  return { numbers, ends, cells }
}

/** Rows without shared strings (a CSV's). */
export function unpackRows(p: PackedRows): SourceRow[] {
  return new StringDictionary().unpack(p)
}

/** The buffers to move with a message instead of copying them. */
export function transferList(p: PackedRows): ArrayBuffer[] {
  const list = [p.numbers.buffer as ArrayBuffer, p.ends.buffer as ArrayBuffer]
  if (p.refs) list.push(p.refs.buffer as ArrayBuffer)
  return list
}

/** Collects a sheet's rows cell by cell into the packed form, for the XLSX reader. */
export class SheetRowsBuilder {
  private numbers: number[] = []
  private ends: number[] = []
  private cells: CellValue[] = []
  private shared: number[] = []
  /** Where the row being read starts in `cells`, while one is (between beginRow and endRow). */
  private start = 0
  private open = false

  get rows(): number {
    return this.numbers.length
  }

  beginRow(): void {
    this.start = this.cells.length
    this.open = true
  }

  /** Sets column `col` of the current row: `value`, or shared string `index` when it is 0 or more. */
  put(col: number, value: CellValue, index: number): void {
    const cells = this.cells
    const shared = this.shared
    const at = this.start + col
    if (at > cells.length) {
      // Pushing keeps the arrays packed; assigning past the end would leave holes (undefined).
      while (cells.length < at) {
        cells.push(null)
        shared.push(0)
      }
    }
    if (at === cells.length) {
      cells.push(value)
      shared.push(index + 1)
    } else {
      cells[at] = value
      shared[at] = index + 1
    }
  }

  endRow(row: number): void {
    this.numbers.push(row)
    this.ends.push(this.cells.length)
    this.open = false
  }

  /** Forgets the current row's cells (a row past the rows wanted). */
  dropRow(): void {
    this.cells.length = this.start
    this.shared.length = this.start
    this.open = false
  }

  /**
   * The rows completed so far, packed. A row still being read (a chunk of XML can end inside one)
   * keeps its cells here for the next batch.
   */
  take(): SheetRows {
    const cells = this.open ? this.cells.splice(this.start) : []
    const shared = this.open ? this.shared.splice(this.start) : []
    const out: SheetRows = {
      numbers: Int32Array.from(this.numbers),
      ends: Int32Array.from(this.ends),
      cells: this.cells,
      shared: Int32Array.from(this.shared),
    }
    this.numbers = []
    this.ends = []
    this.cells = cells
    this.shared = shared
    this.start = 0
    return out
  }
}

/** Sheet rows as rows, each shared string taken from `strings` (the workbook's table). */
export function sheetRowsToRows(p: SheetRows, strings: SharedStrings): SourceRow[] {
  const { numbers, ends, cells, shared } = p
  const rows: SourceRow[] = new Array<SourceRow>(numbers.length)
  let start = 0
  for (let i = 0; i < numbers.length; i++) {
    const end = ends[i] as number
    const row: CellValue[] = cells.slice(start, end)
    for (let c = start; c < end; c++) {
      const s = shared[c] as number
      if (s !== 0) row[c - start] = strings.get(s - 1) ?? null
    }
    rows[i] = { row: numbers[i] as number, cells: row }
    start = end
  }
  return rows
}

/** How a cell crosses (PackedRows.refs); a positive ref is a remembered string's number + 1. */
export const VALUE = 0
export const REMEMBER = -1
export const EMPTY = -2

/**
 * Sends a workbook's shared strings across once each where they repeat. Most cells of an export hold
 * shared strings, and most of those repeat (stages, owners, accounts, days): sending each as text made
 * the worker copy, and the importing thread allocate, ~1.1 million strings per 100,000 rows. A shared
 * string goes as text the first time it is used (ids and names, used once, always do); the second time
 * as text to remember, under the next number; from then on as that number. `refs` says for each cell:
 * VALUE (the next of `cells`), REMEMBER (the next of `cells`, remembered under the next number), EMPTY
 * (null), or k + 1 (remembered string k). Only values cross in `cells`: a copied message costs per
 * element, and most cells of an export are repeated strings (~11 of the bench's 14 per row).
 * The receiver thus only holds the strings that repeat. Batches must be decoded in the order they were
 * encoded, by one StringDictionary.
 */
export class SharedStringSender {
  /** Per shared string: 0 never sent, -1 sent once as text, k + 1 remembered as k. */
  private readonly state: Int32Array
  private next = 0

  constructor(private readonly strings: SharedStrings) {
    this.state = new Int32Array(strings.length)
  }

  encode(p: SheetRows): PackedRows {
    const { cells, shared } = p
    const state = this.state
    const values: CellValue[] = []
    const refs = shared // reused: each position is rewritten from a string index to a ref
    for (let c = 0; c < shared.length; c++) {
      const s = shared[c] as number
      if (s === 0) {
        const value = cells[c] as CellValue
        if (value === null) refs[c] = EMPTY
        else {
          refs[c] = VALUE
          values.push(value)
        }
        continue
      }
      const index = s - 1
      const st = state[index] as number
      if (st > 0) {
        refs[c] = st
      } else {
        values.push(this.strings.get(index) ?? null)
        if (st === 0) {
          state[index] = -1
          refs[c] = VALUE
        } else {
          state[index] = ++this.next
          refs[c] = REMEMBER
        }
      }
    }
    return { numbers: p.numbers, ends: p.ends, cells: values, refs }
  }
}

/** The receiving side of SharedStringSender: turns packed rows back into rows. */
export class StringDictionary {
  private readonly remembered: (string | null)[] = []

  unpack({ numbers, ends, cells, refs }: PackedRows): SourceRow[] {
    const rows: SourceRow[] = new Array<SourceRow>(numbers.length)
    let start = 0
    let next = 0
    for (let i = 0; i < numbers.length; i++) {
      const end = ends[i] as number
      let row: CellValue[]
      if (refs) {
        row = [] // pushed: a packed array, as `slice` makes
        for (let c = start; c < end; c++) {
          const r = refs[c] as number
          let value: CellValue
          if (r > 0) value = this.remembered[r - 1] ?? null
          else if (r === EMPTY) value = null
          else {
            value = cells[next++] as CellValue
            if (r === REMEMBER) this.remembered.push(value as string | null)
          }
          row.push(value)
        }
      } else row = cells.slice(start, end)
      rows[i] = { row: numbers[i] as number, cells: row }
      start = end
    }
    return rows
  }
}
