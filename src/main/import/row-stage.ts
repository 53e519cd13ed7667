import { createRowMapper, type CanonicalValue, type MapContext, type MappedRecord } from '@shared/import/map-row'
import type { ImportSettings } from '@shared/import/outcome'
import type { CellValue, RowProblem, SourceRow } from '@shared/import/types'
import type { DbValue } from './writer'

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
}

/**
 * Staged rows, packed flat because passing them between threads costs per object: for each row
 * `row, tag` and then, by tag, `BLANK` nothing more, `HEADER` nothing more, `RECORDS n` followed by n
 * times `key, ...values` (one value per column), `INVALID i` with `problems[i]` holding its problems.
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

/** Stored values of one mapped record, in column order (an amount fills amount_minor and currency). */
export function dbValues(columns: readonly string[], record: MappedRecord): DbValue[] {
  return columns.map((col) => {
    if (col === 'amount_minor' || col === 'currency') {
      const a = record.values['amount'] as CanonicalValue
      if (!a || typeof a !== 'object') return null
      return col === 'amount_minor' ? a.minor : a.currency
    }
    const v = record.values[col]
    return v === undefined || (v !== null && typeof v === 'object') ? null : v
  })
}

/** A remembered or typed mapping must fit this file: every mapped column exists, under the same name. */
function checkHeaders(job: StageJob, headers: readonly string[]): void {
  for (const [field, src] of Object.entries(job.settings.mapping)) {
    if (!('column' in src)) continue
    if (src.column < 0 || src.column >= Math.max(headers.length, 1)) {
      throw new StageError(`${job.fileName}: ${field} is mapped to column ${src.column + 1}, but the header row has ${headers.length} columns.`)
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

  constructor(private readonly job: StageJob) {}

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
      if (isBlank(r.cells)) seq.push(r.row, BLANK)
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
          seq.push(rec.key)
          for (const v of dbValues(this.job.columns, rec)) seq.push(v)
        }
      }
    }
    return { seq, problems }
  }
}
