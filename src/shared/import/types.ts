/**
 * Types of the import path shared by the readers (main process), the engine, the CLI and the
 * renderer's mapping screen. Plain data only: these cross worker and IPC boundaries.
 */

export const IMPORT_KINDS = ['leads', 'opportunities', 'targets', 'spend'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/** Which CRM wrote a file (drives presets); `other` is a hand-made sheet or an unknown tool. */
export const CRMS = ['salesforce', 'hubspot', 'pipedrive', 'other'] as const
export type Crm = (typeof CRMS)[number]

export const DATE_ORDERS = ['ymd', 'mdy', 'dmy'] as const
export type DateOrder = (typeof DATE_ORDERS)[number]

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const
export type Encoding = (typeof ENCODINGS)[number]

/**
 * One cell as a reader delivers it. CSV cells are always strings. XLSX cells keep their type: numbers,
 * booleans, strings, and date-formatted numbers turned into zone-less ISO text ("2022-01-31" or
 * "2022-01-31T13:45:00"); error cells (#N/A) arrive as their text. Empty cells are null.
 */
export type CellValue = string | number | boolean | null

/** A row of a file: its 1-based row number as a spreadsheet shows it, and its cells. */
export interface SourceRow {
  row: number
  cells: CellValue[]
  /** A cell the reader could not read faithfully (bytes invalid in the file's encoding, a NUL): the row is reported, not stored. */
  damaged?: { column: number; reason: string }
}

/** Where a canonical field takes its value from: a column (by 0-based index) or a fixed value. */
export type FieldSource = { column: number; header: string } | { constant: string }

/** Canonical field name -> source. Fields not in the mapping are not imported (existing values stay). */
export type Mapping = Record<string, FieldSource>

/** Limits that keep a hostile or broken file from exhausting the machine. */
export interface ReadLimits {
  /** Largest file accepted at all. */
  maxFileBytes: number
  /** Longest cell (Excel's own limit is 32,767 characters). */
  maxCellChars: number
  /** Most columns in a row. */
  maxColumns: number
  /** Most rows in a file or sheet. */
  maxRows: number
  /** Most bytes inflated from one XLSX (all parts together). */
  maxInflatedBytes: number
  /** Most entries in an XLSX zip. */
  maxZipEntries: number
  /** Highest inflated/compressed ratio of a zip entry larger than 1 MB inflated. */
  maxCompressionRatio: number
  /** Wall-clock limit of the whole parse. */
  timeoutMs: number
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxCellChars: 32_767,
  maxColumns: 1_000,
  maxRows: 5_000_000,
  maxInflatedBytes: 4 * 1024 ** 3,
  maxZipEntries: 10_000,
  maxCompressionRatio: 200,
  timeoutMs: 15 * 60_000,
}

/** One problem with one row: which row, which column, the raw value, and why. */
export interface RowProblem {
  row: number
  column: string
  value: string
  reason: string
}
