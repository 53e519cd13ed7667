import type { Database } from 'better-sqlite3'
import {
  AGING_BUCKETS,
  type AgingBucket,
  type BacklogGroup,
  type HandoffMetrics,
  type HandoffOverview,
  type HandoffScope,
  type MonthTrend,
} from '@shared/handoff'
import type { Settings } from '@shared/settings'
import {
  WORKED_COLUMNS,
  backlogRows,
  countWithoutHandoff,
  handoffRange,
  hasWorkedDates,
  trendRows,
  windowCounts,
  workedInWindow,
  type WindowCounts,
  type BacklogRow,
  type ByGrade,
  type GradeThresholds,
} from '../db/repos/leads'
import { mqlTargetsBetween } from '../db/repos/mql-targets'
import { slaClock, type SlaClock } from '@shared/time/business-clock'
import { MS_PER_HOUR, monthsBetween, nextMonth } from '@shared/time/calendar'
import { instantOf, isoOf, localDateOf } from '@shared/time/zones'

/**
 * The Handoff metrics (PRODUCT.md, "Metric definitions: Handoff"), computed with the CURRENT settings:
 * today's grade limits and clock apply to every lead, also to leads handed off when the limits were
 * different (the settings history is shown beside the numbers, not applied to them).
 */

/** SLA limits of the settings: grade (trimmed, upper case) -> hours, and the `*` limit. */
export interface Limits {
  byGrade: Map<string, number>
  other: number
}

/**
 * How a grade is compared: trimmed and upper-cased the way SQLite's upper() does it (ASCII letters only),
 * so that the SQL of the breach counts and this code give every lead the same limit.
 */
export function gradeKey(grade: string): string {
  return grade.trim().replace(/[a-z]/g, (c) => c.toUpperCase())
}

export function limitsOf(settings: Settings): Limits {
  const { '*': other, ...grades } = settings.sla.firstTouchHours
  // The settings schema requires the "*" entry; a document without it never gets this far.
  if (other === undefined) throw new Error('settings have no "*" first-touch limit')
  const byGrade = new Map<string, number>()
  // Of two keys differing only in case, the first listed wins.
  for (const [grade, hours] of Object.entries(grades)) if (!byGrade.has(gradeKey(grade))) byGrade.set(gradeKey(grade), hours)
  return { byGrade, other }
}

/** A lead's limit in hours: its grade's, or `*` when the grade is empty or has no entry. */
export function limitHours(limits: Limits, grade: string | null): number {
  return limits.byGrade.get(gradeKey(grade ?? '')) ?? limits.other
}

/** An instant as SQL text; ±Infinity become strings below / above every timestamp. */
function sqlInstant(x: number): string {
  if (Number.isFinite(x)) return isoOf(x)
  return x < 0 ? '' : '~'
}

/** Per grade, the hand-off instant before which a backlog lead is past its limit at T. */
export function breachThresholds(clock: SlaClock, limits: Limits, asOf: number): GradeThresholds {
  const grades = [...limits.byGrade.keys()]
  return {
    grades,
    values: grades.map((g) => sqlInstant(clock.moreThan(asOf, (limits.byGrade.get(g) as number) * MS_PER_HOUR))),
    other: sqlInstant(clock.moreThan(asOf, limits.other * MS_PER_HOUR)),
  }
}

function limitsInMs(limits: Limits): ByGrade<number> {
  const grades = [...limits.byGrade.keys()]
  return { grades, values: grades.map((g) => (limits.byGrade.get(g) as number) * MS_PER_HOUR), other: limits.other * MS_PER_HOUR }
}

/** The clock for this workspace: it never walks back before the first hand-off (`range`). */
export function clockFor(settings: Settings, range: { first: string } | null): SlaClock {
  return slaClock(settings.sla, settings.timezone, range ? Date.parse(range.first) : Number.NaN)
}

const NO_REASON = '(no reason)'

/** A reason as the settings spell it (matched case-insensitively), else as imported; empty -> "(no reason)". */
function reasonKey(known: Map<string, string>, raw: string | null): string {
  const text = (raw ?? '').trim()
  if (text === '') return NO_REASON
  return known.get(text.toLowerCase()) ?? text
}

