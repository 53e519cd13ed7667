import type { Database } from 'better-sqlite3'
import {
  ACTION_TEAMS,
  LINKED_METRICS,
  type Accountability,
  type ActionTeam,
  type LinkState,
  type LinkedMetric,
  type Meeting,
  type MeetingSnapshot,
  type SinceLast,
} from '@shared/board'
import { MS_PER_DAY } from '@shared/time/calendar'
import { periodOf } from '@shared/time/periods'
import { isoOf, localDateOf, todayIn } from '@shared/time/zones'
import { boardSettings, type Settings } from '@shared/settings'
import { countDoneBetween, openCounts, type StoredItem } from '../db/repos/board'
import {
  handedOffBetween,
  linkedLead,
  linkedOpportunity,
  newlyBreached,
  ownerBreached,
  ownerLastCleared,
  rejectionsBetween,
} from '../db/repos/board-links'
import { handoffRange } from '../db/repos/leads'
import { breachThresholds, clockFor, handoffOverview, limitsOf } from './handoff'
import { handoffScope } from './scope'
import { targetsReport } from './targets'

/**
 * The meeting board's numbers (PRODUCT.md, "Meeting board"): a meeting's snapshot and what changed
 * since the last one, the accountability tables, and the linked numbers of action items now against
 * when each item was made, with whether what caused the item has recovered.
 */

type TargetNumbers = MeetingSnapshot['targets']
type HandoffNumbers = MeetingSnapshot['handoff']

/** The Targets report of the fiscal quarter of the instant's day, as a snapshot keeps it. */
function targetNumbers(db: Database, settings: Settings, at: Date): TargetNumbers {
  const asOfDate = todayIn(settings.timezone, at)
  const period = periodOf(asOfDate, 'quarter', settings.fiscalYearStartMonth)
  const t = targetsReport(db, settings, { period, asOf: asOfDate })
  const m = t.metrics
  return {
    period,
    from: t.range.start,
    to: t.range.end,
    asOf: t.asOf,
    currency: t.currency,
    target: m.target,
    closedWon: m.closedWon,
    attainment: m.attainment,
    pace: m.pace,
    gap: m.gap,
    forecast: m.forecast,
    coverage: m.coverage,
    bySource: m.bySource,
  }
}

/** The Handoff report at the instant (its default window), as a snapshot keeps it. */
function handoffNumbers(db: Database, settings: Settings, at: Date): HandoffNumbers {
  const scope = handoffScope(settings, { asOf: null, from: null, to: null }, at)
  const h = handoffOverview(db, settings, scope)
  return {
    fromDate: scope.fromDate,
    toDate: scope.toDate,
    mqls: h.handedOff,
    acceptanceRate: h.acceptanceRate,
    slaAttainment: h.slaAttainment,
    medianHoursToFirstTouch: h.medianHoursToFirstTouch,
    backlog: h.backlog,
    breached: h.breached,
  }
}

/** The key numbers at an instant: the Targets report of the fiscal quarter of that day, and the Handoff report at it. */
function keyNumbers(db: Database, settings: Settings, at: Date): Pick<MeetingSnapshot, 'asOf' | 'asOfDate' | 'targets' | 'handoff'> {
  return {
    asOf: isoOf(at.getTime()),
    asOfDate: todayIn(settings.timezone, at),
    targets: targetNumbers(db, settings, at),
    handoff: handoffNumbers(db, settings, at),
  }
}

const points = (now: number | null, then: number | null): number | null =>
  now === null || then === null ? null : Math.round((now - then) * 1000) / 10

/**
 * What changed since the previous meeting's snapshot: the two snapshots' numbers, and from the data
 * between them the new MQLs, the new breaches and the items closed; the items slipped and carried as
 * they stand when this meeting starts.
 */
export function sinceLast(
  db: Database,
  settings: Settings,
  now: Pick<MeetingSnapshot, 'asOf' | 'asOfDate' | 'targets'>,
  previous: Meeting & { snapshot: MeetingSnapshot },
): SinceLast {
  const p = previous.snapshot
  const limits = limitsOf(settings)
  const clock = clockFor(settings, handoffRange(db))
  const open = openCounts(db, now.asOfDate)
  return {
    previousMeetingId: previous.id,
    previousTitle: previous.title,
    previousAsOf: p.asOf,
    attainmentChange: points(now.targets.attainment, p.targets.attainment),
    paceChange: points(now.targets.pace, p.targets.pace),
    newMqls: handedOffBetween(db, p.asOf, now.asOf),
    newBreaches: newlyBreached(
      db,
      now.asOf,
      breachThresholds(clock, limits, Date.parse(now.asOf)),
      breachThresholds(clock, limits, Date.parse(p.asOf)),
    ),
    itemsClosed: countDoneBetween(db, p.asOf, now.asOf),
    itemsSlipped: open.slipped,
    itemsCarried: open.carried,
  }
}

