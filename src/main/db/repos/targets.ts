import type { Database, Statement } from 'better-sqlite3'
import { type DateRange } from '@shared/time/calendar'
import { perConnection, queryPlans } from './statements'
import type { UndatedDeal } from '@shared/targets'

/**
 * The SQL of the Targets report. Every opportunity query is a range over `opportunities_by_close`
 * (close_date, stage, currency, lead_source, amount_minor, probability) or, for the deals that take a
 * linked lead's source, its partial sibling `opportunities_by_linked_close`, which covers it, and groups
 * by a prefix of it ((close_date, stage, currency[, lead_source])), so SQLite aggregates while it walks
 * the index, without sorting. (Grouping by month would sort every row of the range first; on a million
 * opportunities that costs more than the whole report.) Stage, source and currency categories are never
 * stored: the caller maps the few distinct raw values with the current settings.
 *
 * Each aggregate costs time on every row of the range, so there are as few as the report needs. In
 * particular there is no count of the rows with an amount: the import writes an amount and its currency
 * together (a file without an amount leaves both as they were), so a group with a currency has an amount
 * on every row and a group without one has none.
 */

/** One (day, stage, currency, lead source) group of the period. Amounts are integer minor units of `currency`. */
export interface PeriodDayRow {
  day: string
  stage: string | null
  currency: string | null
  /** The raw lead source (null: none; such deals may take their linked lead's). */
  source: string | null
  /** Opportunities (all with an amount when `currency` is not null, none otherwise). */
  n: number
  amount: number
  /** Σ amount × exported probability (minor units, fractional); 0 when not asked for. */
  weighted: number
}

/** One (day, stage, currency) group of closed-won/lost history (any stage; the caller keeps won and lost). */
export interface ClosedDayRow {
  day: string
  stage: string | null
  currency: string | null
  n: number
  amount: number
}

/** Opportunities without a lead source of their own, by the lead source of their linked lead. */
export interface LinkedSourceRow {
  day: string
  stage: string | null
  currency: string | null
  source: string
  n: number
  amount: number
}

/** A stored target row (several can share a period, team and segment: one per source system). */
export interface StoredTarget {
  period: string
  team: string | null
  segment: string | null
  amountMinor: number | null
  currency: string | null
  sourceSystem: string
  batchId: number
}

export interface LeadCohort {
  handedOff: number
  qualified: number
  converted: number
}

/**
 * Prepared statements of one connection, made once (preparing costs more than some of these queries).
 * Statements belong to their connection, so the cache is keyed by it.
 */
class TargetsQueries {
  readonly periodDays: Statement
  readonly periodDaysWeighted: Statement
  readonly closedDays: Statement
  readonly linkedSources: Statement
  readonly firstClose: Statement
  readonly lastClose: Statement
  readonly hasLeads: Statement
  readonly leadCohort: Statement
  readonly handedOff: Statement
  readonly targets: Statement
  readonly undated: Statement
  readonly undatedList: Statement

  constructor(db: Database) {
    const periodDays = (weighted: string): string =>
      `SELECT close_date AS day, stage, currency, lead_source AS source, count(*) AS n, coalesce(sum(amount_minor), 0) AS amount,
              ${weighted} AS weighted
         FROM opportunities
        WHERE close_date BETWEEN @start AND @end
        GROUP BY close_date, stage, currency, lead_source`
    this.periodDays = db.prepare(periodDays('0'))
    this.periodDaysWeighted = db.prepare(periodDays('coalesce(sum(amount_minor * probability), 0)'))
    this.closedDays = db.prepare(
      `SELECT close_date AS day, stage, currency,
              count(*) AS n, coalesce(sum(amount_minor), 0) AS amount
         FROM opportunities
        WHERE close_date BETWEEN @start AND @end
        GROUP BY close_date, stage, currency`,
    )
    // Opportunities without a source of their own, at the given stages, by their lead's source: both
    // sides covered by an index, the deals' a partial one of only such deals (migration 6; the query
    // repeats its condition so that SQLite may use it). A lead id names a lead of the same CRM, hence the
    // same source system.
    this.linkedSources = db.prepare(
      `SELECT o.close_date AS day, o.stage, o.currency, l.lead_source AS source, count(*) AS n, coalesce(sum(o.amount_minor), 0) AS amount
         FROM opportunities o
         JOIN leads l ON l.source_system = o.source_system AND l.external_id = o.lead_id
        WHERE o.close_date BETWEEN @start AND @end AND o.lead_source IS NULL AND o.lead_id IS NOT NULL AND o.amount_minor IS NOT NULL
          AND o.stage IN (SELECT value FROM json_each(@stages))
          AND l.lead_source IS NOT NULL
        GROUP BY o.close_date, o.stage, o.currency, l.lead_source`,
    )
    // Separate statements: SQLite answers a lone min() or max() from the end of the index.
    this.firstClose = db.prepare('SELECT min(close_date) AS day FROM opportunities').pluck()
    this.lastClose = db.prepare('SELECT max(close_date) AS day FROM opportunities').pluck()
    this.hasLeads = db.prepare('SELECT EXISTS (SELECT 1 FROM leads) AS present').pluck()
    // Covered by leads_by_handoff (handed_off_at, qualified_at, opportunity_id).
    this.leadCohort = db.prepare(
      `SELECT count(*) AS handedOff,
              count(CASE WHEN opportunity_id IS NOT NULL OR qualified_at < @end THEN 1 END) AS qualified,
              count(opportunity_id) AS converted
         FROM leads
        WHERE handed_off_at >= @start AND handed_off_at < @end`,
    )
    this.handedOff = db.prepare('SELECT count(*) FROM leads WHERE handed_off_at >= @start AND handed_off_at < @end').pluck()
    this.targets = db.prepare(
      `SELECT period, team, segment, amount_minor AS amountMinor, currency, source_system AS sourceSystem, batch_id AS batchId
         FROM targets
        WHERE period IN (SELECT value FROM json_each(@periods))
        ORDER BY batch_id, id`,
    )
    // Deals without a close date are in no period; the report counts them (from the front of the index).
    this.undated = db.prepare(
      `SELECT stage, currency, count(*) AS n, coalesce(sum(amount_minor), 0) AS amount
         FROM opportunities WHERE close_date IS NULL GROUP BY stage, currency`,
    )
    this.undatedList = db.prepare(
      `SELECT external_id AS externalId, name, account, owner, stage, amount_minor AS amountMinor, currency, created_at AS createdAt
         FROM opportunities WHERE close_date IS NULL AND stage IN (SELECT value FROM json_each(@stages))
        ORDER BY amount_minor DESC NULLS LAST, id LIMIT @limit`,
    )
  }

