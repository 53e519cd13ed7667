import type { Database } from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { createReadStream, statSync } from 'node:fs'
import { basename } from 'node:path'
import { formatMinorUnits } from '@shared/import/values'
import { headerSignature } from '@shared/import/detect'
import { METRIC_NEEDS, fieldsOf, likelyColumn, missingFields } from '@shared/import/fields'
import type { ImportOutcome, ImportRequest, ImportSettings, ListedProblem } from '@shared/import/outcome'
import { DEFAULT_LIMITS, type FieldSource, type ReadLimits } from '@shared/import/types'
import type { Settings } from '@shared/settings'
import { AppError, oneLine } from '../errors'
import { createBackup } from '../db/backup'
import { hasImportedData } from '../db/repos/meta'
import { finishBatch, insertBatch, problemWriter, saveMapping } from '../db/repos/imports'
import { DATA_TABLES, ENTITIES, columnsFor } from '../db/entities'
import { abandonLoad, beginLoad, endLoad, isFreshSource, tuneForBulkLoad } from '../db/bulk-load'
import { CancelledError, startRead, type ReadSession } from './worker/read-in-worker'
import type { SourceRead } from './worker/parse-worker'
import { sniffFile, type Sniffed } from './read/sniff'
import { ImportFileError } from './read/file-error'
import { BatchWriter, type DbValue } from '../db/batch-writer'
import { noteDealsOfBatch, refreshDealLinks } from '../db/repos/deal-links'
import { lastRowId, noteLeadsOfBatch, refreshOppFacts } from '../db/repos/worked'
import { BLANK, HEADER, INVALID, RowStage, StageError, type StagedBatch, type StageJob } from './write/row-stage'

/** How many problems an outcome carries; all of them are stored with a committed batch. */
export const LISTED_PROBLEMS = 500
/** A read reports its progress at least this many times (each time it has read this fraction more). */
export const PROGRESS_STEPS = 100

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
  const missing = missingFields(req.kind, req.mapping, req.wide !== null)
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

