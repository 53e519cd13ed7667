import type { Database } from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { basename } from 'node:path'
import { formatMinorUnits } from '@shared/import/values'
import { headerSignature } from '@shared/import/detect'
import { fieldsOf } from '@shared/import/fields'
import type { ImportOutcome, ImportRequest, ImportSettings, ListedProblem } from '@shared/import/outcome'
import { DEFAULT_LIMITS, type ReadLimits } from '@shared/import/types'
import type { Settings } from '@shared/settings'
import { AppError, oneLine } from '../errors'
import { createBackup } from '../db/backup'
import { hasImportedData } from '../db/repos/meta'
import { finishBatch, insertBatch, problemWriter, saveMapping } from '../db/repos/imports'
import { DATA_TABLES } from '../services/workspace'
import { ENTITIES, columnsFor } from './entities'
import { CancelledError, startRead, type ReadSession } from './read-in-worker'
import { sniffFile, type Sniffed } from './sniff'
import { ImportFileError } from './file-error'
import { BatchWriter, type DbValue } from './writer'
import { BLANK, HEADER, INVALID, RowStage, StageError, type StagedBatch, type StageJob } from './row-stage'

/** How many problems an outcome carries; all of them are stored with a committed batch. */
export const LISTED_PROBLEMS = 500
/** How many problems a preview keeps in memory for "save invalid rows as CSV". */
export const KEPT_PROBLEMS = 200_000

export interface RunOptions {
  mode: 'preview' | 'commit'
  settings: Settings
  signal?: AbortSignal
  onProgress?: (p: { phase: 'reading' | 'finishing'; rows: number; bytes: number; totalBytes: number; rowsPerSecond: number }) => void
  limits?: ReadLimits
  now?: () => Date
  /** Receives every problem (not only the listed first ones), e.g. to keep a preview's for export. */
  onProblem?: (p: ListedProblem) => void
}

/** Sniffs a file, turning a refusal into a one-line IMPORT_REFUSED error that names the file. */
export async function sniffOrRefuse(path: string, limits: ReadLimits): Promise<Sniffed> {
  try {
    return await sniffFile(path, limits)
  } catch (e) {
    if (e instanceof ImportFileError) throw new AppError('IMPORT_REFUSED', `${basename(path)}: ${e.message}`)
    const code = (e as { code?: string }).code
    if (code === 'ENOENT') throw new AppError('IMPORT_REFUSED', `${basename(path)}: the file is not there any more.`)
    throw new AppError('IMPORT_REFUSED', `${basename(path)}: could not be read (${oneLine(e)}).`)
  }
}

export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (c) => hash.update(c))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject)
  })
}

/** Checks that a mapping covers what the kind requires, before anything is read. */
export function checkRequest(req: ImportSettings): void {
  const required = fieldsOf(req.kind).filter((f) => f.required)
  const missing = required.filter((f) => !(f.name in req.mapping) && !(req.wide && (f.name === 'period' || f.name === 'amount')))
  if (missing.length > 0) {
    throw new AppError(
      'IMPORT_INVALID',
      `Map ${missing.map((f) => `${f.label} (${f.name})`).join(' and ')} to a column first: ${req.kind} need ${missing.length > 1 ? 'them' : 'it'}.`,
    )
  }
  const known = new Set(fieldsOf(req.kind).map((f) => f.name))
  const unknown = Object.keys(req.mapping).filter((k) => !known.has(k))
  if (unknown.length > 0) throw new AppError('IMPORT_INVALID', `${req.kind} have no field ${unknown.map((u) => `"${u}"`).join(', ')}.`)
  if (!Number.isInteger(req.headerRow) || req.headerRow < 1) throw new AppError('IMPORT_INVALID', 'The header row must be 1 or more.')
}

/**
 * Imports one file into the workspace, or previews what importing it would change. Both run the very
 * same code inside one transaction; a preview rolls it back, a commit keeps it. So the preview shows
 * exactly what a commit will do, and a failure, a cancel or a killed process leaves the workspace as
 * it was. A commit into a workspace that holds data is preceded by a verified backup.
 */
export async function runImport(
  ws: { db: Database; path: string },
  req: ImportRequest,
  opts: RunOptions,
  /** A read already started by `startSampling` for this file (and paused after its sample), to resume. */
  sampled?: { sniffed: Sniffed; session: ReadSession },
): Promise<ImportOutcome> {
  try {
    return await importFile(ws, req, opts, sampled)
  } finally {
    // A read that was handed over but never resumed (a refusal before reading) must not linger.
    sampled?.session.cancel()
  }
}

