import { parseDate, toTimestamp } from '@shared/import/values'
import type { HandoffScope } from '@shared/handoff'
import { isIsoDate, type Settings } from '@shared/settings'
import { AppError } from '../errors'
import { dateOfDay, dayNumber } from '@shared/time/calendar'
import { instantOf, isoOf, localDateOf } from '@shared/time/zones'

/** The default window of the handoff metrics: the 30 calendar days (of the workspace zone) ending on T's day. */
export const DEFAULT_WINDOW_DAYS = 30

/**
 * Reads an as-of time. A date and time without a zone (`2025-08-15T12:00:00`, `2025-08-15 12:00`) is
 * read in the workspace time zone, as imported timestamps are; a value with an offset or `Z` is that
 * instant; a date alone means the end of that day (all of the day is "at or before" it).
 */
export function parseAsOf(text: string, timeZone: string): number {
  const parsed = parseDate(text.trim(), 'ymd')
  if (!parsed.ok || parsed.value === null) {
    throw new AppError('BAD_ARGS', `as-of "${text}" is not a date and time (write 2025-08-15T12:00:00 or 2025-08-15)`)
  }
  const { date, time } = parsed.value
  if (time === null) return instantOf(dateOfDay(dayNumber(date) + 1), null, timeZone) - 1
  return Date.parse(toTimestamp(parsed.value, timeZone))
}

function checkDate(value: string, name: string): string {
  if (!isIsoDate(value)) throw new AppError('BAD_ARGS', `${name} "${value}" is not a date (write YYYY-MM-DD)`)
  return value
}

/** Checks an optional from/to pair: both or neither, real dates, from not after to. */
export function dateRange(from: string | null, to: string | null): { from: string; to: string } | null {
  if (from === null && to === null) return null
  if (from === null || to === null) throw new AppError('BAD_ARGS', 'give both --from and --to, or neither')
  checkDate(from, 'from')
  checkDate(to, 'to')
  if (from > to) throw new AppError('BAD_ARGS', `from ${from} is after to ${to}`)
  return { from, to }
}

/**
 * The as-of instant T (default: now) and the window of the handoff metrics: the local dates from..to
 * inclusive, or by default the 30 calendar days ending on T's day (its label's first day counts whole, so
 * the explicit window with the label's dates gives the same numbers). The window never reaches past T.
 */
export function handoffScope(
  settings: Settings,
  query: { asOf: string | null; from: string | null; to: string | null },
  now: Date,
): HandoffScope {
  const tz = settings.timezone
  const asOf = query.asOf === null ? now.getTime() : parseAsOf(query.asOf, tz)
  const range = dateRange(query.from, query.to)
  let start: number
  let end: number
  if (range === null) {
    start = instantOf(dateOfDay(dayNumber(localDateOf(asOf, tz)) - (DEFAULT_WINDOW_DAYS - 1)), null, tz)
    end = asOf
  } else {
    start = instantOf(range.from, null, tz)
    end = Math.min(instantOf(dateOfDay(dayNumber(range.to) + 1), null, tz) - 1, asOf)
  }
  return {
    asOf: isoOf(asOf),
    windowStart: isoOf(start),
    windowEnd: isoOf(Math.max(start, end)),
    fromDate: range?.from ?? localDateOf(start, tz),
    toDate: range?.to ?? localDateOf(end, tz),
    timezone: tz,
    clock: settings.sla.clock,
  }
}
