import type { Database } from 'better-sqlite3'
import type { LeadDetail, LeadPage, LeadQuery, LeadRow, TimelineEvent } from '@shared/handoff'
import type { Settings } from '@shared/settings'
import { AppError } from '../errors'
import { STATUS_CODES, handoffRange, hasWorkedDates, leadById, leadPage, opportunitiesOfLead, type LeadListRow } from '../db/repos/leads'
import { breachThresholds, clockFor, limitHours, limitsOf } from './handoff'
import { parseAsOf } from './scope'
import { type SlaClock } from '@shared/time/business-clock'
import { MS_PER_HOUR } from '@shared/time/calendar'

/** The lead table and a lead's timeline, at an as-of time T, with the same statuses as the metrics. */

interface Context {
  asOf: number
  asOfIso: string
  clock: SlaClock
  limits: ReturnType<typeof limitsOf>
  /** No lead handed off by T carries a worked date: "waiting" and "breached" cannot be told apart. */
  unmeasurable: boolean
}

function contextOf(db: Database, settings: Settings, asOf: string | null, now: Date): Context {
  const t = asOf === null ? now.getTime() : parseAsOf(asOf, settings.timezone)
  const asOfIso = new Date(t).toISOString()
  return {
    asOf: t,
    asOfIso,
    clock: clockFor(settings, handoffRange(db)),
    limits: limitsOf(settings),
    unmeasurable: !hasWorkedDates(db, '', asOfIso),
  }
}

/** SLA hours a lead waited: to its worked time, or while unworked to T (or to its recycling before T). */
function elapsedHours(c: Context, r: LeadListRow): number | null {
  if (r.handedOffAt === null || r.handedOffAt > c.asOfIso) return null
  const end =
    r.workedAt !== null && r.workedAt <= c.asOfIso ? r.workedAt : r.recycledAt !== null && r.recycledAt <= c.asOfIso ? r.recycledAt : null
  return c.clock.elapsed(Date.parse(r.handedOffAt), end === null ? c.asOf : Date.parse(end)) / MS_PER_HOUR
}

function rowOf(c: Context, r: LeadListRow): LeadRow {
  const status = STATUS_CODES[r.status] ?? 'upcoming'
  // Without worked dates in the export, a lead not known to be worked is not known to wait either.
  if (c.unmeasurable && (status === 'breached' || status === 'waiting')) {
    return { ...measuredRowOf(c, r), status: 'unmeasured', elapsedHours: null }
  }
  return measuredRowOf(c, r)
}

function measuredRowOf(c: Context, r: LeadListRow): LeadRow {
  return {
    id: r.id,
    externalId: r.externalId,
    name: r.name,
    company: r.company,
    owner: r.owner,
    grade: r.grade,
    source: r.source,
    handedOffAt: r.handedOffAt,
    workedAt: r.workedAt,
    status: STATUS_CODES[r.status] ?? 'upcoming',
    elapsedHours: elapsedHours(c, r),
    limitHours: limitHours(c.limits, r.grade),
  }
}

/** One page of the leads handed off at or before T, filtered, searched and sorted in SQL. */
export function leadTable(db: Database, settings: Settings, q: LeadQuery, now: Date): LeadPage {
  const c = contextOf(db, settings, q.asOf, now)
  const { total, rows } = leadPage(
    db,
    {
      asOf: c.asOfIso,
      timeZone: settings.timezone,
      breach: breachThresholds(c.clock, c.limits, c.asOf),
      owner: q.owner,
      grade: q.grade,
      source: q.source,
      status: q.status,
      reason: q.reason ?? null,
      search: q.search,
    },
    q.sort,
    q.descending,
    q.offset,
    q.limit,
  )
  return { total, offset: q.offset, rows: rows.map((r) => rowOf(c, r)) }
}

/** A lead with its timeline: every dated step, oldest first, and its opportunities. */
export function leadDetail(db: Database, settings: Settings, id: number, asOf: string | null, now: Date): LeadDetail {
  const c = contextOf(db, settings, asOf, now)
  const r = leadById(db, id, c.asOfIso, breachThresholds(c.clock, c.limits, c.asOf), settings.timezone)
  if (!r) throw new AppError('NOT_FOUND', 'This lead is no longer in the workspace (was its import undone?).')
  const events: TimelineEvent[] = []
  const add = (kind: TimelineEvent['kind'], at: string | null, detail?: string): void => {
    if (at !== null) events.push(detail === undefined ? { kind, at } : { kind, at, detail })
  }
  add('created', r.createdAt)
  add('handedOff', r.handedOffAt)
  add('accepted', r.acceptedAt)
  add('firstTouch', r.firstTouchAt)
  add('rejected', r.rejectedAt, r.rejectionReason ?? undefined)
  add('recycled', r.recycledAt)
  add('qualified', r.qualifiedAt)
  const won = new Set(settings.stages.filter((s) => s.category === 'won').map((s) => s.match.trim().toLowerCase()))
  const lost = new Set(settings.stages.filter((s) => s.category === 'lost').map((s) => s.match.trim().toLowerCase()))
  for (const o of opportunitiesOfLead(db, r.externalId, r.opportunityId)) {
    const label = [o.name, o.externalId].filter(Boolean).join(' · ')
    // Without a created date (Olist's closed deals have none) the won or lost step still shows it.
    add('opportunity', o.createdAt, `${label}${o.stage ? ` (${o.stage})` : ''}`)
    const stage = (o.stage ?? '').trim().toLowerCase()
    if (won.has(stage)) add('won', o.closeDate, label)
    else if (lost.has(stage)) add('lost', o.closeDate, label)
  }
  // Dates (opportunities) sort as the start of their day, before the timestamps of that day.
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  return {
    ...rowOf(c, r),
    email: r.email,
    campaign: r.campaign,
    segment: r.segment,
    sourceSystem: r.sourceSystem,
    rejectionReason: r.rejectionReason,
    opportunityId: r.opportunityId,
    events,
  }
}
