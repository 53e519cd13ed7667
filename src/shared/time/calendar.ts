/**
 * Calendar arithmetic: proleptic Gregorian dates as YYYY-MM-DD text or as civil day numbers (days since
 * 1970-01-01), and UTC milliseconds. No time zones here (see `zones.ts`): a date is a calendar day.
 * This is the one place (with `zones.ts`, `periods.ts`, `excel-serial.ts` and `business-clock.ts`) where
 * Tandem reasons about dates.
 */

export const MS_PER_HOUR = 3_600_000
export const MS_PER_DAY = 86_400_000
/** Years outside this range are typing errors in CRM data, and keep every date four digits long. */
export const MIN_YEAR = 1000
export const MAX_YEAR = 9999
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/** English month names and abbreviations, lower case -> month number. */
export const MONTH_BY_NAME = new Map<string, number>()
MONTH_NAMES.forEach((name, index) => {
  MONTH_BY_NAME.set(name.toLowerCase(), index + 1)
  MONTH_BY_NAME.set(name.slice(0, 3).toLowerCase(), index + 1)
})
MONTH_BY_NAME.set('sept', 9)

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
}

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? `month ${month}`
}

export const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))
export const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n))

export function formatDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`
}

export function formatTimeOfDay(msOfDay: number): string {
  const hours = Math.floor(msOfDay / 3_600_000)
  const minutes = Math.floor(msOfDay / 60_000) % 60
  const seconds = Math.floor(msOfDay / 1000) % 60
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(msOfDay % 1000)}`
}

/** Days since 1970-01-01. (`Date.UTC` reads years 0–99 as 19xx; every year here is at least 1000.) */
export function daysFromCivil(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

/** An inclusive range of calendar dates (YYYY-MM-DD). */
export interface DateRange {
  start: string
  end: string
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether year, month and day name a real date in the years Tandem reads (1000–9999). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** Civil day number of a YYYY-MM-DD date. Throws on anything else (callers validate input first). */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date)
  if (m === null) throw new RangeError(`not a date: ${date}`)
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** The YYYY-MM-DD date of a civil day number. */
export function dateOfDay(day: number): string {
  const d = new Date(day * MS_PER_DAY)
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

/** ISO weekday of a civil day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: number): number {
  const w = new Date(day * MS_PER_DAY).getUTCDay()
  return w === 0 ? 7 : w
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days)
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a)
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
  return formatDate(year, month, Math.min(Number(m[3]), daysInMonth(year, month)))
}

/** The first day of the month after `month` (YYYY-MM). */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 12 ? `${y + 1}-01` : `${y}-${pad2(m + 1)}`
}

/** Months (YYYY-MM) from the month of `fromDate` to that of `toDate`, inclusive. */
export function monthsBetween(fromDate: string, toDate: string): string[] {
  const out: string[] = []
  const last = toDate.slice(0, 7)
  for (let m = fromDate.slice(0, 7); m <= last; m = nextMonth(m)) out.push(m)
  return out
}
