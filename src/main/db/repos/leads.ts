import type { Database } from 'better-sqlite3'
import type { LeadRow, LeadSort, StatusFilter } from '@shared/handoff'
import { toTimestamp } from '@shared/import/values'
import { MS_PER_DAY, dateOfDay, dayNumber } from '@shared/time/calendar'
import { instantOf, localDateOf } from '@shared/time/zones'

/**
 * The SQL of the Handoff view and reports. Every value is a bound parameter; the only SQL text built at
 * run time is a fixed fragment repeated a counted number of times (one CASE branch per SLA grade, one
 * per cohort month) and column names picked from the fixed maps below, never from input.
 */

/**
 * The earliest of first touch, accepted and rejected; '~' (after every timestamp) when none: verbatim
 * the expression of the index `leads_unworked` (migration 4), which the meeting board's queries use. The
 * handoff metrics read the worked time of PRODUCT.md (WORKED below), which also counts qualification and
 * the opportunity's creation.
 */
export const WORKED_AT = `min(coalesce(first_touch_at, '~'), coalesce(accepted_at, '~'), coalesce(rejected_at, '~'))`

/**
 * `zoned_day_start(value, tz)`: a date without a time (an opportunity's created or close date) as the
 * instant its calendar day begins in the workspace zone (PRODUCT.md: a date-only value is that calendar
 * day in the workspace time zone, in every metric); a timestamp is returned as it is, NULL stays NULL.
 * Registered on a connection the first time a query needs it.
 */
const zoned = new WeakSet<Database>()
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
export function withZonedDays(db: Database): Database {
  if (zoned.has(db)) return db
  const cache = new Map<string, string>()
  db.function('zoned_day_start', { deterministic: true }, (value: unknown, tz: unknown) => {
    if (typeof value !== 'string' || typeof tz !== 'string' || !DATE_ONLY.test(value)) return value ?? null
    const key = `${tz}|${value}`
    let at = cache.get(key)
    if (at === undefined) {
      at = toTimestamp({ date: value, time: null, offsetMinutes: null }, tz)
      cache.set(key, at)
    }
    return at
  })
  zoned.add(db)
  return db
}

/**
 * A lead's own worked time: the earliest of first touch, accepted, rejected and qualified; '~' (after
 * every timestamp) when none. Verbatim the expression of the index `leads_backlog` (migration 9), which
 * SQLite uses only for this exact expression.
 */
const OWN_WORKED_AT = `min(coalesce(first_touch_at, '~'), coalesce(accepted_at, '~'), coalesce(rejected_at, '~'), coalesce(qualified_at, '~'))`

/**
 * When a lead was worked (PRODUCT.md): its own worked time, or the created date of its first opportunity
 * (`opp_created_on`, kept by imports: repos/worked.ts) as the instant that day begins in the workspace
 * zone (`@tz`), whichever is earlier; '~' when never.
 */
const WORKED = `CASE WHEN opp_created_on IS NULL THEN ${OWN_WORKED_AT} ELSE min(${OWN_WORKED_AT}, zoned_day_start(opp_created_on, @tz)) END`
/**
 * Worked by T (`@t`, and `@tday` its date in the workspace zone): an opportunity created on a day was
 * created by T when that day is T's day or earlier.
 */
const WORKED_BY_T = `(${OWN_WORKED_AT} <= @t OR coalesce(opp_created_on, '~') <= @tday)`
/** Not worked by T, with the index term first so that SQLite can range-scan leads_backlog. */
const UNWORKED_BY_T = `${OWN_WORKED_AT} > @t AND coalesce(opp_created_on, '~') > @tday`
/** The worked time, NULL when never worked. */
const WORKED_OR_NULL = `nullif(${WORKED}, '~')`

/** T and its date in the workspace zone, as the worked-by-T terms take them. */
function byT(asOf: string, timeZone: string): { t: string; tday: string; tz: string } {
  return { t: asOf, tday: localDateOf(Date.parse(asOf), timeZone), tz: timeZone }
}

/** The lead columns whose dates say a lead was worked (for "the SLA cannot be measured"). */
export const WORKED_COLUMNS = ['first_touch_at', 'accepted_at', 'rejected_at', 'qualified_at', 'opportunity created_at'] as const

/**
 * Whether any lead handed off in [start, end] (ISO instants) carries a date that says it was worked, at
 * any time (not only by T): where none does, the export cannot measure the SLA (PRODUCT.md: "where the
 * leads carry none of these dates"). A lead touched after T shows the export carries the dates, and it
 * was waiting at T: counting it as waiting is right, not the artefact this guards against.
 */