async function importFile(
  ws: { db: Database; path: string },
  req: ImportRequest,
  opts: RunOptions,
  sampled: { sniffed: Sniffed; session: ReadSession } | undefined,
): Promise<ImportOutcome> {
  const { db } = ws
  const started = Date.now()
  const now = opts.now ?? (() => new Date())
  const limits = opts.limits ?? DEFAULT_LIMITS
  const fileName = basename(req.path)
  checkRequest(req)
  const sniffed = sampled?.sniffed ?? (await sniffOrRefuse(req.path, limits))
  if (sniffed.format === 'xlsx' && req.sheet === null) throw new AppError('IMPORT_INVALID', `${fileName}: choose the sheet to import.`)
  const fileSize = statSync(req.path).size
  const hashing = hashFile(req.path)
  hashing.catch(() => undefined)

  let backup: string | null = null
  if (opts.mode === 'commit' && hasImportedData(db, DATA_TABLES)) {
    backup = (await createBackup(db, ws.path, 'import', now())).file
  }
  if (opts.signal?.aborted) throw new CancelledError()

  const entity = ENTITIES[req.kind]
  // Targets always write their whole key (team and segment default to joint / whole business).
  const mappedFields = [...Object.keys(req.mapping), ...(req.wide ? ['period', 'amount'] : []), ...(req.kind === 'targets' ? ['team', 'segment'] : [])]
  const columns = columnsFor(req.kind, mappedFields)
  const keyLabel = keyLabelOf(req)
  const { path: _path, ...stored } = req

  const tuning = tuneForBulkLoad(db, entity.table, sniffed.format, estimatedRows(sniffed.format, fileSize))
  try {
    db.exec('BEGIN IMMEDIATE')
  } catch (e) {
    tuning.restore()
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      throw new AppError('BUSY', 'The workspace is busy with another import or program; try again when it has finished.')
    }
    throw e
  }
  try {
    const batchId = insertBatch(db, {
      kind: req.kind,
      sourceSystem: req.sourceSystem,
      fileName,
      filePath: req.path,
      fileHash: '',
      fileSize,
      format: sniffed.format,
      sheet: req.sheet,
      options: JSON.stringify(stored satisfies ImportSettings),
      startedAt: now().toISOString(),
    })
    const writeProblem = problemWriter(db, batchId)
    const listed: ListedProblem[] = []
    let problemsTotal = 0
    let invalidRows = 0
    const report = (p: ListedProblem): void => {
      problemsTotal++
      if (listed.length < LISTED_PROBLEMS) listed.push(p)
      writeProblem(p.kind, p)
      opts.onProblem?.(p)
    }
    const droppedIndexes = tuning.dropIndexes()
    // A source system with no rows yet needs no lookup per row: every key is new unless it repeats in
    // the file. Asked inside the transaction, so no other connection can add rows of it meanwhile.
    const freshSource = db.prepare(`SELECT 1 FROM "${entity.table}" WHERE source_system = ? LIMIT 1`).get(req.sourceSystem) === undefined
    const writer = new BatchWriter(db, entity.table, batchId, req.sourceSystem, columns, report, describer(columns), { freshSource })

    let headers: string[] | null = null
    let blanks: number[] = []
    let rowsRead = 0
    let bytes = 0
    let totalBytes = fileSize
    let lastTick = 0

    const progress = (phase: 'reading' | 'finishing'): void => {
      const elapsed = Math.max(1, Date.now() - started) / 1000
      opts.onProgress?.({ phase, rows: rowsRead, bytes, totalBytes, rowsPerSecond: Math.round(rowsRead / elapsed) })
    }
    const invalid = (row: number, reason: string): void => {
      invalidRows++
      report({ kind: 'invalid', row, column: '', value: '', reason })
    }

    // Rows arrive mapped from the parse worker (row-stage.ts, packed flat); here they are only written.
    const width = columns.length
    const onStaged = ({ seq, problems }: StagedBatch, headerCells: string[] | null): void => {
      headers ??= headerCells
      let i = 0
      while (i < seq.length) {
        const row = seq[i] as number
        const tag = seq[i + 1] as number
        i += 2
        rowsRead++
        if (tag === BLANK) {
          blanks.push(row)
          continue
        }
        for (const b of blanks) invalid(b, 'blank row between data rows')
        blanks = []
        if (tag === HEADER) invalid(row, 'repeats the header row')
        else if (tag === INVALID) {
          invalidRows++
          for (const p of problems[seq[i++] as number] ?? []) report({ kind: 'invalid', ...p })
        } else {
          const n = seq[i++] as number
          for (let r = 0; r < n; r++) {
            writer.writeFrom(row, seq[i] as string, seq[i + 1] as number, seq, i + 2, keyLabel)
            i += 2 + width
          }
        }
      }
      if (Date.now() - lastTick > 200) {
        lastTick = Date.now()
        progress('reading')
      }
    }

    // Mapping runs where it balances the load: a CSV parses fast, so the parse worker also maps and this
    // thread only writes; an XLSX is slow to read, so this thread maps while the worker reads.
    const stage: StageJob = {
      fileName,
      settings: req,
      context: { timeZone: opts.settings.timezone, homeCurrency: opts.settings.currency, fiscalYearStartMonth: opts.settings.fiscalYearStartMonth },
      columns,
      trackKeys: freshSource,
    }
    const localStage = sniffed.format === 'xlsx' ? new RowStage(stage) : null
    const workerStage = localStage ? undefined : stage
    const session =
      sampled?.session ?? startRead({ path: req.path, sniffed, sheet: req.sheet, limits, ...(workerStage ? { stage: workerStage } : {}) }, opts.signal)
    if (sampled) opts.signal?.addEventListener('abort', () => sampled.session.cancel())
    const read = await session.resume(
      {
        onStaged,
        onRows: (rows) => {
          const staged = (localStage as RowStage).accept(rows)
          onStaged(staged, (localStage as RowStage).headers)
        },
        onProgress: (b, t) => {
          bytes = b
          totalBytes = t
        },
      },
      sampled ? workerStage : undefined,
    )
    headers ??= read.headers ?? localStage?.headers ?? null
    if (headers === null) throw new AppError('IMPORT_INVALID', `${fileName}: there is no row ${req.headerRow} to use as the header row.`)
    const trailingBlankRows = blanks.length
    rowsRead -= trailingBlankRows
    if (rowsRead === 0) throw new AppError('IMPORT_INVALID', `${fileName}: there are no data rows below the header row (row ${req.headerRow}).`)
    progress('finishing')

    writer.flush()
    tuning.rebuildIndexes(droppedIndexes)
    const fileHash = await hashing
    const counts = { rowsRead, ...writer.counts, invalid: invalidRows }
    finishBatch(db, batchId, counts, fileHash, now().toISOString())
    if (opts.mode === 'commit') {
      saveMapping(db, headerSignature(headers), req.kind, JSON.stringify(stored), now().toISOString())
      db.exec('COMMIT')
    } else db.exec('ROLLBACK')

    return {
      mode: opts.mode,
      batchId: opts.mode === 'commit' ? batchId : null,
      kind: req.kind,
      sourceSystem: req.sourceSystem,
      fileName,
      fileHash,
      rowsRead,
      new: writer.counts.new,
      changed: writer.counts.changed,
      unchanged: writer.counts.unchanged,
      invalid: invalidRows,
      duplicates: writer.counts.duplicates,
      trailingBlankRows,
      problems: listed,
      problemsTotal,
      examples: writer.examples,
      backup,
      durationMs: Date.now() - started,
    }
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    if (e instanceof StageError) throw new AppError('IMPORT_INVALID', e.message)
    throw e
  } finally {
    tuning.restore()
  }
}