function median(values: number[]): number | null {
  if (values.length === 0) return null
  values.sort((a, b) => a - b)
  const mid = values.length >> 1
  return values.length % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2
}

function groupBy(rows: readonly BacklogRow[], key: (r: BacklogRow) => string | null): BacklogGroup[] {
  const groups = new Map<string, BacklogGroup>()
  for (const r of rows) {
    const k = key(r) ?? ''
    const g = groups.get(k) ?? { key: k, backlog: 0, breached: 0 }
    g.backlog += r.backlog
    g.breached += r.breached
    groups.set(k, g)
  }
  // Breached first: the groups that need a word in the meeting lead the list.
  return [...groups.values()].sort((a, b) => b.breached - a.breached || b.backlog - a.backlog || a.key.localeCompare(b.key))
}

/** Months shown in the trends: the 12 months up to T's month. */
const TREND_MONTHS = 12

function knownReasons(settings: Settings): Map<string, string> {
  return new Map(settings.rejectionReasons.map((r) => [r.trim().toLowerCase(), r]))
}

/**
 * Rejections by reason and recycled leads per month of the workspace zone, for the 12 months up to T's
 * month (T included, nothing after it). A chart of its own, so not part of the report.
 */
export function handoffTrends(db: Database, settings: Settings, asOf: number): MonthTrend[] {
  const known = knownReasons(settings)
  const tz = settings.timezone
  const last = localDateOf(asOf, tz).slice(0, 7)
  let first = last
  for (let i = 1; i < TREND_MONTHS; i++) first = monthsBefore(first)
  const months = monthsBetween(`${first}-01`, `${last}-01`)
  const starts = [...months, nextMonth(last)].map((m) => isoOf(instantOf(`${m}-01`, null, tz)))
  const rows = trendRows(db, starts, isoOf(asOf))
  const out: MonthTrend[] = months.map((month) => ({ month, rejected: {}, recycled: 0 }))
  for (const r of rows.rejected) {
    const t = out[r.month]
    if (!t) continue
    const k = reasonKey(known, r.reason)
    t.rejected[k] = (t.rejected[k] ?? 0) + r.n
  }
  for (const r of rows.recycled) {
    const t = out[r.month]
    if (t) t.recycled += r.n
  }
  return out
}