/** The snapshot a meeting freezes when it starts. */
export function meetingSnapshot(
  db: Database,
  settings: Settings,
  at: Date,
  previous: (Meeting & { snapshot: MeetingSnapshot }) | null,
): MeetingSnapshot {
  const numbers = keyNumbers(db, settings, at)
  return { ...numbers, sinceLast: previous ? sinceLast(db, settings, numbers, previous) : null, settings }
}

// ---------------------------------------------------------------------------------------------------
// Accountability

const empty = (): Accountability => ({ open: 0, overdue: 0, doneOnTime: 0, doneLate: 0, carriedTwiceOrMore: 0 })

/** An open item is overdue when its due date is before today (the workspace's local date). */
export const isOverdue = (i: Pick<StoredItem, 'status' | 'dueDate'>, today: string): boolean =>
  i.status !== 'done' && i.dueDate !== null && i.dueDate < today

/**
 * Per owner ('' for items without one) and per team: open, overdue, done on time (on or before the due
 * date, or without one), done late, carried twice or more (whatever the status).
 */
export function accountability(
  items: readonly Pick<StoredItem, 'status' | 'dueDate' | 'doneAt' | 'owner' | 'team' | 'timesCarried'>[],
  today: string,
  timeZone: string,
): { byOwner: Record<string, Accountability>; byTeam: Record<ActionTeam, Accountability> } {
  const byOwner = new Map<string, Accountability>()
  const byTeam = Object.fromEntries(ACTION_TEAMS.map((t) => [t, empty()])) as Record<ActionTeam, Accountability>
  for (const i of items) {
    const o = byOwner.get(i.owner) ?? empty()
    byOwner.set(i.owner, o)
    for (const a of [o, byTeam[i.team]]) {
      if (i.status !== 'done') {
        a.open++
        if (isOverdue(i, today)) a.overdue++
      } else if (i.dueDate === null || i.doneAt === null || localDateOf(Date.parse(i.doneAt), timeZone) <= i.dueDate) a.doneOnTime++
      else a.doneLate++
      if (i.timesCarried >= 2) a.carriedTwiceOrMore++
    }
  }
  return { byOwner: Object.fromEntries([...byOwner].sort((a, b) => a[0].localeCompare(b[0]))), byTeam }
}

// ---------------------------------------------------------------------------------------------------
// Linked numbers and recovery

