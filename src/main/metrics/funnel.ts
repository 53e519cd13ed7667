import type { Database } from 'better-sqlite3'
import { FUNNEL_STEPS, type FunnelQuery, type FunnelReport, type FunnelStep } from '@shared/handoff'
import type { Settings } from '@shared/settings'
import { AppError } from '../errors'
import { funnelRows, funnelRowsJoined, handoffRange, type FunnelRow } from '../db/repos/leads'
import { storedWonStages, wonStagesJson } from '../db/repos/worked'
import { dateRange, parseAsOf } from './scope'
import { dateOfDay, dayNumber, monthsBetween, nextMonth } from '@shared/time/calendar'
import { instantOf, isoOf, localDateOf } from '@shared/time/zones'

/**
 * The funnel handed off → accepted → qualified → opportunity → won of the leads handed off from..to
 * (local dates, inclusive; by default every lead handed off by T), overall, by source and by cohort month
 * (the month of the hand-off, in the workspace zone), as it stood at the as-of time T (default: now).
 * How a lead reaches a step: see `funnelRows`.
 */

/** More cohort months than this is no longer a readable table; the user narrows the window. */
const MAX_MONTHS = 600

const days = (d: number | null): number | null => (d === null ? null : Math.round(d * 10) / 10)

function stepsOf(r: FunnelRow | undefined): FunnelStep[] {
  const counts = r ? [r.handed, r.accepted, r.qualified, r.opportunity, r.won] : [0, 0, 0, 0, 0]
  const fromPrevious = r ? [null, r.dAcc, r.dQual, r.dOpp, r.dWon] : []
  const fromHandoff = r ? [null, r.dAcc, r.hQual, r.hOpp, r.hWon] : []
  return FUNNEL_STEPS.map((step, i) => {
    const previous = i === 0 ? 0 : (counts[i - 1] as number)
    return {
      step,
      count: counts[i] as number,
      conversion: i === 0 || previous === 0 ? null : (counts[i] as number) / previous,
      medianDaysFromPrevious: days(fromPrevious[i] ?? null),
      medianDaysFromHandoff: days(fromHandoff[i] ?? null),
    }
  })
}

export function funnelReport(db: Database, settings: Settings, query: FunnelQuery, now: Date = new Date()): FunnelReport {
  const tz = settings.timezone
  const T = query.asOf === null ? now.getTime() : parseAsOf(query.asOf, tz)
  const asOf = isoOf(T)
  let range = dateRange(query.from, query.to)
  if (range === null) {
    const data = handoffRange(db)
    if (data === null || data.first > asOf) return { from: null, to: null, asOf, steps: stepsOf(undefined), bySource: [], byCohort: [] }
    range = { from: localDateOf(Date.parse(data.first), tz), to: localDateOf(Math.min(Date.parse(data.last), T), tz) }
  }
  const months = monthsBetween(range.from, range.to)
  if (months.length > MAX_MONTHS) {
    throw new AppError('BAD_ARGS', `the funnel window spans ${months.length} months; choose at most ${MAX_MONTHS} (--from, --to)`)
  }
  const monthStarts = [...months, nextMonth(months[months.length - 1] as string)].map((m) => isoOf(instantOf(`${m}-01`, null, tz)))
  const start = isoOf(instantOf(range.from, null, tz))
  // The window never reaches past T: a lead handed off after T is not in the funnel at T.
  const end = isoOf(Math.min(instantOf(dateOfDay(dayNumber(range.to) + 1), null, tz), T + 1))
  // The facts stored on the leads follow one set of won stages (repos/worked.ts): read them when the
  // settings' are those, otherwise join the opportunities (a settings document changed outside the app).
  const won = wonStagesJson(settings)
  // One read transaction: the stored version's statements all see the same commit.
  const rows = db.transaction(() =>
    storedWonStages(db) === won
      ? funnelRows(db, start, end, monthStarts, asOf, tz)
      : funnelRowsJoined(db, start, end, monthStarts, JSON.parse(won) as string[], asOf, tz),
  )()

  const all = rows.find((r) => r.kind === 'all')
  const cohorts = new Map(rows.filter((r) => r.kind === 'cohort').map((r) => [Number(r.key), r]))
  return {
    from: range.from,
    to: range.to,
    asOf,
    steps: stepsOf(all),
    bySource: rows
      .filter((r) => r.kind === 'source')
      .sort((a, b) => b.handed - a.handed || String(a.key).localeCompare(String(b.key)))
      .map((r) => ({ source: String(r.key ?? ''), steps: stepsOf(r) })),
    // Every month of the window, also those without leads, so a chart of them has no gaps.
    byCohort: months.map((month, i) => ({ month, steps: stepsOf(cohorts.get(i)) })),
  }
}