/**
 * Settings that make a large load several times faster, all undone when the import ends:
 * - a bigger page cache for the transaction's index pages;
 * - foreign keys unchecked: every row references the batch inserted in the same transaction;
 * - for a CSV file that is large next to the table, the table's secondary indexes are dropped inside the
 *   transaction and rebuilt at its end (one sort instead of a B-tree insert per row; PITFALLS: 12 s vs
 *   5.5 s + 1.5 s at a million rows). A rollback brings them back untouched. Not for an XLSX file: its
 *   reader is the slowest thread by far, so the writing thread keeps the indexes up to date while it
 *   waits for rows, and nothing is left to do after the last row (bench: 100,000 rows 2.1 s instead of
 *   2.4 s, 1M rows 18.3 s instead of 21.4 s);
 * - a bulk load on the only connection to the workspace (the CLI) runs with a rollback journal instead
 *   of the WAL: each page is then written once, not into the WAL and again into the file at the
 *   checkpoint (1M rows: commit 0.15 s instead of 1.3 s, and the inserts and index builds faster too).
 *   The commit is as atomic and durable (synchronous stays FULL; a killed import leaves a journal that
 *   the next open rolls back). When anything else has the workspace open, such as the app, whose
 *   imports run on a connection of their own, SQLite keeps the WAL and the load runs as before.
 */