const mappedHeader = (source: FieldSource | undefined): string | null => (source !== undefined && 'header' in source ? source.header : null)

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
  // A CSV is hashed by its reader as it parses; a workbook's reader jumps about the zip, so it is hashed apart.
  const hashing = sniffed.format === 'xlsx' ? hashFile(req.path) : null
  hashing?.catch(() => undefined)

  let backup: string | null = null
  if (opts.mode === 'commit' && hasImportedData(db, DATA_TABLES)) {
    backup = (await createBackup(db, ws.path, 'import', now())).file
  }
  if (opts.signal?.aborted) throw new CancelledError()

  const entity = ENTITIES[req.kind]
  // Targets always write their whole key (team and segment default to joint / whole business).
  const mappedFields = [
    ...Object.keys(req.mapping),
    ...(req.wide ? ['period', 'amount'] : []),
    ...(req.kind === 'targets' ? ['team', 'segment'] : []),
  ]
  const columns = columnsFor(req.kind, mappedFields)
  const keyLabel = keyLabelOf(req)
  const { path: _path, ...stored } = req

  const tuning = tuneForBulkLoad(db, entity.table, estimatedRows(sniffed.format, fileSize))
  try {
    beginLoad(db)
  } catch (e) {
    tuning.restore()
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
    const linksLeads = req.kind === 'leads' || req.kind === 'opportunities' ? req.kind : null
    const lastIdBefore = linksLeads === null ? 0 : lastRowId(db, linksLeads)
    // A source system with no rows yet needs no lookup per row: every key is new unless it repeats in the file.
    const freshSource = isFreshSource(db, entity.table, req.sourceSystem)
    const writer = new BatchWriter(db, entity.table, batchId, req.sourceSystem, columns, report, describer(columns), { freshSource })

    let headers: string[] | null = null
    let blanks: number[] = []
    let rowsRead = 0
    let bytes = 0
    let totalBytes = fileSize
    let lastTick = 0
    let lastBytes = 0

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
    // The fields the metrics need, where each sits in a row, and how many written rows lack it.
    const needs = (METRIC_NEEDS[req.kind] ?? []).map((need) => ({
      need,
      at: columns.indexOf(entity.columns[need.field]?.[0] ?? need.field),
      missing: 0,
    }))
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
            for (const x of needs) if (x.at < 0 || seq[i + 2 + x.at] == null) x.missing++
            i += 2 + width
          }
        }
      }
      // Every step of the read (a hundredth of it), however fast it goes, so the bar moves in steps the
      // user can see; and every 200 ms on a slow read, so the rows counted move on between steps.
      if (bytes - lastBytes >= totalBytes / PROGRESS_STEPS || Date.now() - lastTick > 200) {
        lastTick = Date.now()
        lastBytes = bytes
        progress('reading')
      }
    }

    // Mapping runs where it balances the load: a CSV parses fast, so the parse worker also maps and this
    // thread only writes; an XLSX is slow to read, so this thread maps while the worker reads.
    const stage: StageJob = {
      fileName,
      settings: req,
      context: {
        timeZone: opts.settings.timezone,
        homeCurrency: opts.settings.currency,
        fiscalYearStartMonth: opts.settings.fiscalYearStartMonth,
      },
      columns,
      trackKeys: freshSource,
    }
    const localStage = sniffed.format === 'xlsx' ? new RowStage(stage) : null
    const workerStage = localStage ? undefined : stage
    const session =
      sampled?.session ??
      startRead({ path: req.path, sniffed, sheet: req.sheet, limits, ...(workerStage ? { stage: workerStage } : {}) }, opts.signal)
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
    if (rowsRead === 0)
      throw new AppError('IMPORT_INVALID', `${fileName}: there are no data rows below the header row (row ${req.headerRow}).`)
    progress('finishing')

    const fileHash = read.source.sha256 ?? (await (hashing as Promise<string>))
    const changed = changeWhileRead(req.path, read.source)
    if (changed) {
      throw new AppError(
        'IMPORT_REFUSED',
        `${fileName} changed while it was being read (${changed}); nothing was imported. Import it again once it is complete.`,
      )
    }
    writer.flush()
    tuning.rebuildIndexes(droppedIndexes)
    if (linksLeads !== null && opts.mode === 'commit') {
      // A lead is worked when its opportunity is created: the leads this batch links to learn their date.
      noteLeadsOfBatch(db, linksLeads, batchId, lastIdBefore)
      refreshOppFacts(db)
      // The deals this batch links to (or unlinks) learn their linked lead's campaign and source.
      noteDealsOfBatch(db, linksLeads, batchId, lastIdBefore)
      refreshDealLinks(db)
    }
    const counts = { rowsRead, ...writer.counts, invalid: invalidRows }
    finishBatch(db, batchId, counts, fileHash, now().toISOString())
    if (opts.mode === 'commit') {
      saveMapping(db, headerSignature(headers), req.kind, JSON.stringify(stored), now().toISOString())
    }
    endLoad(db, opts.mode === 'commit')

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
      missingFields: needs
        .filter((x) => x.missing > 0)
        .map(({ need, at, missing }) => ({
          field: need.field,
          what: need.what,
          rows: missing,
          mapped: at >= 0,
          likelyColumn: likelyColumn(need, headers ?? [], mappedHeader(req.mapping[need.field])),
        })),
    }
  } catch (e) {
    abandonLoad(db)
    if (e instanceof StageError) throw new AppError('IMPORT_INVALID', e.message)
    throw e
  } finally {
    tuning.restore()
  }
}

/**
 * How the file differs from when its read began (a CRM still writing it, a sync client replacing it), or
 * null when it does not: same file, size and modification time, and, for a reader that reads it front to
 * back, every byte of it read.
 */
function changeWhileRead(path: string, at: SourceRead): string | null {
  const n = (v: number): string => v.toLocaleString('en-US')
  let now
  try {
    now = statSync(path)
  } catch {
    return 'it was deleted or moved'
  }
  if (now.ino !== at.ino) return 'it was replaced by another file'
  if (now.size !== at.size) return `its size went from ${n(at.size)} to ${n(now.size)} bytes`
  if (now.mtimeMs !== at.mtimeMs) return 'it was written to'
  if (at.bytesRead !== null && at.bytesRead !== at.size) return `${n(at.bytesRead)} of its ${n(at.size)} bytes could be read`
  return null
}

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
        out['amount'] =
          typeof v === 'number' ? `${formatMinorUnits(v, typeof currency === 'string' ? currency : 'USD')} ${currency ?? ''}`.trim() : v
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
