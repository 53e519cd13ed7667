import { createRowMapper, type CanonicalValue, type MapContext, type MappedRecord } from '@shared/import/map-row'
import type { ImportSettings } from '@shared/import/outcome'
import type { CellValue, RowProblem, SourceRow } from '@shared/import/types'
import type { DbValue } from '../../db/batch-writer'
import { KeyRows } from './key-rows'

/**
 * The CPU-heavy half of an import that needs no database: find the header row, check the mapping
 * against it, sort out blank and repeated-header rows, and map each row to stored column values. It
 * runs in the parse worker, next to the reader, so that parsing and mapping on one core overlap with
 * writing on the other.
 */
export interface StageJob {
  fileName: string
  settings: Pick<ImportSettings, 'kind' | 'mapping' | 'wide' | 'headerRow' | 'dateOrder' | 'decimal' | 'probabilityScale'>
  context: Pick<MapContext, 'timeZone' | 'homeCurrency' | 'fiscalYearStartMonth'>
  /** The table columns written, in order (see entities.ts). */
  columns: string[]
  /**
   * Remember each key's row here and say for each record whether its key came before in the file. Set
   * when the source system has no rows yet: the writer then needs no key lookups and no key set of its
   * own, and that work moves off the writing thread.
   */
  trackKeys?: boolean
}

/**
 * Staged rows, packed flat because passing them between threads costs per object: for each row
 * `row, tag` and then, by tag, `BLANK` nothing more, `HEADER` nothing more, `RECORDS n` followed by n
 * times `key, earlier, ...values` (one value per column; `earlier` is the row where the key last came in
 * this file, 0 for its first time, -1 when keys are not tracked), `INVALID i` with `problems[i]` holding its problems.
 */
export interface StagedBatch {
  seq: DbValue[]
  problems: RowProblem[][]
}

export const BLANK = 0
export const HEADER = 1
export const RECORDS = 2
export const INVALID = 3

/** A refusal of the file as a whole (the header row does not fit the mapping); code for AppError. */
export class StageError extends Error {
  readonly code = 'IMPORT_INVALID'
  constructor(message: string) {
    super(message)
    this.name = 'StageError'
  }
}

function isBlank(cells: readonly CellValue[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))
}

function sameAsHeader(cells: readonly CellValue[], headers: readonly string[]): boolean {
  if (headers.length === 0) return false
  return headers.every((h, i) => h === '' || String(cells[i] ?? '').trim() === h)
}

/** Reads one stored column's value from a mapped record (an amount fills amount_minor and currency). */
type ColumnReader = (values: Record<string, CanonicalValue>) => DbValue

function columnReader(col: string): ColumnReader {
  if (col === 'amount_minor' || col === 'currency') {
    const part = col === 'amount_minor' ? 'minor' : 'currency'
    return (values) => {
      const a = values['amount']
      return a && typeof a === 'object' ? a[part] : null
    }
  }
  return (values) => {
    const v = values[col]
    return v === undefined || (v !== null && typeof v === 'object') ? null : v
  }
}

/** A remembered or typed mapping must fit this file: every mapped column exists, under the same name. */
function checkHeaders(job: StageJob, headers: readonly string[]): void {
  for (const [field, src] of Object.entries(job.settings.mapping)) {
    if (!('column' in src)) continue
    if (src.column < 0 || src.column >= Math.max(headers.length, 1)) {
      throw new StageError(
        `${job.fileName}: ${field} is mapped to column ${src.column + 1}, but the header row has ${headers.length} columns.`,
      )
    }
    const actual = headers[src.column] ?? ''
    if (src.header && actual !== src.header) {
      throw new StageError(
        `${job.fileName}: ${field} is mapped to the column "${src.header}", but column ${src.column + 1} is "${actual}"; check the header row and mapping.`,
      )
    }
  }
}

export class RowStage {
  headers: string[] | null = null
  private mapRow: ((row: SourceRow) => { records: MappedRecord[]; problems: RowProblem[] }) | null = null
  private readonly readers: ColumnReader[]
  /** Keys met so far and the row each last came in (when tracking keys). */
  private readonly keys: KeyRows | null

  constructor(private readonly job: StageJob) {
    this.readers = job.columns.map(columnReader)
    this.keys = job.trackKeys ? new KeyRows() : null
  }

  /** The row where `key` last came (0: never), remembering this one; -1 when keys are not tracked. */
  private earlier(key: string, row: number): number {
    return this.keys === null ? -1 : this.keys.exchange(key, row)
  }

  accept(rows: readonly SourceRow[]): StagedBatch {
    const { headerRow } = this.job.settings
    const seq: DbValue[] = []
    const problems: RowProblem[][] = []
    for (const r of rows) {
      if (r.row < headerRow) continue
      if (this.headers === null) {
        if (r.row > headerRow) throw new StageError(`${this.job.fileName}: row ${headerRow}, the header row, is empty.`)
        this.headers = r.cells.map((c) => (c === null ? '' : String(c).trim()))
        checkHeaders(this.job, this.headers)
        this.mapRow = createRowMapper({ ...this.job.settings, ...this.job.context, headers: this.headers })
        continue
      }
      if (r.damaged) {
        const { column, reason } = r.damaged
        const value = String(r.cells[column] ?? '').replace(/\0/g, '\\0')
        seq.push(r.row, INVALID, problems.length)
        problems.push([{ row: r.row, column: this.headers[column] || `column ${column + 1}`, value, reason }])
      } else if (isBlank(r.cells)) seq.push(r.row, BLANK)
      else if (sameAsHeader(r.cells, this.headers)) seq.push(r.row, HEADER)
      else {
        const mapped = (this.mapRow as NonNullable<typeof this.mapRow>)(r)
        if (mapped.problems.length > 0) {
          seq.push(r.row, INVALID, problems.length)
          problems.push(mapped.problems)
          continue
        }
        seq.push(r.row, RECORDS, mapped.records.length)
        for (const rec of mapped.records) {
          seq.push(rec.key, this.earlier(rec.key, r.row))
          for (const read of this.readers) seq.push(read(rec.values))
        }
      }
    }
    return { seq, problems }
  }
}