/** The number a link shows, as stored with the item when it is made ("then") and computed now. */
export interface LinkNumber {
  text: string
  recoveredSince: string | null
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`)
const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** The current metrics a metric link compares. */
export type MetricValues = Readonly<Record<LinkedMetric, number | null>>

/**
 * The linked metrics at an instant, each report computed when first read and only once: attainment and
 * pace read the Targets report, the others the Handoff report, so a board whose links name only one
 * side never computes the other.
 */
export function metricValues(db: Database, settings: Settings, now: Date): MetricValues {
  let t: TargetNumbers | undefined
  let h: HandoffNumbers | undefined
  const targets = (): TargetNumbers => (t ??= targetNumbers(db, settings, now))
  const handoff = (): HandoffNumbers => (h ??= handoffNumbers(db, settings, now))
  return {
    get attainment() {
      return targets().attainment
    },
    get pace() {
      return targets().pace
    },
    get slaAttainment() {
      return handoff().slaAttainment
    },
    get acceptanceRate() {
      return handoff().acceptanceRate
    },
    get backlog() {
      return handoff().backlog
    },
  }
}

/** Whether a metric is at its goal: pace (and attainment judged by pace) on track, rates at their goal, backlog at or under it. */
function metricAtGoal(metric: LinkedMetric, values: MetricValues, settings: Settings): boolean | null {
  const goals = boardSettings(settings).goals
  switch (metric) {
    case 'attainment':
    case 'pace':
      return values.pace === null ? null : values.pace >= 1
    case 'slaAttainment':
      return values.slaAttainment === null ? null : values.slaAttainment >= goals.slaAttainment
    case 'acceptanceRate':
      return values.acceptanceRate === null ? null : values.acceptanceRate >= goals.acceptanceRate
    case 'backlog':
      return values.backlog === null ? null : values.backlog <= goals.backlog
  }
}

function metricText(metric: LinkedMetric, values: MetricValues): string {
  const v = values[metric]
  return metric === 'backlog' ? (v === null ? 'n/a' : plural(v, 'lead', 'leads')) : pct(v)
}

/** Reasons are counted over the 30 days ending now. */
const REASON_WINDOW_DAYS = 30

/**
 * A link's number now, and since when (local date) it has recovered: a lead once it was worked; an
 * owner once none of their leads is breached (since the last of their leads was worked or recycled
 * after the item was made, else since the item was made); a rejection reason once no lead was rejected
 * for it in 30 days; an opportunity once it is won; a metric once it is at its goal (since the oldest
 * meeting snapshot from which on it stayed there, else today). Undefined when what it points to is gone.
 */
export function linkNow(
  db: Database,
  settings: Settings,
  item: Pick<StoredItem, 'link' | 'createdAt'>,
  now: Date,
  metrics: () => MetricValues,
  snapshots: () => readonly MeetingSnapshot[],
): LinkNumber | undefined {
  const link = item.link
  if (!link) return undefined
  const tz = settings.timezone
  const T = now.getTime()
  const local = (iso: string): string => localDateOf(Date.parse(iso), tz)
  switch (link.kind) {
    case 'lead': {
      const lead = linkedLead(db, Number(link.id))
      if (!lead) return undefined
      if (lead.workedAt !== null && Date.parse(lead.workedAt) <= T)
        return { text: `worked ${local(lead.workedAt)}`, recoveredSince: local(lead.workedAt) }
      if (lead.recycledAt !== null && Date.parse(lead.recycledAt) <= T) return { text: 'recycled to nurture', recoveredSince: null }
      if (lead.handedOffAt === null) return { text: 'not handed off', recoveredSince: null }
      const hours = Math.floor((T - Date.parse(lead.handedOffAt)) / 3_600_000)
      return { text: `waiting ${plural(hours, 'hour', 'hours')}`, recoveredSince: null }
    }
    case 'owner': {
      const clock = clockFor(settings, handoffRange(db))
      const n = ownerBreached(db, link.id, isoOf(T), breachThresholds(clock, limitsOf(settings), T))
      if (n > 0) return { text: plural(n, 'breached lead', 'breached leads'), recoveredSince: null }
      const cleared = ownerLastCleared(db, link.id, item.createdAt, isoOf(T))
      return { text: '0 breached leads', recoveredSince: local(cleared ?? item.createdAt) }
    }
    case 'reason': {
      const from = isoOf(T - REASON_WINDOW_DAYS * MS_PER_DAY)
      const r = rejectionsBetween(db, link.id, from, isoOf(T))
      const text = `${plural(r.n, 'rejection', 'rejections')} in 30 days`
      if (r.n > 0) return { text, recoveredSince: null }
      const last = rejectionsBetween(db, link.id, '', isoOf(T)).last
      return {
        text,
        recoveredSince: last === null ? local(item.createdAt) : local(isoOf(Date.parse(last) + REASON_WINDOW_DAYS * MS_PER_DAY)),
      }
    }
    case 'opportunity': {
      const o = linkedOpportunity(db, Number(link.id))
      if (!o) return undefined
      const rule = settings.stages.find((s) => s.match.toLowerCase() === (o.stage ?? '').trim().toLowerCase())
      const text = `${o.stage ?? 'no stage'}${o.closeDate ? `, closes ${o.closeDate}` : ''}`
      return { text, recoveredSince: rule?.category === 'won' ? (o.closeDate ?? todayIn(tz, now)) : null }
    }
    case 'metric': {
      const metric = link.id as LinkedMetric
      if (!(LINKED_METRICS as readonly string[]).includes(metric)) return undefined
      const values = metrics()
      if (metricAtGoal(metric, values, settings) !== true) return { text: metricText(metric, values), recoveredSince: null }
      // Walk back through the meetings' snapshots, newest first, while the metric was at its goal.
      let since = todayIn(tz, now)
      for (const s of snapshots()) {
        const then: MetricValues = {
          attainment: s.targets.attainment,
          pace: s.targets.pace,
          slaAttainment: s.handoff.slaAttainment,
          acceptanceRate: s.handoff.acceptanceRate,
          backlog: s.handoff.backlog,
        }
        if (metricAtGoal(metric, then, settings) !== true || s.asOf < item.createdAt) break
        since = s.asOfDate
      }
      return { text: metricText(metric, values), recoveredSince: since }
    }
  }
}

/** The LinkState of an item: its number then (stored) and now. */
export function linkState(stored: unknown, now: LinkNumber | undefined): LinkState {
  const then =
    typeof stored === 'object' && stored !== null && typeof (stored as { text?: unknown }).text === 'string'
      ? (stored as { text: string }).text
      : null
  if (now === undefined) return { then, now: null, recoveredSince: null, missing: 'no longer in the workspace (its import was undone)' }
  return { then, now: now.text, recoveredSince: now.recoveredSince, missing: null }
}
