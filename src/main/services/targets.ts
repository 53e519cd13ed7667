import type { Database } from 'better-sqlite3'
import { createHash } from 'node:crypto'
import type { ImportSettings } from '@shared/import/outcome'
import { minorDigits, parseAmount, toMinorUnits } from '@shared/import/values'
import { isPeriod, periodOf, periodRange } from '@shared/time/periods'
import { todayIn } from '@shared/time/zones'
import {
  MQL_SEGMENT,
  TEAMS,
  type TargetEdit,
  type TargetEntry,
  type TargetSaveOutcome,
  type TargetsViewData,
  type Team,
  type DealDetail,
  type UndatedDeal,
} from '@shared/targets'
import type { Settings, StageCategory } from '@shared/settings'
import { AppError } from '../errors'
import { finishBatch, insertBatch } from '../db/repos/imports'
import { storedTargets } from '../db/repos/targets'
import { columnsFor } from '../db/entities'
import { BatchWriter, type DbValue } from '../db/batch-writer'
import { dealDetail, effectiveTargets, periodTree, targetsReport, undatedDealList } from '../metrics/targets'
import { getSettings } from './settings'
import type { WorkspaceManager } from './workspace'

export interface TargetsEvents {
  /** Targets were saved: views reload what they show (as after an import). */
  dataChanged(): void
}

/** The source system and file name under which targets edited in the app appear in the import history. */
export const EDITOR_SOURCE = 'tandem'
export const EDITOR_FILE_NAME = 'Edited in Tandem'

/**
 * The period and as-of date a report is for: as given, or this quarter and today in the workspace's
 * time zone.
 */
export function reportQuery(settings: Settings, given: { period?: string; asOf?: string }, now: Date): { period: string; asOf: string } {
  const asOf = given.asOf ?? todayIn(settings.timezone, now)
  return { period: given.period ?? periodOf(asOf, 'quarter', settings.fiscalYearStartMonth), asOf }
}

/** The fiscal year a period belongs to (a fiscal year is its own). */
export function fiscalYearOf(period: string, fiscalYearStartMonth: number): string {
  return periodOf(periodRange(period, fiscalYearStartMonth).start, 'year', fiscalYearStartMonth)
}

/** The targets in effect for a fiscal year and every quarter and month in it, in period order. */
export function listTargets(db: Database, fiscalYear: string, fiscalYearStartMonth: number): TargetEntry[] {
  const periods = periodTree(fiscalYear, fiscalYearStartMonth)
  const order = new Map(periods.map((p, i) => [p, i]))
  return effectiveTargets(storedTargets(db, periods))
    .map((r) => {
      const currency = r.currency ?? ''
      return {
        period: r.period,
        team: (r.team ?? '') as Team,
        segment: r.segment ?? '',
        amount: (r.amountMinor ?? 0) / 10 ** (minorDigits(currency) ?? 2),
        currency,
        sourceSystem: r.sourceSystem,
        batchId: r.batchId,
      }
    })
    .sort(
      (a, b) =>
        (order.get(a.period) ?? 0) - (order.get(b.period) ?? 0) || a.team.localeCompare(b.team) || a.segment.localeCompare(b.segment),
    )
}

const keyOf = (e: { period: string; team: string; segment: string }): string => `${e.period}|${e.team}|${e.segment}`

/** An edit's amount in home minor units (for an MQL target, the count in the same form); null removes. */
function amountOf(edit: TargetEdit, currency: string): number | null {
  if (edit.amount === null) return null
  const where = `${edit.period} ${edit.team || 'joint'}${edit.segment ? ` ${edit.segment}` : ''}`
  const parsed = parseAmount(edit.amount, { decimal: '.' })
  if (!parsed.ok || parsed.value === null) throw new AppError('BAD_ARGS', `Target ${where}: "${edit.amount}" is not an amount.`)
  if (parsed.value.currency !== null && parsed.value.currency !== currency) {
    throw new AppError('BAD_ARGS', `Target ${where}: targets are edited in ${currency}, not ${parsed.value.currency}.`)
  }
  if (parsed.value.amount.startsWith('-')) throw new AppError('BAD_ARGS', `Target ${where}: a target cannot be negative.`)
  const isCount = edit.team === 'marketing' && edit.segment === MQL_SEGMENT
  if (isCount && !/^\d+$/.test(parsed.value.amount))
    throw new AppError('BAD_ARGS', `Target ${where}: an MQL target is a whole number of leads.`)
  const minor = toMinorUnits(parsed.value.amount, currency)
  if (!minor.ok) throw new AppError('BAD_ARGS', `Target ${where}: ${minor.reason}.`)
  return minor.value
}

function checkEdit(edit: TargetEdit): TargetEdit {
  const segment = edit.segment.trim()
  if (!isPeriod(edit.period)) throw new AppError('BAD_ARGS', `"${edit.period}" is not a period: write 2025-08, 2025-Q3 or FY2025.`)
  if (!(TEAMS as readonly string[]).includes(edit.team))
    throw new AppError('BAD_ARGS', `"${edit.team}" is not a team: use marketing, sales or joint.`)
  if (segment.toLowerCase() === MQL_SEGMENT && edit.team !== 'marketing') {
    throw new AppError('BAD_ARGS', `Target ${edit.period}: an MQL target belongs to the marketing team.`)
  }
  return { ...edit, segment: segment.toLowerCase() === MQL_SEGMENT ? MQL_SEGMENT : segment }
}

