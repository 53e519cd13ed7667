import type { Database, Statement } from 'better-sqlite3'
import type { ImportKind, RowProblem } from '@shared/import/types'
import type { BatchFile, BatchSummary, ProblemKind } from '@shared/import/outcome'

export interface NewBatch extends BatchFile {
  /** The import settings as JSON. */
  options: string
}

export interface BatchCounts {
  rowsRead: number
  new: number
  changed: number
  unchanged: number
  invalid: number
  duplicates: number
}

export function insertBatch(db: Database, b: NewBatch): number {
  return Number(
    db
      .prepare(
        `INSERT INTO import_batches (kind, source_system, file_name, file_path, file_hash, file_size, format, sheet, options,
           started_at, committed_at, rows_read, new_count, changed_count, unchanged_count, invalid_count, duplicate_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0)`,
      )
      .run(b.kind, b.sourceSystem, b.fileName, b.filePath, b.fileHash, b.fileSize, b.format, b.sheet, b.options, b.startedAt, b.startedAt)
      .lastInsertRowid,
  )
}

export function finishBatch(db: Database, id: number, c: BatchCounts, fileHash: string, committedAt: string): void {
  db.prepare(
    `UPDATE import_batches SET rows_read = ?, new_count = ?, changed_count = ?, unchanged_count = ?, invalid_count = ?,
       duplicate_count = ?, file_hash = ?, committed_at = ? WHERE id = ?`,
  ).run(c.rowsRead, c.new, c.changed, c.unchanged, c.invalid, c.duplicates, fileHash, committedAt, id)
}

/** Appends problems of a batch; `seq` continues from what is stored. */
export function problemWriter(db: Database, batchId: number): (kind: ProblemKind, p: RowProblem) => void {
  const stmt = db.prepare('INSERT INTO import_problems (batch_id, seq, kind, row, "column", value, reason) VALUES (?, ?, ?, ?, ?, ?, ?)')
  let seq = 0
  return (kind, p) => {
    stmt.run(batchId, ++seq, kind, p.row, p.column, p.value, p.reason)
  }
}

interface BatchRow {
  id: number
  kind: ImportKind
  source_system: string
  file_name: string
  file_path: string
  file_hash: string
  file_size: number
  format: 'csv' | 'xlsx'
  sheet: string | null
  options: string
  started_at: string
  committed_at: string
  rows_read: number
  new_count: number
  changed_count: number
  unchanged_count: number
  invalid_count: number
  duplicate_count: number
  undone_at: string | null
}

function toSummary(r: BatchRow): BatchSummary {
  return {
    id: r.id,
    kind: r.kind,
    sourceSystem: r.source_system,
    fileName: r.file_name,
    fileHash: r.file_hash,
    fileSize: r.file_size,
    format: r.format,
    sheet: r.sheet,
    options: JSON.parse(r.options) as BatchSummary['options'],
    startedAt: r.started_at,
    committedAt: r.committed_at,
    rowsRead: r.rows_read,
    new: r.new_count,
    changed: r.changed_count,
    unchanged: r.unchanged_count,
    invalid: r.invalid_count,
    duplicates: r.duplicate_count,
    undoneAt: r.undone_at,
  }
}

export function listBatches(db: Database, limit = 500): BatchSummary[] {
  return (db.prepare('SELECT * FROM import_batches ORDER BY id DESC LIMIT ?').all(limit) as BatchRow[]).map(toSummary)
}

export function getBatch(db: Database, id: number): BatchSummary | undefined {
  const row = db.prepare('SELECT * FROM import_batches WHERE id = ?').get(id) as BatchRow | undefined
  return row ? toSummary(row) : undefined
}

export function markUndone(db: Database, id: number, at: string): void {
  db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(at, id)
}

export function batchProblems(
  db: Database,
  batchId: number,
  offset: number,
  limit: number,
): { total: number; items: (RowProblem & { kind: ProblemKind })[] } {
  const total = (db.prepare('SELECT count(*) AS n FROM import_problems WHERE batch_id = ?').get(batchId) as { n: number }).n
  const items = db
    .prepare('SELECT kind, row, "column", value, reason FROM import_problems WHERE batch_id = ? ORDER BY seq LIMIT ? OFFSET ?')
    .all(batchId, limit, offset) as (RowProblem & { kind: ProblemKind })[]
  return { total, items }
}

/** Every problem of a batch, in order, without loading them all at once (for the CSV export). */
export function* iterateProblems(db: Database, batchId: number): Generator<RowProblem & { kind: ProblemKind }> {
  const stmt: Statement = db.prepare('SELECT kind, row, "column", value, reason FROM import_problems WHERE batch_id = ? ORDER BY seq')
  yield* stmt.iterate(batchId) as Iterable<RowProblem & { kind: ProblemKind }>
}

export function savedMapping(db: Database, signature: string): { kind: ImportKind; options: string } | undefined {
  return db.prepare('SELECT kind, options FROM saved_mappings WHERE signature = ?').get(signature) as
    { kind: ImportKind; options: string } | undefined
}

export function saveMapping(db: Database, signature: string, kind: ImportKind, options: string, at: string): void {
  db.prepare(
    `INSERT INTO saved_mappings (signature, kind, options, used_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (signature) DO UPDATE SET kind = excluded.kind, options = excluded.options, used_at = excluded.used_at`,
  ).run(signature, kind, options, at)
}