function monthsBefore(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/**
 * The MQL target of the window: each month's target times the share of that month the window covers.
 * Null unless every month the window touches has a target (a partial target would read as a miss).
 */
function windowTarget(db: Database, settings: Settings, start: number, end: number): number | null {
  const tz = settings.timezone
  const months = monthsBetween(localDateOf(start, tz), localDateOf(end, tz))
  const targets = new Map(mqlTargetsBetween(db, months[0] as string, months[months.length - 1] as string).map((t) => [t.month, t.mqls]))
  let total = 0
  for (const m of months) {
    const mqls = targets.get(m)
    if (mqls === undefined) return null
    const mStart = instantOf(`${m}-01`, null, tz)
    const mEnd = instantOf(`${nextMonth(m)}-01`, null, tz)
    const covered = Math.min(end + 1, mEnd) - Math.max(start, mStart)
    total += (mqls * Math.max(0, covered)) / (mEnd - mStart)
  }
  return Math.round(total * 10) / 10
}

/**
 * The handoff report at T over a window: the metrics of `report handoff` plus what the view shows beside
 * them. The backlog is bucketed with range conditions (see SlaClock); the window's counts are SQL
 * aggregates; only the worked leads' two instants come to JS, for their SLA time.
 */
export function handoffOverview(db: Database, settings: Settings, scope: HandoffScope): HandoffOverview {
  const T = Date.parse(scope.asOf)
  const asOfIso = scope.asOf
  const limits = limitsOf(settings)
  const dataRange = handoffRange(db)
  const clock = clockFor(settings, dataRange)
  const breach = breachThresholds(clock, limits, T)

  // --- backlog at T
  const atLeast = [4, 24, 72, 168].map((h) => sqlInstant(clock.atLeast(T, h * MS_PER_HOUR))) as [string, string, string, string]
  const tz = settings.timezone
  const rows = backlogRows(db, asOfIso, atLeast, breach, tz)
  const sum = (f: (r: BacklogRow) => number): number => rows.reduce((s, r) => s + f(r), 0)
  const backlog = sum((r) => r.backlog)
  const ge = [sum((r) => r.ge4), sum((r) => r.ge24), sum((r) => r.ge72), sum((r) => r.ge168)] as const
  const aging: Record<AgingBucket, number> = {
    '<4h': backlog - ge[0],
    '4-24h': ge[0] - ge[1],
    '1-3d': ge[1] - ge[2],
    '3-7d': ge[2] - ge[3],
    '>7d': ge[3],
  }
  const grades = groupBy(rows, (r) => r.grade).map((g) => ({ ...g, limitHours: limitHours(limits, g.key) }))

  // --- window metrics
  const { windowStart, windowEnd } = scope
  const counts: WindowCounts = { handedOff: 0, workedByT: 0, accepted: 0, rejected: 0, recycled: 0, pastLimitUnworked: 0 }
  const known = knownReasons(settings)
  const reasons: Record<string, number> = {}
  for (const group of windowCounts(db, windowStart, windowEnd, asOfIso, breach, tz)) {
    for (const k of Object.keys(counts) as (keyof WindowCounts)[]) counts[k] += group[k]
    if (group.rejected > 0) {
      const k = reasonKey(known, group.reason)
      reasons[k] = (reasons[k] ?? 0) + group.rejected
    }
  }
  let withinLimit = 0
  const hours: number[] = []
  for (const [handed, worked, limitMs] of workedInWindow(db, windowStart, windowEnd, asOfIso, limitsInMs(limits), tz)) {
    const elapsed = clock.elapsed(handed, worked)
    hours.push(elapsed / MS_PER_HOUR)
    if (elapsed <= limitMs) withinLimit++
  }
  const rate = (n: number, d: number): number | null => (d === 0 ? null : n / d)
  // Where the leads carry no worked date at all, every one of them would read as waiting and breached:
  // the export cannot measure the SLA (PRODUCT.md), so the numbers say so instead.
  const backlogMeasurable = backlog === 0 || hasWorkedDates(db, '', asOfIso)
  const windowMeasurable = counts.handedOff === 0 || hasWorkedDates(db, windowStart, windowEnd)
  const slaMeasurable = backlogMeasurable && windowMeasurable

  return {
    backlog: backlogMeasurable ? backlog : null,
    breached: backlogMeasurable ? sum((r) => r.breached) : null,
    aging: backlogMeasurable ? aging : null,
    slaAttainment: windowMeasurable ? rate(withinLimit, counts.workedByT + counts.pastLimitUnworked) : null,
    medianHoursToFirstTouch: median(hours),
    acceptanceRate: rate(counts.accepted, counts.workedByT),
    rejectionRate: rate(counts.rejected, counts.workedByT),
    rejectionReasons: Object.fromEntries(Object.entries(reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    scope,
    ...counts,
    withinLimit,
    mqlTarget: windowTarget(db, settings, Date.parse(windowStart), Date.parse(windowEnd)),
    backlogBy: { owner: groupBy(rows, (r) => r.owner), grade: grades, source: groupBy(rows, (r) => r.source) },
    limits: { ...settings.sla.firstTouchHours },
    dataRange,
    slaMeasurable,
    slaNeeds: slaMeasurable ? [] : [...WORKED_COLUMNS],
    waitingUnmeasured: backlogMeasurable ? 0 : backlog,
    withoutHandoff: countWithoutHandoff(db),
  }
}

/** Exactly the keys `report handoff --json` prints, in the documented order. */
export function handoffMetrics(o: HandoffOverview): HandoffMetrics {
  const aging = o.aging
  return {
    backlog: o.backlog,
    breached: o.breached,
    aging: aging === null ? null : (Object.fromEntries(AGING_BUCKETS.map((b) => [b, aging[b]])) as Record<AgingBucket, number>),
    slaAttainment: o.slaAttainment,
    medianHoursToFirstTouch: o.medianHoursToFirstTouch,
    acceptanceRate: o.acceptanceRate,
    rejectionRate: o.rejectionRate,
    rejectionReasons: o.rejectionReasons,
    slaMeasurable: o.slaMeasurable,
    slaNeeds: o.slaNeeds,
  }
}