function tuneForBulkLoad(db: Database, table: string, format: 'csv' | 'xlsx', fileRows: number) {
  const cache = db.pragma('cache_size', { simple: true }) as number
  const fk = db.pragma('foreign_keys', { simple: true }) as number
  db.pragma(`cache_size = ${LOAD_CACHE}`)
  db.pragma('foreign_keys = OFF')
  const rows = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
  const bulk = fileRows >= BULK_ROWS && fileRows >= rows / 2
  const journal = db.pragma('journal_mode', { simple: true }) as string
  const ownJournal = bulk && journal === 'wal' && leaveWal(db)
  return {
    /** Drops the secondary indexes (inside the transaction) when a CSV load is bulk; returns their SQL. */
    dropIndexes(): string[] {
      if (!bulk || format !== 'csv') return []
      const indexes = db
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
        .all(table) as { name: string; sql: string }[]
      for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`)
      return indexes.map((i) => i.sql)
    },
    /**
     * Builds the dropped indexes again. SQLite sorts an index's entries on helper threads when they
     * overflow the page cache, so the cache is made small for it and the reader's core (idle by now)
     * sorts too: 0.7 s instead of 1.4 s for the six-column index at 1M rows (bench: import).
     */
    rebuildIndexes(sqls: readonly string[]): void {
      if (sqls.length === 0) return
      const threads = db.pragma('threads', { simple: true }) as number
      db.pragma(`threads = ${Math.min(4, availableParallelism())}`)
      db.pragma(`cache_size = ${SORT_CACHE}`)
      try {
        for (const sql of sqls) db.exec(sql)
      } finally {
        db.pragma(`threads = ${threads}`)
        db.pragma(`cache_size = ${LOAD_CACHE}`)
      }
    },
    restore(): void {
      db.pragma(`cache_size = ${cache}`)
      db.pragma(`foreign_keys = ${fk}`)
      if (ownJournal) {
        try {
          db.pragma('journal_mode = WAL')
        } catch {
          // Someone opened the workspace meanwhile and is reading it: it stays in rollback mode until
          // the next open, which sets the WAL again (connection.ts). Nothing is lost either way.
        }
      }
    },
  }
}

/** Switches to a rollback journal if this is the only connection using the workspace (else: false). */
function leaveWal(db: Database): boolean {
  try {
    return db.pragma('journal_mode = DELETE', { simple: true }) === 'delete'
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return false
    throw e
  }
}

/** The page cache during a load (64 MiB, in KiB as `PRAGMA cache_size` takes it). */
const LOAD_CACHE = -65536
/** The page cache while indexes are rebuilt (KiB, as `PRAGMA cache_size` takes it): the sorter's run size. */
const SORT_CACHE = -8192

/** From this many rows (and half the table) a load rebuilds the table's indexes instead of updating them. */
const BULK_ROWS = 50_000

/**
 * Rows a file holds, roughly, from its size: about 100 bytes a CSV row and 50 an XLSX row (its sheet is
 * zipped). Export rows are wider than this more often than narrower, so a wrong guess keeps the indexes.
 */
export function estimatedRows(format: 'csv' | 'xlsx', fileSize: number): number {
  return Math.floor(fileSize / (format === 'csv' ? 100 : 50))
}

/** Shows stored values by field for the preview's examples: an amount as "12500.00 USD". */
function describer(columns: readonly string[]): (values: readonly DbValue[]) => Record<string, DbValue> {
  const amountAt = columns.indexOf('amount_minor')
  const currencyAt = columns.indexOf('currency')
  return (values) => {
    const out: Record<string, DbValue> = {}
    columns.forEach((c, i) => {
      if (i === currencyAt) return
      const v = values[i] ?? null
      if (i === amountAt) {
        const currency = currencyAt >= 0 ? (values[currencyAt] ?? null) : null
        out['amount'] = typeof v === 'number' ? `${formatMinorUnits(v, typeof currency === 'string' ? currency : 'USD')} ${currency ?? ''}`.trim() : v
      } else out[c] = v
    })
    return out
  }
}

/** The mapped column of the key, as the user knows it (for "same Opportunity ID as row 9"). */
function keyLabelOf(req: ImportSettings): string {
  const src = req.mapping['external_id']
  if (src && 'header' in src) return src.header || 'id'
  return ENTITIES[req.kind].naturalKey ? 'key' : 'id'
}