export function hasWorkedDates(db: Database, start: string, end: string): boolean {
  const r = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM leads WHERE handed_off_at >= @s AND handed_off_at <= @e
                        AND (${OWN_WORKED_AT} <> '~' OR opp_created_on IS NOT NULL)) AS yes`,
    )
    .get({ s: start, e: end }) as { yes: number }
  return r.yes === 1
}

/**
 * A value per SLA grade, for SQL (a breach instant, a limit in ms): lead grades are matched to the
 * settings' grades trimmed and case-insensitively; `other` applies to every other grade and to leads
 * without one.
 */
export interface ByGrade<T extends string | number> {
  /** Upper-case grade names. */
  grades: string[]
  /** One value per grade. */
  values: T[]
  other: T
}
/** Per grade, the hand-off instant (ISO) before which a lead is past its limit at T. */
export type GradeThresholds = ByGrade<string>

type Params = Record<string, string | number>

export function gradeCase(t: ByGrade<string | number>, params: Params, prefix: string): string {
  const branches = t.grades.map((g, i) => {
    params[`${prefix}g${i}`] = g
    params[`${prefix}v${i}`] = t.values[i] as string | number
    return `WHEN @${prefix}g${i} THEN @${prefix}v${i}`
  })
  params[`${prefix}other`] = t.other
  return branches.length === 0 ? `@${prefix}other` : `CASE upper(trim(coalesce(grade, ''))) ${branches.join(' ')} ELSE @${prefix}other END`
}

/** The earliest and latest hand-off (UTC ISO), or null when no lead has one. */
export function handoffRange(db: Database): { first: string; last: string } | null {
  // Two subqueries: SQLite answers a lone min() or max() from the index, but not both in one SELECT.
  const r = db.prepare('SELECT (SELECT min(handed_off_at) FROM leads) AS first, (SELECT max(handed_off_at) FROM leads) AS last').get() as {
    first: string | null
    last: string | null
  }
  return r.first === null || r.last === null ? null : { first: r.first, last: r.last }
}

export interface BacklogRow {
  grade: string | null
  owner: string | null
  source: string | null
  backlog: number
  /** Waited at least 4, 24, 72 and 168 hours at T. */
  ge4: number
  ge24: number
  ge72: number
  ge168: number
  breached: number
}

/**
 * The backlog at T grouped by grade, owner and source, with how many waited at least each bucket's
 * lower bound and how many are past their grade's limit. `atLeast` are the hand-off instants at or
 * before which a lead has waited 4, 24, 72 and 168 hours at T; `breach` the instants before which a
 * lead of each grade is past its limit. One range scan of `leads_unworked`.
 */
export function backlogRows(
  db: Database,
  asOf: string,
  atLeast: readonly [string, string, string, string],
  breach: GradeThresholds,
  timeZone: string,
): BacklogRow[] {
  const params: Params = { ...byT(asOf, timeZone), a4: atLeast[0], a24: atLeast[1], a72: atLeast[2], a168: atLeast[3] }
  const limit = gradeCase(breach, params, 'b')
  return db
    .prepare(
      `SELECT grade, owner, lead_source AS source, count(*) AS backlog,
              sum(handed_off_at <= @a4) AS ge4, sum(handed_off_at <= @a24) AS ge24,
              sum(handed_off_at <= @a72) AS ge72, sum(handed_off_at <= @a168) AS ge168,
              sum(handed_off_at < ${limit}) AS breached
         FROM leads INDEXED BY leads_backlog
        WHERE ${UNWORKED_BY_T} AND handed_off_at <= @t AND (recycled_at IS NULL OR recycled_at > @t)
        GROUP BY grade, owner, lead_source`,
    )
    .all(params) as BacklogRow[]
}

export interface WindowCounts {
  handedOff: number
  workedByT: number
  accepted: number
  rejected: number
  recycled: number
  /** Not worked by T, not recycled by T, and past the grade's limit at T. */
  pastLimitUnworked: number
}

/**
 * Counts over the leads handed off in [start, end] (ISO instants; end at or before T), per rejection
 * reason as imported (one pass gives the totals and the reasons). `breach` are the instants before which
 * a lead of each grade is past its limit at T (see `backlogRows`).
 */
export function windowCounts(
  db: Database,
  start: string,
  end: string,
  asOf: string,
  breach: GradeThresholds,
  timeZone: string,
): (WindowCounts & { reason: string | null })[] {
  const params: Params = { s: start, e: end, ...byT(asOf, timeZone) }
  const limit = gradeCase(breach, params, 'b')
  return db
    .prepare(
      `SELECT rejection_reason AS reason, count(*) AS handedOff, total(${WORKED_BY_T}) AS workedByT,
              total(accepted_at <= @t) AS accepted, total(rejected_at <= @t) AS rejected, total(recycled_at <= @t) AS recycled,
              total(${UNWORKED_BY_T} AND (recycled_at IS NULL OR recycled_at > @t) AND handed_off_at < ${limit}) AS pastLimitUnworked
         FROM leads WHERE handed_off_at >= @s AND handed_off_at <= @e GROUP BY rejection_reason`,
    )
    .all(params) as (WindowCounts & { reason: string | null })[]
}

/**
 * The leads handed off in [start, end] and worked by T, as [handed off, worked, limit] in epoch ms: the
 * only per-lead data the window metrics need (elapsed SLA time is the clock's, in JS). Numbers cross into
 * JS much faster than timestamp text.
 */
export function workedInWindow(
  db: Database,
  start: string,
  end: string,
  asOf: string,
  limitMs: ByGrade<number>,
  timeZone: string,
): [number, number, number][] {
  const params: Params = { s: start, e: end, ...byT(asOf, timeZone) }
  const limit = gradeCase(limitMs, params, 'l')
  return withZonedDays(db)
    .prepare(
      `SELECT unixepoch(handed_off_at, 'subsec') * 1000, unixepoch(${WORKED}, 'subsec') * 1000, ${limit}
         FROM leads WHERE handed_off_at >= @s AND handed_off_at <= @e AND ${WORKED_BY_T}`,
    )
    .raw()
    .all(params) as [number, number, number][]
}

export interface TrendRow {
  month: number
  reason: string | null
  n: number
}

/** `CASE WHEN col < @m1 THEN 0 WHEN col < @m2 THEN 1 … END`: the index of the month an instant is in. */
function monthCase(column: string, monthStarts: readonly string[], params: Params): string {
  const branches = monthStarts.slice(1).map((m, i) => {
    params[`m${i}`] = m
    return `WHEN ${column} < @m${i} THEN ${i}`
  })
  return `CASE ${branches.join(' ')} END`
}

/**
 * Leads rejected (by reason) and recycled per month. `monthStarts` are the instants the months begin,
 * plus the end of the last one; `asOf` caps the last month at T.
 */
export function trendRows(db: Database, monthStarts: readonly string[], asOf: string): { rejected: TrendRow[]; recycled: TrendRow[] } {
  const first = monthStarts[0] as string
  const rejectParams: Params = { from: first, t: asOf }
  const rejected = db
    .prepare(
      `SELECT ${monthCase('rejected_at', monthStarts, rejectParams)} AS month, rejection_reason AS reason, count(*) AS n
         FROM leads WHERE rejected_at >= @from AND rejected_at <= @t GROUP BY 1, 2`,
    )
    .all(rejectParams) as TrendRow[]
  const recycleParams: Params = { from: first, t: asOf }
  const recycled = db
    .prepare(
      `SELECT ${monthCase('recycled_at', monthStarts, recycleParams)} AS month, NULL AS reason, count(*) AS n
         FROM leads WHERE recycled_at >= @from AND recycled_at <= @t GROUP BY 1`,
    )
    .all(recycleParams) as TrendRow[]
  return { rejected, recycled }
}

// ---------------------------------------------------------------------------------------------------
// The lead table

/** Status codes in the order "worst first": the table sorts by them. */
export const STATUS_CODES = ['breached', 'waiting', 'worked', 'rejected', 'recycled', 'upcoming'] as const

function statusSql(breach: GradeThresholds, params: Params): string {
  const limit = gradeCase(breach, params, 'b')
  return `CASE
      WHEN recycled_at <= @t THEN 4
      WHEN rejected_at <= @t THEN 3
      WHEN ${WORKED_BY_T} THEN 2
      WHEN handed_off_at <= @t THEN (CASE WHEN handed_off_at < ${limit} THEN 0 ELSE 1 END)
      ELSE 5 END`
}

const SORT_SQL: Record<Exclude<LeadSort, 'status' | 'workedAt' | 'handedOffAt'>, string> = {
  name: 'name',
  company: 'company',
  owner: 'owner',
  grade: 'grade',
  source: 'lead_source',
}

export interface LeadFilter {
  asOf: string
  timeZone: string
  breach: GradeThresholds
  owner: string | null
  grade: string | null
  source: string | null
  status: StatusFilter | null
  /** Rejected with this reason ('' : rejected without one); null or absent: any. */
  reason?: string | null
  search: string
}

/** `''` in a filter means "leads without a value" (the tables show them as "(none)"). */
function equalsOrNull(column: string, name: string): string {
  return `(${column} = @${name} OR (@${name} = '' AND ${column} IS NULL))`
}

function whereOf(f: LeadFilter, params: Params): { where: string; status: string } {
  const status = statusSql(f.breach, params)
  Object.assign(params, byT(f.asOf, f.timeZone))
  const terms = ['handed_off_at <= @t']
  if (f.owner !== null) {
    params['owner'] = f.owner
    terms.push(equalsOrNull('owner', 'owner'))
  }
  if (f.grade !== null) {
    params['grade'] = f.grade
    terms.push(equalsOrNull('grade', 'grade'))
  }
  if (f.source !== null) {
    params['source'] = f.source
    terms.push(equalsOrNull('lead_source', 'source'))
  }
  if (f.reason != null) {
    params['reason'] = f.reason
    terms.push('rejected_at IS NOT NULL', equalsOrNull('rejection_reason', 'reason'))
  }
  if (f.search.trim() !== '') {
    params['q'] = `%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    terms.push(`(name LIKE @q ESCAPE '\\' OR company LIKE @q ESCAPE '\\' OR email LIKE @q ESCAPE '\\' OR external_id LIKE @q ESCAPE '\\')`)
  }
  switch (f.status) {
    case null:
      break
    case 'backlog':
      // The worked-time term lets SQLite use leads_backlog; the status term is what decides.
      terms.push(UNWORKED_BY_T, `(${status}) IN (0, 1)`)
      break
    case 'breached':
      terms.push(UNWORKED_BY_T, `(${status}) = 0`)
      break
    case 'worked':
      terms.push(`(${status}) = 2`)
      break
    case 'rejected':
      terms.push(`(${status}) = 3`)
      break
    case 'recycled':
      terms.push(`(${status}) = 4`)
      break
  }
  return { where: terms.join(' AND '), status }
}

