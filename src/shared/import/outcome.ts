import type { Crm, DateOrder, Encoding, ImportKind, Mapping, RowProblem, SourceRow } from './types'

/** Problems a preview or batch lists: invalid rows, and earlier rows replaced by a later one with the same id. */
export type ProblemKind = 'invalid' | 'duplicate'
export type ListedProblem = RowProblem & { kind: ProblemKind }

/** A sheet with one column per month (a budget plan): each cell of a period column is one target. */
export interface WideSpec {
  /** The column whose text names the row (a segment such as "Furniture"), or null for none. */
  labelColumn: number | null
  periodColumns: { column: number; period: string }[]
}

/** Everything that says how to read a file; stored with each batch and remembered per header layout. */
export interface ImportSettings {
  kind: ImportKind
  sourceSystem: string
  sheet: string | null
  /** 1-based row of the header; rows above it (titles) are not data. */
  headerRow: number
  dateOrder: DateOrder
  /** Decimal separator of amounts in this file. */
  decimal: '.' | ','
  /** Whether probabilities are written as fractions (0.6) or percentages (60). */
  probabilityScale: 'fraction' | 'percent'
  mapping: Mapping
  wide: WideSpec | null
}

export interface ImportRequest extends ImportSettings {
  path: string
}

export interface ExampleRecord {
  row: number
  key: string
  values: Record<string, string | number | null>
}

export interface ChangedRecord {
  row: number
  key: string
  changes: { field: string; before: string | number | null; after: string | number | null }[]
}

export interface ImportOutcome {
  mode: 'preview' | 'commit'
  /** The batch written (commit), or null (preview, dry run). */
  batchId: number | null
  kind: ImportKind
  sourceSystem: string
  fileName: string
  fileHash: string
  /** Data rows read (below the header row). */
  rowsRead: number
  new: number
  changed: number
  unchanged: number
  invalid: number
  duplicates: number
  /** Blank rows after the last data row, ignored (blank rows between data rows are invalid). */
  trailingBlankRows: number
  /** The first problems (invalid rows and replaced duplicates); `problemsTotal` counts them all. */
  problems: ListedProblem[]
  problemsTotal: number
  examples: { new: ExampleRecord[]; changed: ChangedRecord[]; unchanged: ExampleRecord[] }
  /** The verified backup made before a commit, when the workspace held data. */
  backup: string | null
  durationMs: number
  /**
   * Rows written without a field the metrics need (METRIC_NEEDS), per field, with the file's column
   * that most likely holds it (null when none looks like it). Only fields some rows lack.
   */
  missingFields: MissingField[]
}

export interface MissingField {
  field: string
  what: string
  rows: number
  /** Whether the field was mapped at all (false: every row lacks it). */
  mapped: boolean
  likelyColumn: string | null
}

export interface ImportProgress {
  jobId: string
  phase: 'reading' | 'finishing'
  rows: number
  bytes: number
  totalBytes: number
  rowsPerSecond: number
}

export interface FileInspection {
  fileName: string
  sizeBytes: number
  format: 'csv' | 'xlsx'
  encoding: Encoding | null
  delimiter: string | null
  sheets: { name: string; state: 'visible' | 'hidden' | 'veryHidden' }[]
  /** The first rows of the sheet as they are, for choosing the header row. */
  topRows: SourceRow[]
  headers: string[]
  /** Data rows right below the header, for the live preview of the mapping. */
  sample: SourceRow[]
  detected: { kind: ImportKind; crm: Crm; confidence: 'high' | 'medium' | 'low'; reasons: string[] }
  /** The proposed settings: remembered for this header layout, or detected. */
  settings: ImportSettings
  remembered: boolean
  /** Whether the date order could not be told from the sample; the user must choose. */
  dateOrderAmbiguous: boolean
  dateExamples: string[]
}

/** Which file a batch came from and what it was read as; shared by the stored row and its summary. */
export interface BatchFile {
  kind: ImportKind
  sourceSystem: string
  fileName: string
  filePath: string
  fileHash: string
  fileSize: number
  format: 'csv' | 'xlsx'
  sheet: string | null
  startedAt: string
}

/** A batch as the history lists it: the source file's name, never its folder (issue 17). */
export interface BatchSummary extends Omit<BatchFile, 'filePath'> {
  id: number
  options: ImportSettings
  committedAt: string
  rowsRead: number
  new: number
  changed: number
  unchanged: number
  invalid: number
  duplicates: number
  undoneAt: string | null
}

export interface UndoOutcome {
  batchId: number
  removed: number
  restored: number
}

/** One line for a field rows lack: "1,307 of 1,307 rows have no hand-off date (not mapped); the likely column is CreatedDate__c." */
export function missingFieldLine(m: MissingField, rowsRead: number): string {
  const rows = `${m.rows.toLocaleString('en-US')} of ${rowsRead.toLocaleString('en-US')} rows have no ${m.what}`
  const why = m.mapped ? '' : ' (no column is mapped to it)'
  const fix = m.likelyColumn === null ? '' : `; the likely column is "${m.likelyColumn}" (map it as ${m.field})`
  return `${rows}${why}${fix}.`
}
