import { periodOf, periodRange, type DateRange, type Period, type PeriodGranularity } from './import/values'

/**
 * Calendar arithmetic on YYYY-MM-DD dates and on the canonical periods of `import/values.ts` (months,
 * fiscal quarters, fiscal years), shared by the targets metrics, the CLI and the renderer's period picker.
 * Dates here are calendar days without a zone: "today" is decided once, in the workspace time zone.
 */

const MS_PER_DAY = 86_400_000
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const MONTH_RE = /^(\d{4})-(\d{2})$/
const QUARTER_RE = /^(\d{4})-Q([1-4])$/
const YEAR_RE = /^FY(\d{4})$/

function utcDay(date: string): number {
  const m = DATE_RE.exec(date)
  if (m === null) throw new RangeError(`not a date: ${date}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY
}

function fromUtcDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return fromUtcDay(utcDay(date) + days)
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return utcDay(b) - utcDay(a)
}

/** Calendar days of an inclusive range. */
export function daysIn(range: DateRange): number {
  return daysBetween(range.start, range.end) + 1
}

/**
 * The same day `months` calendar months later (or earlier), clamped to the end of a shorter month:
 * 2024-03-31 minus one month is 2024-02-29.
 */
export function addMonths(date: string, months: number): string {
  const m = DATE_RE.exec(date)
  if (m === null) throw new RangeError(`not a date: ${date}`)
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return fromUtcDay(Date.UTC(year, month - 1, Math.min(Number(m[3]), last)) / MS_PER_DAY)
}

/** The YYYY-MM months that an inclusive range touches, in order. */
export function monthsOf(range: DateRange): string[] {
  const out: string[] = []
  for (let d = `${range.start.slice(0, 7)}-01`; d <= range.end; d = addMonths(d, 1)) out.push(d.slice(0, 7))
  return out
}

export function granularityOf(period: Period): PeriodGranularity {
  if (MONTH_RE.test(period)) return 'month'
  if (QUARTER_RE.test(period)) return 'quarter'
  if (YEAR_RE.test(period)) return 'year'
  throw new RangeError(`not a canonical period: ${period}`)
}

/** Whether text is a canonical period (2025-08, 2025-Q3, FY2025) that `periodRange` accepts. */
export function isPeriod(text: string): boolean {
  const month = MONTH_RE.exec(text)
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12
  return QUARTER_RE.test(text) || YEAR_RE.test(text)
}

/**
 * The periods one level down that make up a period: a fiscal year's four quarters, a quarter's three
 * months; a month has none.
 */
export function childPeriods(period: Period, fiscalYearStartMonth: number): Period[] {
  const granularity = granularityOf(period)
  if (granularity === 'month') return []
  const range = periodRange(period, fiscalYearStartMonth)
  if (granularity === 'quarter') return monthsOf(range)
  const year = period.slice(2)
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
}

/** The period of the same granularity `steps` periods later (negative: earlier). */
export function shiftPeriod(period: Period, steps: number, fiscalYearStartMonth: number): Period {
  const granularity = granularityOf(period)
  const { start } = periodRange(period, fiscalYearStartMonth)
  const months = granularity === 'month' ? 1 : granularity === 'quarter' ? 3 : 12
  return periodOf(addMonths(start, steps * months), granularity, fiscalYearStartMonth)
}

/** Today's date in an IANA time zone (the workspace's), as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now)
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}
