import { addMonths, daysInMonth, formatDate, isRealDate, monthsBetween, type DateRange } from './calendar'

/**
 * Canonical periods (months, fiscal quarters, fiscal years) and the calendar days they cover, shared by
 * the import (target and spend periods), the targets metrics, the CLI and the renderer's period picker.
 */

/**
 * A target or spend period, in one of three canonical forms:
 * - `YYYY-MM`: a calendar month;
 * - `YYYY-Qn`: a FISCAL quarter of fiscal year YYYY — Q1 begins in the fiscal year's start month;
 * - `FYYYYY`: a fiscal year, named by the calendar year in which it ENDS (the common convention: with a
 *   February start, FY2025 runs 2024-02-01 – 2025-01-31). With a January start FY2025 is calendar 2025.
 */
export type Period = string
export type PeriodGranularity = 'month' | 'quarter' | 'year'

const MONTH_PERIOD_RE = /^(\d{4})-(\d{2})$/
const QUARTER_PERIOD_RE = /^(\d{4})-Q([1-4])$/
const FISCAL_PERIOD_RE = /^FY(\d{4})$/
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

function assertFiscalMonth(fiscalYearStartMonth: number): void {
  if (!Number.isInteger(fiscalYearStartMonth) || fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
    throw new RangeError(`fiscalYearStartMonth must be a month number from 1 to 12, not ${fiscalYearStartMonth}`)
  }
}

/** `count` whole months from the first of (year, month), as an inclusive range. */
function monthsRange(year: number, month: number, count: number): DateRange {
  const last = year * 12 + (month - 1) + count - 1
  const endYear = Math.floor(last / 12)
  const endMonth = (last % 12) + 1
  return { start: formatDate(year, month, 1), end: formatDate(endYear, endMonth, daysInMonth(endYear, endMonth)) }
}

/**
 * The first and last day (inclusive) of a canonical period. Quarters and fiscal years follow the fiscal
 * year (see `Period`): with a February start, FY2025 is 2024-02-01 – 2025-01-31 and 2025-Q1 is
 * 2024-02-01 – 2024-04-30. Throws on text that is not a canonical period: periods come from `parsePeriod`
 * or the database, so anything else is a programming error.
 */
export function periodRange(period: Period, fiscalYearStartMonth: number): DateRange {
  assertFiscalMonth(fiscalYearStartMonth)
  const month = MONTH_PERIOD_RE.exec(period)
  if (month !== null) {
    const m = Number(month[2])
    if (m >= 1 && m <= 12) return monthsRange(Number(month[1]), m, 1)
  }
  // Fiscal year N starts in the start month of calendar year N - 1, unless it starts in January.
  const startYearOf = (fiscalYear: number): number => (fiscalYearStartMonth === 1 ? fiscalYear : fiscalYear - 1)
  const quarter = QUARTER_PERIOD_RE.exec(period)
  if (quarter !== null) {
    const first = startYearOf(Number(quarter[1])) * 12 + (fiscalYearStartMonth - 1) + 3 * (Number(quarter[2]) - 1)
    return monthsRange(Math.floor(first / 12), (first % 12) + 1, 3)
  }
  const fiscal = FISCAL_PERIOD_RE.exec(period)
  if (fiscal !== null) return monthsRange(startYearOf(Number(fiscal[1])), fiscalYearStartMonth, 12)
  throw new RangeError(`not a canonical period: ${period}`)
}

/**
 * The period of a given granularity that contains a date: its calendar month, its fiscal quarter or its
 * fiscal year (see `Period`). Throws on a date that is not a real YYYY-MM-DD date (a programming error).
 */
export function periodOf(date: string, granularity: PeriodGranularity, fiscalYearStartMonth: number): Period {
  assertFiscalMonth(fiscalYearStartMonth)
  const d = DATE_RE.exec(date)
  const year = Number(d?.[1])
  const month = Number(d?.[2])
  if (d === null || !isRealDate(year, month, Number(d[3]))) throw new RangeError(`not a date: ${date}`)
  if (granularity === 'month') return date.slice(0, 7)
  const fiscalYear = fiscalYearStartMonth === 1 || month < fiscalYearStartMonth ? year : year + 1
  if (granularity === 'year') return `FY${fiscalYear}`
  const monthOfFiscalYear = (month - fiscalYearStartMonth + 12) % 12
  return `${fiscalYear}-Q${Math.floor(monthOfFiscalYear / 3) + 1}`
}

export function granularityOf(period: Period): PeriodGranularity {
  if (MONTH_PERIOD_RE.test(period)) return 'month'
  if (QUARTER_PERIOD_RE.test(period)) return 'quarter'
  if (FISCAL_PERIOD_RE.test(period)) return 'year'
  throw new RangeError(`not a canonical period: ${period}`)
}

/** Whether text is a canonical period (2025-08, 2025-Q3, FY2025) that `periodRange` accepts. */
export function isPeriod(text: string): boolean {
  const month = MONTH_PERIOD_RE.exec(text)
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12
  return QUARTER_PERIOD_RE.test(text) || FISCAL_PERIOD_RE.test(text)
}

/**
 * The periods one level down that make up a period: a fiscal year's four quarters, a quarter's three
 * months; a month has none.
 */
export function childPeriods(period: Period, fiscalYearStartMonth: number): Period[] {
  const granularity = granularityOf(period)
  if (granularity === 'month') return []
  const range = periodRange(period, fiscalYearStartMonth)
  if (granularity === 'quarter') return monthsBetween(range.start, range.end)
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
