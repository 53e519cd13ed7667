import { toTimestamp } from '@shared/import/values'

/**
 * Calendar dates and wall-clock times in the workspace time zone. Dates are handled as civil day numbers
 * (days since 1970-01-01, no zone); only turning a date and a wall time into an instant, and back, looks
 * at the zone. The wall-time -> instant direction is the import's own (`toTimestamp`), so a time read
 * from a file and a time typed for `--as-of` mean the same instant, across daylight-saving changes too.
 */

export const MS_PER_HOUR = 3_600_000
export const MS_PER_DAY = 86_400_000

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Civil day number of a YYYY-MM-DD date. Throws on anything else (callers validate input first). */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date)
  if (m === null) throw new RangeError(`not a date: ${date}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY
}

export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** ISO weekday of a civil day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: number): number {
  const w = new Date(day * MS_PER_DAY).getUTCDay()
  return w === 0 ? 7 : w
}

/** The instant at which the zone's clocks show `time` (HH:MM, or null for 00:00) on `date`. */
export function instantOf(date: string, time: string | null, timeZone: string): number {
  return Date.parse(toTimestamp({ date, time: time === null ? null : `${time}:00.000`, offsetMinutes: null }, timeZone))
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** The local calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDateOf(instant: number, timeZone: string): string {
  let f = dateFormats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dateFormats.set(timeZone, f)
  }
  let y = ''
  let m = ''
  let d = ''
  for (const p of f.formatToParts(instant)) {
    if (p.type === 'year') y = p.value
    else if (p.type === 'month') m = p.value
    else if (p.type === 'day') d = p.value
  }
  return `${y.padStart(4, '0')}-${m}-${d}`
}

/** The first day of the month after `month` (YYYY-MM). */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** Months (YYYY-MM) from the month of `fromDate` to that of `toDate`, inclusive. */
export function monthsBetween(fromDate: string, toDate: string): string[] {
  const out: string[] = []
  const last = toDate.slice(0, 7)
  for (let m = fromDate.slice(0, 7); m <= last; m = nextMonth(m)) out.push(m)
  return out
}

export const isoOf = (instant: number): string => new Date(instant).toISOString()
