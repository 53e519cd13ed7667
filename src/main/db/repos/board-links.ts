import type { Database } from 'better-sqlite3'
import { WORKED_AT, gradeCase, type GradeThresholds } from './leads'

/** What the meeting board reads from the imported data: the since-last counts and the linked numbers. */

type Params = Record<string, string | number>

/** Leads handed off in (from, to] (UTC ISO instants). */
export function handedOffBetween(db: Database, from: string, to: string): number {
  return (db.prepare('SELECT count(*) AS n FROM leads WHERE handed_off_at > ? AND handed_off_at <= ?').get(from, to) as { n: number }).n
}

/**
 * Leads breached at T that were not breached at an earlier time P: a lead breached at T was unworked and
 * not recycled at P too, so it was not breached at P exactly when it was not yet past its limit then
 * (handed off at or after P's threshold for its grade).
 */
export function newlyBreached(db: Database, asOf: string, breachAt: GradeThresholds, breachBefore: GradeThresholds): number {
  const params: Params = { t: asOf }
  const now = gradeCase(breachAt, params, 'n')
  const then = gradeCase(breachBefore, params, 'p')
  return (
    db
      .prepare(
        `SELECT count(*) AS n FROM leads INDEXED BY leads_unworked
          WHERE ${WORKED_AT} > @t AND handed_off_at <= @t AND (recycled_at IS NULL OR recycled_at > @t)
            AND handed_off_at < ${now} AND handed_off_at >= ${then}`,
      )
      .get(params) as { n: number }
  ).n
}

export interface LinkedLead {
  handedOffAt: string | null
  /** The worked time (UTC ISO), null when never worked. */
  workedAt: string | null
  recycledAt: string | null
  grade: string | null
}

export function linkedLead(db: Database, id: number): LinkedLead | undefined {
  return db
    .prepare(
      `SELECT handed_off_at AS handedOffAt, nullif(${WORKED_AT}, '~') AS workedAt, recycled_at AS recycledAt, grade FROM leads WHERE id = ?`,
    )
    .get(id) as LinkedLead | undefined
}

/** An owner's backlog leads past their limit at T (`breach`: see backlogRows). */
export function ownerBreached(db: Database, owner: string, asOf: string, breach: GradeThresholds): number {
  const params: Params = { t: asOf, o: owner }
  const limit = gradeCase(breach, params, 'b')
  return (
    db
      .prepare(
        `SELECT count(*) AS n FROM leads INDEXED BY leads_unworked
          WHERE ${WORKED_AT} > @t AND handed_off_at <= @t AND (recycled_at IS NULL OR recycled_at > @t)
            AND handed_off_at < ${limit} AND owner = @o`,
      )
      .get(params) as { n: number }
  ).n
}

/** The last time one of an owner's leads was worked or recycled in (from, to]: when a breach last cleared. */
export function ownerLastCleared(db: Database, owner: string, from: string, to: string): string | null {
  return (
    db
      .prepare(
        `SELECT max(max(coalesce(nullif(${WORKED_AT}, '~'), ''), coalesce(recycled_at, ''))) AS at FROM leads
          WHERE owner = @o AND ((${WORKED_AT} > @f AND ${WORKED_AT} <= @t) OR (recycled_at > @f AND recycled_at <= @t))`,
      )
      .get({ o: owner, f: from, t: to }) as { at: string | null }
  ).at
}

/** Rejections with a reason (case-insensitive) in (from, to], and the last of them. */
export function rejectionsBetween(db: Database, reason: string, from: string, to: string): { n: number; last: string | null } {
  return db
    .prepare(
      `SELECT count(*) AS n, max(rejected_at) AS last FROM leads
        WHERE rejected_at > ? AND rejected_at <= ? AND lower(trim(coalesce(rejection_reason, ''))) = lower(trim(?))`,
    )
    .get(from, to, reason) as { n: number; last: string | null }
}

export interface LinkedOpportunityRow {
  stage: string | null
  amountMinor: number | null
  currency: string | null
  closeDate: string | null
}

export function linkedOpportunity(db: Database, id: number): LinkedOpportunityRow | undefined {
  return db
    .prepare('SELECT stage, amount_minor AS amountMinor, currency, close_date AS closeDate FROM opportunities WHERE id = ?')
    .get(id) as LinkedOpportunityRow | undefined
}

/** The opportunities with a CRM id (one per source system that has it), to link an item to one. */
export function opportunitiesByExternalId(db: Database, externalId: string): { id: number; name: string | null; sourceSystem: string }[] {
  return db
    .prepare('SELECT id, name, source_system AS sourceSystem FROM opportunities WHERE external_id = ? ORDER BY id LIMIT 5')
    .all(externalId) as { id: number; name: string | null; sourceSystem: string }[]
}