/**
 * Saves targets edited in the app as one batch of kind `targets` from source system "tandem", written by
 * the import's own BatchWriter: it shows in the import history and undoes exactly like an import. An
 * edit sets a target's amount in the home currency, or removes it (null), which stores an empty amount
 * so that an imported target of the same period, team and segment stops counting until the edit is
 * undone. Edits that change nothing are not written; when none changes anything, no batch is made.
 * No backup is taken first (as an import does): the batch itself is the undo.
 */
export function saveTargets(db: Database, settings: Settings, edits: readonly TargetEdit[], now = new Date()): TargetSaveOutcome {
  const checked = edits.map(checkEdit)
  const seen = new Set<string>()
  for (const e of checked) {
    const key = keyOf(e)
    if (seen.has(key)) throw new AppError('BAD_ARGS', `Target ${e.period} ${e.team || 'joint'} ${e.segment} is edited twice; keep one.`)
    seen.add(key)
  }
  const currency = settings.currency
  const wanted = checked.map((e) => ({ edit: e, minor: amountOf(e, currency) }))
  const current = new Map(
    effectiveTargets(storedTargets(db, [...new Set(checked.map((e) => e.period))])).map((r) => [
      keyOf({ period: r.period, team: r.team ?? '', segment: r.segment ?? '' }),
      r,
    ]),
  )
  const changes = wanted.filter(({ edit, minor }) => {
    const existing = current.get(keyOf(edit))
    return minor === null
      ? existing !== undefined
      : existing === undefined || existing.amountMinor !== minor || existing.currency !== currency
  })
  if (changes.length === 0) return { batchId: null, new: 0, changed: 0, unchanged: edits.length }

  // The editor's table, as if it were a file with these columns: undo and the history read the mapping.
  const settingsOfBatch: ImportSettings = {
    kind: 'targets',
    sourceSystem: EDITOR_SOURCE,
    sheet: null,
    headerRow: 1,
    dateOrder: 'ymd',
    decimal: '.',
    probabilityScale: 'fraction',
    mapping: {
      period: { column: 0, header: 'Period' },
      team: { column: 1, header: 'Team' },
      segment: { column: 2, header: 'Segment' },
      amount: { column: 3, header: 'Amount' },
    },
    wide: null,
  }
  const content = JSON.stringify(changes.map(({ edit, minor }) => [edit.period, edit.team, edit.segment, minor, currency]))
  const columns = columnsFor('targets', Object.keys(settingsOfBatch.mapping))
  return db.transaction((): TargetSaveOutcome => {
    const batchId = insertBatch(db, {
      kind: 'targets',
      sourceSystem: EDITOR_SOURCE,
      fileName: EDITOR_FILE_NAME,
      filePath: '',
      fileHash: '',
      fileSize: Buffer.byteLength(content),
      // The schema knows only file formats; an edit is recorded as the CSV its table would be.
      format: 'csv',
      sheet: null,
      options: JSON.stringify(settingsOfBatch),
      startedAt: now.toISOString(),
    })
    const writer = new BatchWriter(db, 'targets', batchId, EDITOR_SOURCE, columns, () => {
      // Keys were checked to be distinct above, so the writer never sees a repeat.
      throw new Error('a target key repeats within one save')
    })
    changes.forEach(({ edit, minor }, i) => {
      const byColumn: Record<string, DbValue> = {
        period: edit.period,
        team: edit.team,
        segment: edit.segment,
        amount_minor: minor,
        currency: minor === null ? null : currency,
      }
      writer.write(
        i + 1,
        keyOf(edit),
        columns.map((c) => byColumn[c] ?? null),
        'key',
      )
    })
    writer.flush()
    const counts = { rowsRead: changes.length, ...writer.counts, invalid: 0 }
    finishBatch(db, batchId, counts, createHash('sha256').update(content).digest('hex'), now.toISOString())
    return {
      batchId,
      new: writer.counts.new,
      changed: writer.counts.changed,
      unchanged: writer.counts.unchanged + edits.length - changes.length,
    }
  })()
}

/** The app's side of the Targets view: the report, and the target editor. */
export class TargetsService {
  constructor(
    private readonly workspace: WorkspaceManager,
    private readonly events: TargetsEvents,
  ) {}

  report(given: { period?: string; asOf?: string }, now = new Date()): TargetsViewData {
    const db = this.workspace.db
    const settings = getSettings(db).settings
    return {
      ...targetsReport(db, settings, reportQuery(settings, given, now)),
      today: todayIn(settings.timezone, now),
      fiscalYearStartMonth: settings.fiscalYearStartMonth,
    }
  }

  /** Deals of a stage category without a close date (in no period), the largest first. */
  undated(category: StageCategory): UndatedDeal[] {
    const db = this.workspace.db
    return undatedDealList(db, getSettings(db).settings, category)
  }

  /** One deal and its leads, for a link that points to it. */
  deal(id: number): DealDetail {
    const db = this.workspace.db
    return dealDetail(db, getSettings(db).settings, id)
  }

  /** The targets of the fiscal year a period belongs to. */
  list(period: string): { fiscalYear: string; entries: TargetEntry[] } {
    const db = this.workspace.db
    const fy = getSettings(db).settings.fiscalYearStartMonth
    const fiscalYear = fiscalYearOf(period, fy)
    return { fiscalYear, entries: listTargets(db, fiscalYear, fy) }
  }

  save(edits: readonly TargetEdit[]): TargetSaveOutcome {
    const db = this.workspace.db
    const outcome = saveTargets(db, getSettings(db).settings, edits)
    if (outcome.batchId !== null) this.events.dataChanged()
    return outcome
  }
}