  /** Every statement by name (for their query plans). */
  named(): Record<string, Statement> {
    const {
      periodDays,
      periodDaysWeighted,
      closedDays,
      linkedSources,
      firstClose,
      lastClose,
      hasLeads,
      leadCohort,
      handedOff,
      targets,
      undated,
    } = this
    return {
      periodDays,
      periodDaysWeighted,
      closedDays,
      linkedSources,
      firstClose,
      lastClose,
      hasLeads,
      leadCohort,
      handedOff,
      targets,
      undated,
    }
  }
}

const queries = perConnection((db) => new TargetsQueries(db))

/** How SQLite runs each statement (EXPLAIN QUERY PLAN), by name: checked by the tests and the bench. */
export function targetsQueryPlans(db: Database): Record<string, string> {
  const params = {
    start: '2025-01-01',
    end: '2025-12-31',
    marketing: '[]',
    sales: '[]',
    partner: '[]',
    known: '[]',
    stages: '[]',
    periods: '[]',
  }
  return queryPlans(db, queries(db).named(), params)
}

/**
 * The period by (day, stage, currency). `exportedProbability`: also sum amount × the exported probability
 * column, needed only when some open stage has no probability in the settings.
 */
export function periodDays(db: Database, range: DateRange, exportedProbability: boolean): PeriodDayRow[] {
  const q = queries(db)
  return (exportedProbability ? q.periodDaysWeighted : q.periodDays).all({ start: range.start, end: range.end }) as PeriodDayRow[]
}

export function closedDays(db: Database, range: DateRange): ClosedDayRow[] {
  return queries(db).closedDays.all({ start: range.start, end: range.end }) as ClosedDayRow[]
}

/** Opportunities of a range at the given raw stages, without a lead source, by their linked lead's source. */
export function linkedLeadSources(db: Database, range: DateRange, stages: readonly string[]): LinkedSourceRow[] {
  return queries(db).linkedSources.all({ start: range.start, end: range.end, stages: JSON.stringify(stages) }) as LinkedSourceRow[]
}

/** First and last close date of any opportunity, or null when none has one. */
export function closeDateExtent(db: Database): DateRange | null {
  const q = queries(db)
  const start = q.firstClose.get() as string | null
  const end = q.lastClose.get() as string | null
  return start === null || end === null ? null : { start, end }
}

export function hasLeads(db: Database): boolean {
  return (queries(db).hasLeads.get() as number) === 1
}

/** Leads handed off in [start, end) (UTC instants); of them, qualified before `end` or converted; converted. */
export function leadCohort(db: Database, start: string, end: string): LeadCohort {
  return queries(db).leadCohort.get({ start, end }) as LeadCohort
}

/** Leads handed off in [start, end) (UTC instants). */
export function handedOffCount(db: Database, start: string, end: string): number {
  return queries(db).handedOff.get({ start, end }) as number
}

export interface UndatedRow {
  stage: string | null
  currency: string | null
  n: number
  amount: number
}

/** Opportunities without a close date, by stage and currency. */
export function undatedOpportunities(db: Database): UndatedRow[] {
  return queries(db).undated.all() as UndatedRow[]
}

/** A deal without a close date, its amount still in minor units of its currency. */
export type UndatedDealRow = Omit<UndatedDeal, 'amount'> & { amountMinor: number | null }

/** The largest `limit` opportunities without a close date at the given raw stages. */
export function undatedDeals(db: Database, stages: readonly string[], limit: number): UndatedDealRow[] {
  return queries(db).undatedList.all({ stages: JSON.stringify(stages), limit }) as UndatedDealRow[]
}

/** Stored target rows of the given periods, oldest batch first (later rows supersede earlier ones). */
export function storedTargets(db: Database, periods: readonly string[]): StoredTarget[] {
  return queries(db).targets.all({ periods: JSON.stringify(periods) }) as StoredTarget[]
}