/** A lead as the table's query reads it: the shared row before its status is named and its SLA worked out. */
export type LeadListRow = Omit<LeadRow, 'status' | 'elapsedHours' | 'limitHours'> & {
  recycledAt: string | null
  /** A STATUS_CODES code. */
  status: number
}

const LIST_COLUMNS = `id, external_id AS externalId, name, company, owner, grade, lead_source AS source,
  handed_off_at AS handedOffAt, ${WORKED_OR_NULL} AS workedAt, recycled_at AS recycledAt`

/** One page of the lead table (leads handed off at or before T) and how many leads match in all. */
export function leadPage(
  db: Database,
  f: LeadFilter,
  sort: LeadSort,
  descending: boolean,
  offset: number,
  limit: number,
): { total: number; rows: LeadListRow[] } {
  const params: Params = {}
  const { where, status } = whereOf(f, params)
  const dir = descending ? 'DESC' : 'ASC'
  // Ties are broken by id, in the same direction, so that pages never overlap or skip a row.
  const order =
    sort === 'handedOffAt'
      ? `handed_off_at ${dir}, id ${dir}`
      : sort === 'workedAt'
        ? `${WORKED} ${dir}, id ${dir}`
        : sort === 'status'
          ? // Breached first, and among them the longest waiting (oldest hand-off) first.
            `status ${dir}, handed_off_at ${dir}, id ${dir}`
          : `${SORT_SQL[sort]} COLLATE NOCASE ${dir} NULLS LAST, id ${dir}`
  withZonedDays(db)
  const total = (db.prepare(`SELECT count(*) AS n FROM leads WHERE ${where}`).get(params) as { n: number }).n
  const rows = db
    .prepare(`SELECT ${LIST_COLUMNS}, ${status} AS status FROM leads WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as LeadListRow[]
  return { total, rows }
}

export interface LeadRecord extends LeadListRow {
  sourceSystem: string
  email: string | null
  campaign: string | null
  segment: string | null
  createdAt: string | null
  acceptedAt: string | null
  firstTouchAt: string | null
  rejectedAt: string | null
  rejectionReason: string | null
  qualifiedAt: string | null
  opportunityId: string | null
}

export function leadById(db: Database, id: number, asOf: string, breach: GradeThresholds, timeZone: string): LeadRecord | undefined {
  const params: Params = { id, ...byT(asOf, timeZone) }
  const status = statusSql(breach, params)
  return withZonedDays(db)
    .prepare(
      `SELECT ${LIST_COLUMNS}, ${status} AS status, source_system AS sourceSystem, email, campaign, segment,
              created_at AS createdAt, accepted_at AS acceptedAt, first_touch_at AS firstTouchAt,
              rejected_at AS rejectedAt, rejection_reason AS rejectionReason, qualified_at AS qualifiedAt, opportunity_id AS opportunityId
         FROM leads WHERE id = @id`,
    )
    .get(params) as LeadRecord | undefined
}

export interface LinkedOpportunity {
  externalId: string
  name: string | null
  stage: string | null
  createdAt: string | null
  closeDate: string | null
}

/** Opportunities linked to a lead: the one it converted into, and those that name it as their lead. */
export function opportunitiesOfLead(db: Database, externalId: string, opportunityId: string | null): LinkedOpportunity[] {
  return db
    .prepare(
      `SELECT external_id AS externalId, name, stage, created_at AS createdAt, close_date AS closeDate FROM opportunities
        WHERE lead_id = ? OR external_id = ? ORDER BY coalesce(created_at, close_date), id`,
    )
    .all(externalId, opportunityId) as LinkedOpportunity[]
}

/** The owners, grades and sources of handed-off leads, for the table's filters ('' = none). */
export function leadFacets(db: Database): { owners: string[]; grades: string[]; sources: string[] } {
  // One pass over the (narrower) backlog index, which holds all three columns, instead of three.
  const rows = db
    .prepare(
      `SELECT DISTINCT coalesce(owner, ''), coalesce(grade, ''), coalesce(lead_source, '')
         FROM leads INDEXED BY leads_unworked WHERE handed_off_at IS NOT NULL`,
    )
    .raw()
    .all() as [string, string, string][]
  const sorted = (i: 0 | 1 | 2): string[] =>
    [...new Set(rows.map((r) => r[i]))].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }))
  return { owners: sorted(0), grades: sorted(1), sources: sorted(2) }
}

/** Leads without a hand-off date: in no handoff metric (from the front of leads_by_handoff). */
export function countWithoutHandoff(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM leads WHERE handed_off_at IS NULL').get() as { n: number }).n
}

/** Leads handed off in [start, end) (ISO instants). */
export function countHandedOff(db: Database, start: string, end: string): number {
  return (db.prepare('SELECT count(*) AS n FROM leads WHERE handed_off_at >= ? AND handed_off_at < ?').get(start, end) as { n: number }).n
}

// ---------------------------------------------------------------------------------------------------
// The funnel

/** The funnel's three groupings of a table `f` with columns `source` and `cohort`: all, by source, by cohort. */
const threeWays = (measures: string): string => `SELECT 'all' AS kind, NULL AS key, ${measures} FROM f
       UNION ALL SELECT 'source', source, ${measures} FROM f GROUP BY source
       UNION ALL SELECT 'cohort', cohort, ${measures} FROM f GROUP BY cohort`

export interface FunnelRow {
  /** 'all', or the source, or the cohort month's index. */
  kind: 'all' | 'source' | 'cohort'
  key: string | number | null
  handed: number
  accepted: number
  qualified: number
  opportunity: number
  won: number
  dAcc: number | null
  dQual: number | null
  dOpp: number | null
  dWon: number | null
  hQual: number | null
  hOpp: number | null
  hWon: number | null
}

/**
 * The funnel of the leads handed off in [start, end) (ISO instants, end at most just after T), in three
 * groupings: all, by source, by cohort month (`monthStarts`: the instants the months begin, plus the end
 * of the last). Every step counts only what had happened by T (`asOf`, an ISO instant).
 *
 * A lead reaches a step when it has that step's date by T or reached a later step by T (CRMs skip steps:
 * a lead converted straight into an opportunity was accepted and qualified). It has an opportunity when
 * it names one (opportunity_id) or an opportunity names it (lead_id), matched by external id, created by
 * T (an opportunity without a created date counts from its close date; one with neither date, from the
 * start); it is won when one of those opportunities is in a won stage (`wonStages`: lower-case stage
 * names) with a close date at or before T. Opportunity dates are calendar days of the workspace zone
 * (`timeZone`), like every date-only value. Days between steps use each step's own date only:
 * accepted_at, qualified_at, the opportunity's created_at and the won opportunity's close_date.
 *
 * This version joins every opportunity to its leads and groups the window's leads three ways (seconds at
 * a million leads); `funnelRows` computes the same from the facts stored on the leads. It stays for
 * settings whose won stages the stored facts do not follow (see repos/worked.ts), and as the reference
 * the stored version is tested against.
 */
export function funnelRowsJoined(
  db: Database,
  start: string,
  end: string,
  monthStarts: readonly string[],
  wonStages: readonly string[],
  asOf: string,
  timeZone: string,
): FunnelRow[] {
  const params: Params = { start, end, won: JSON.stringify(wonStages), t: asOf, tz: timeZone }
  const cohort = monthCase('l.handed_off_at', monthStarts, params)
  // total() rather than sum(): 0, not NULL, over no rows (an empty window).
  const measures = `count(*) AS handed,
      CAST(total(a IS NOT NULL OR q IS NOT NULL OR has_opp) AS INTEGER) AS accepted,
      CAST(total(q IS NOT NULL OR has_opp) AS INTEGER) AS qualified,
      CAST(total(has_opp) AS INTEGER) AS opportunity,
      CAST(total(won) AS INTEGER) AS won,
      median(a - h) AS dAcc, median(q - a) AS dQual, median(o - q) AS dOpp, median(wd - o) AS dWon,
      median(q - h) AS hQual, median(o - h) AS hOpp, median(wd - h) AS hWon`
  return withZonedDays(db)
    .prepare(
      // The links start from the opportunities (far fewer than leads) and reach the leads through
      // leads_by_external_id and leads_by_opportunity. Dates become Julian day numbers once per lead,
      // not once per median.
      `WITH links AS (
         SELECT l.id AS lead, zoned_day_start(o.created_at, @tz) AS created, zoned_day_start(o.close_date, @tz) AS closed,
                lower(o.stage) IN (SELECT value FROM json_each(@won)) AS won
           FROM opportunities o JOIN leads l ON l.external_id = o.lead_id
          WHERE o.lead_id IS NOT NULL AND l.handed_off_at >= @start AND l.handed_off_at < @end
         UNION
         SELECT l.id, zoned_day_start(o.created_at, @tz), zoned_day_start(o.close_date, @tz), lower(o.stage) IN (SELECT value FROM json_each(@won))
           FROM opportunities o JOIN leads l ON l.opportunity_id = o.external_id
          WHERE l.handed_off_at >= @start AND l.handed_off_at < @end
       ),
       by_t AS (
         SELECT lead, created, closed, won AND closed <= @t AS won, coalesce(created, closed, '') <= @t AS existed FROM links
       ),
       opp AS MATERIALIZED (
         SELECT lead, max(existed) AS existed, min(CASE WHEN existed THEN created END) AS created,
                max(won) AS won, min(CASE WHEN won THEN closed END) AS won_at
           FROM by_t GROUP BY lead
       ),
       f AS MATERIALIZED (
         SELECT coalesce(l.lead_source, '') AS source, ${cohort} AS cohort,
                julianday(l.handed_off_at) AS h,
                julianday(CASE WHEN l.accepted_at <= @t THEN l.accepted_at END) AS a,
                julianday(CASE WHEN l.qualified_at <= @t THEN l.qualified_at END) AS q,
                julianday(opp.created) AS o, julianday(opp.won_at) AS wd,
                (coalesce(opp.existed, 0) OR (opp.lead IS NULL AND l.opportunity_id IS NOT NULL)) AS has_opp, coalesce(opp.won, 0) AS won
           FROM leads l LEFT JOIN opp ON opp.lead = l.id
          WHERE l.handed_off_at >= @start AND l.handed_off_at < @end
       )
       ${threeWays(measures)}`,
    )
    .all(params) as FunnelRow[]
}

/** A lead-part row: the steps a lead reaches by its own dates, with their medians. */
interface LeadPart {
  handed: number
  accepted: number
  qualified: number
  dAcc: number | null
  dQual: number | null
  hQual: number | null
}
/** An opportunity-part row: leads with an opportunity; `accepted`/`qualified` only those their own dates do not count. */
interface OppPart {
  kind: 'all' | 'source' | 'cohort'
  key: string | number | null
  accepted: number
  qualified: number
  opportunity: number
  won: number
  dOpp: number | null
  dWon: number | null
  hOpp: number | null
  hWon: number | null
}

/** Offsets are sampled this many days apart: no zone changes its offset and back within a week. */
const OFFSET_SAMPLE_DAYS = 7

/**
 * An SQL expression for the Julian day of the instant a calendar day (a column of dates) begins in the
 * workspace zone: `julianday(zoned_day_start(column, @tz))`, computed without a call into JavaScript per
 * row for the days of the opportunities up to T's day. Their zone offsets (found here, once per run of
 * days with one offset) are added with `julianday(day, '+N seconds')`, which gives the same number as
 * reading the instant's timestamp; any other value (outside those days, or not a date) goes through
 * `zoned_day_start` as before.
 */
function zonedDayStarts(db: Database, tday: string, timeZone: string, params: Params): (column: string) => string {
  const fallback = (column: string): string => `julianday(zoned_day_start(${column}, @tz))`
  const r = db
    .prepare(
      `SELECT min((SELECT min(created_at) FROM opportunities), (SELECT min(close_date) FROM opportunities)) AS first,
              max((SELECT max(created_at) FROM opportunities), (SELECT max(close_date) FROM opportunities)) AS last`,
    )
    .get() as { first: string | null; last: string | null }
  if (r.first === null || r.last === null || !DATE_ONLY.test(r.first)) return fallback
  const first = dayNumber(r.first)
  const last = DATE_ONLY.test(r.last) && r.last < tday ? dayNumber(r.last) : dayNumber(tday)
  if (last < first) return fallback
  const offset = (day: number): number => (instantOf(dateOfDay(day), null, timeZone) - day * MS_PER_DAY) / 1000
  // Runs of days with one offset: [start, next start), each found by sampling and bisecting.
  const runs: { start: number; seconds: number }[] = [{ start: first, seconds: offset(first) }]
  for (let a = first; a < last;) {
    const b = Math.min(a + OFFSET_SAMPLE_DAYS, last)
    const at = (runs[runs.length - 1] as { seconds: number }).seconds
    if (offset(b) === at) {
      a = b
      continue
    }
    let lo = a // offset(lo) === at
    let hi = b // offset(hi) !== at
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2)
      if (offset(mid) === at) lo = mid
      else hi = mid
    }
    runs.push({ start: hi, seconds: offset(hi) })
    a = hi
  }
  params['zfirst'] = dateOfDay(first)
  params['zlast'] = dateOfDay(last)
  runs.forEach((run, i) => {
    params[`zm${i}`] = `${run.seconds >= 0 ? '+' : ''}${run.seconds} seconds`
    if (i > 0) params[`zb${i}`] = dateOfDay(run.start)
  })
  // The modifier of a day: that of the last run starting on or before it.
  const modifier = (column: string): string =>
    runs.length === 1
      ? '@zm0'
      : `CASE ${runs
          .slice(1)
          .map((_, j) => `WHEN ${column} < @zb${j + 1} THEN @zm${j}`)
          .join(' ')} ELSE @zm${runs.length - 1} END`
  return (column) =>
    `CASE WHEN ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND ${column} >= @zfirst AND ${column} <= @zlast
          THEN julianday(${column}, ${modifier(column)}) ELSE ${fallback(column)} END`
}

/**
 * The days between hand-off, acceptance and qualification: verbatim the expressions of the indexes
 * leads_funnel_by_handoff and leads_funnel_by_source (migration 11), whose stored values SQLite then reads
 * instead of parsing two timestamps per value.
 */
const LEAD_DAYS = {
  acc: 'julianday(accepted_at) - julianday(handed_off_at)',
  qual: 'julianday(qualified_at) - julianday(accepted_at)',
  hQual: 'julianday(qualified_at) - julianday(handed_off_at)',
}

/**
 * The lead part's medians (days between hand-off, acceptance, qualification, of the steps reached by T).
 * FILTER rather than CASE: a row outside a measure does not call its aggregate (about 15 % less time).
 */
const LEAD_MEDIANS = `median(${LEAD_DAYS.acc}) FILTER (WHERE accepted_at <= @t) AS dAcc,
  median(${LEAD_DAYS.qual}) FILTER (WHERE accepted_at <= @t AND qualified_at <= @t) AS dQual,
  median(${LEAD_DAYS.hQual}) FILTER (WHERE qualified_at <= @t) AS hQual`
/** With the counts (handed off, accepted and qualified by T). */
const LEAD_MEASURES = `count(*) AS handed,
  count(*) FILTER (WHERE accepted_at <= @t OR qualified_at <= @t) AS accepted,
  count(*) FILTER (WHERE qualified_at <= @t) AS qualified, ${LEAD_MEDIANS}`

/**
 * The funnel of `funnelRowsJoined`, the same rows, from what imports store on each lead (repos/worked.ts):
 * `opp_created_on`, `opp_known_on` and `opp_won_on`, dates compared with T's day in the workspace zone,
 * valid while the won stages are those the stored dates follow (`wonStagesJson` equal to
 * `storedWonStages`; the caller checks). In two parts, neither of which sorts the window's leads:
 * - the steps a lead reaches by its own dates (handed off, accepted, qualified), from index ranges: the
 *   window (leads_funnel_by_handoff), each cohort month (a range of the same index) and each source
 *   (leads_funnel_by_source, found by skipping through the index);
 * - the leads with an opportunity (leads_funnel_opp, a partial index of about one lead in ten): the
 *   opportunity and won steps, their days, and the leads those steps make accepted or qualified.
 * The medians are SQLite's, over the same values computed the same way as in the joined version.
 */
export function funnelRows(
  db: Database,
  start: string,
  end: string,
  monthStarts: readonly string[],
  asOf: string,
  timeZone: string,
): FunnelRow[] {
  const { t, tday, tz } = byT(asOf, timeZone)
  const range = 'FROM leads INDEXED BY leads_funnel_by_handoff WHERE handed_off_at >= @start AND handed_off_at < @end'
  const leadPart = db.prepare(`SELECT ${LEAD_MEASURES} ${range}`)
  const cohorts: [number, LeadPart][] = []
  for (let i = 0; i + 1 < monthStarts.length; i++) {
    const from = (monthStarts[i] as string) > start ? (monthStarts[i] as string) : start
    const to = (monthStarts[i + 1] as string) < end ? (monthStarts[i + 1] as string) : end
    if (from >= to) continue
    const r = leadPart.get({ start: from, end: to, t }) as LeadPart
    if (r.handed > 0) cohorts.push([i, r])
  }
  // The cohort months divide the window: its counts are theirs added up, its medians need their own pass.
  const total = (k: 'handed' | 'accepted' | 'qualified'): number => cohorts.reduce((n, [, c]) => n + c[k], 0)
  const all: LeadPart = {
    handed: total('handed'),
    accepted: total('accepted'),
    qualified: total('qualified'),
    ...(db.prepare(`SELECT ${LEAD_MEDIANS} ${range}`).get({ start, end, t }) as Pick<LeadPart, 'dAcc' | 'dQual' | 'hQual'>),
  }
  const sources: [string, LeadPart][] = []
  const bySource = db.prepare(
    `SELECT ${LEAD_MEASURES} FROM leads INDEXED BY leads_funnel_by_source
      WHERE lead_source = @source AND handed_off_at >= @start AND handed_off_at < @end`,
  )
  // Leads without a source and those with an empty one are one group, as in the joined version.
  const noSource = db
    .prepare(
      `SELECT ${LEAD_MEASURES} FROM leads INDEXED BY leads_funnel_by_source
        WHERE (lead_source IS NULL OR lead_source = '') AND handed_off_at >= @start AND handed_off_at < @end`,
    )
    .get({ start, end, t }) as LeadPart
  if (noSource.handed > 0) sources.push(['', noSource])
  const nextSource = db
    .prepare(`SELECT lead_source FROM leads INDEXED BY leads_funnel_by_source WHERE lead_source > ? ORDER BY lead_source LIMIT 1`)
    .pluck()
  for (let source = nextSource.get('') as string | undefined; source !== undefined; source = nextSource.get(source) as string | undefined) {
    const r = bySource.get({ source, start, end, t }) as LeadPart
    if (r.handed > 0) sources.push([source, r])
  }

  const params: Params = { start, end, t, tday, tz }
  const cohort = monthCase('handed_off_at', monthStarts, params)
  const dayStart = zonedDayStarts(db, tday, timeZone, params)
  const oppMeasures = `count(*) FILTER (WHERE has_opp AND NOT own_acc) AS accepted,
      count(*) FILTER (WHERE has_opp AND NOT own_qual) AS qualified,
      count(*) FILTER (WHERE has_opp) AS opportunity, count(*) FILTER (WHERE won) AS won,
      median(o - q) AS dOpp, median(wd - o) AS dWon, median(o - h) AS hOpp, median(wd - h) AS hWon`
  const opp = withZonedDays(db)
    .prepare(
      // A lead in this index without a known day names an opportunity that is not in the workspace: it
      // counts as having one (as in the joined version), with no dates.
      `WITH f AS MATERIALIZED (
         SELECT coalesce(lead_source, '') AS source, ${cohort} AS cohort,
                julianday(handed_off_at) AS h,
                julianday(CASE WHEN qualified_at <= @t THEN qualified_at END) AS q,
                CASE WHEN opp_created_on <= @tday THEN ${dayStart('opp_created_on')} END AS o,
                CASE WHEN opp_won_on <= @tday THEN ${dayStart('opp_won_on')} END AS wd,
                coalesce(opp_known_on <= @tday, 1) AS has_opp, coalesce(opp_won_on <= @tday, 0) AS won,
                coalesce(accepted_at <= @t OR qualified_at <= @t, 0) AS own_acc, coalesce(qualified_at <= @t, 0) AS own_qual
           FROM leads INDEXED BY leads_funnel_opp
          WHERE (opp_known_on IS NOT NULL OR opportunity_id IS NOT NULL) AND handed_off_at >= @start AND handed_off_at < @end
       )
       ${threeWays(oppMeasures)}`,
    )
    .all(params) as OppPart[]
  const oppOf = new Map(opp.map((r) => [`${r.kind}|${r.key}`, r]))
  const row = (kind: FunnelRow['kind'], key: string | number | null, l: LeadPart): FunnelRow => {
    const o = oppOf.get(`${kind}|${key}`)
    return {
      kind,
      key,
      handed: l.handed,
      accepted: l.accepted + (o?.accepted ?? 0),
      qualified: l.qualified + (o?.qualified ?? 0),
      opportunity: o?.opportunity ?? 0,
      won: o?.won ?? 0,
      dAcc: l.dAcc,
      dQual: l.dQual,
      dOpp: o?.dOpp ?? null,
      dWon: o?.dWon ?? null,
      hQual: l.hQual,
      hOpp: o?.hOpp ?? null,
      hWon: o?.hWon ?? null,
    }
  }
  return [row('all', null, all), ...sources.map(([source, l]) => row('source', source, l)), ...cohorts.map(([i, l]) => row('cohort', i, l))]
}
