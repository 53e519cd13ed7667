import { expandYear, NOT_A_DATE, parseDateText, parseSerialDate } from './dates'
import { EMPTY, fail, isSpreadsheetError, MAX_TYPED_CHARS, ok, textOf, type ValueResult } from './result'
import type { Period } from '../../time/periods'
import { MAX_YEAR, MIN_YEAR, MONTH_BY_NAME, pad2 } from '../../time/calendar'
import type { CellValue, DateOrder } from '../types'

export interface PeriodOptions {
  /** Date order for periods written as full dates (`01/08/2025`). */
  order: DateOrder | null
  /** 1–12: the month the fiscal year starts in (settings `fiscalYearStartMonth`). */
  fiscalYearStartMonth: number
  /** Excel serials in the column use the 1904 date system. */
  date1904?: boolean
}

const YEAR_MONTH_RE = /^(\d{4})[-/.](\d{1,2})$/
const MONTH_YEAR_RE = /^(\d{1,2})[-/.](\d{4})$/
/** Aug 2025, August 2025, Aug-25, Aug '25: a month name and a year (two digits are a year, not a day). */
const MONTH_NAME_YEAR_RE = /^([A-Za-z]{3,9})\.?\s*[-/'’]?\s*(\d{4}|\d{2})$/
const QUARTER_YEAR_FIRST_RE = /^(?:FY\s*[-'’]?\s*)?(\d{4}|\d{2})\s*[-/]?\s*Q(\d)$/i
const QUARTER_FIRST_RE = /^Q(\d)\s*[-/'’]?\s*(?:FY\s*[-'’]?\s*)?(\d{4}|\d{2})$/i
const FISCAL_YEAR_RE = /^FY\s*[-'’]?\s*(\d{4}|\d{2})$/i
/** FY2024/25 or FY 2024-2025: a fiscal year named by both calendar years it touches. */
const FISCAL_SPAN_RE = /^FY\s*[-'’]?\s*(\d{4})\s*[-/]\s*(\d{4}|\d{2})$/i
export const YEAR_RE = /^\d{4}$/
const NOT_A_PERIOD = 'not a period (write 2025-08, 2025-Q3 or FY2025)'
const MIN_PERIOD_SERIAL = 10_000

function yearInRange(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR
}

function monthPeriod(year: number, month: number): ValueResult<Period> {
  if (!yearInRange(year)) return fail(`year ${year} is out of range`)
  if (month < 1 || month > 12) return fail(`month ${month} does not exist`)
  return ok(`${year}-${pad2(month)}`)
}

function quarterPeriod(year: number, quarter: number): ValueResult<Period> {
  if (!yearInRange(year)) return fail(`year ${year} is out of range`)
  if (quarter < 1 || quarter > 4) return fail(`quarter ${quarter} does not exist`)
  return ok(`${year}-Q${quarter}`)
}

function fiscalYearPeriod(year: number): ValueResult<Period> {
  return yearInRange(year) ? ok(`FY${year}`) : fail(`year ${year} is out of range`)
}

/**
 * Reads a period cell (see `Period` for the conventions). Months: `2025-08`, `2025/08`, `08/2025`,
 * `Aug 2025`, `August 2025`, `Aug-25`, and any date or Excel serial from 10000 (its month, whatever the day).
 * Quarters: `2025-Q3`, `2025Q3`, `2025 Q3`, `Q3 2025`, `Q3-2025`, `Q3 FY25`. Fiscal years: `FY2025`,
 * `FY 2025`, `FY25`, `FY2024/25` (the fiscal year ending in 2025), and a year alone (`2025`, also as a
 * spreadsheet number) -> FY2025.
 */
export function parsePeriod(value: CellValue, opts: PeriodOptions): ValueResult<Period | null> {
  if (value === null) return EMPTY
  if (typeof value === 'boolean') return fail(NOT_A_PERIOD)
  if (typeof value === 'number') {
    // A whole number that looks like a year is one. Below that, a number is no serial date worth reading
    // (serial 10000 is in 1927) but likely a month number (8 for August) without its year: refused.
    if (Number.isInteger(value) && yearInRange(value)) return fiscalYearPeriod(value)
    const date = value < MIN_PERIOD_SERIAL ? null : parseSerialDate(value, opts.date1904 === true)
    return date?.ok === true ? ok(date.value.date.slice(0, 7)) : fail(NOT_A_PERIOD)
  }
  const text = textOf(value)
  if (text === null) return EMPTY
  if (isSpreadsheetError(text)) return fail('a spreadsheet error, not a period')
  if (text.length > MAX_TYPED_CHARS) return fail(NOT_A_PERIOD)

  if (YEAR_RE.test(text)) return fiscalYearPeriod(Number(text))
  let m = FISCAL_YEAR_RE.exec(text)
  if (m !== null) return fiscalYearPeriod(expandYear(m[1] ?? ''))
  m = FISCAL_SPAN_RE.exec(text)
  if (m !== null) return fiscalSpan(Number(m[1]), m[2] ?? '', opts.fiscalYearStartMonth)
  m = QUARTER_YEAR_FIRST_RE.exec(text)
  if (m !== null) return quarterPeriod(expandYear(m[1] ?? ''), Number(m[2]))
  m = QUARTER_FIRST_RE.exec(text)
  if (m !== null) return quarterPeriod(expandYear(m[2] ?? ''), Number(m[1]))
  m = YEAR_MONTH_RE.exec(text)
  if (m !== null) return monthPeriod(Number(m[1]), Number(m[2]))
  m = MONTH_YEAR_RE.exec(text)
  if (m !== null) return monthPeriod(Number(m[2]), Number(m[1]))
  m = MONTH_NAME_YEAR_RE.exec(text)
  if (m !== null) {
    const month = MONTH_BY_NAME.get((m[1] ?? '').toLowerCase())
    if (month !== undefined) return monthPeriod(expandYear(m[2] ?? ''), month)
  }
  const date = parseDateText(text, opts.order)
  if (date.ok) return ok(date.value.date.slice(0, 7))
  // A value that is some kind of date explains itself (ambiguous order, day 31 in April, ...).
  return date.reason === NOT_A_DATE ? fail(NOT_A_PERIOD) : date
}

function fiscalSpan(startYear: number, end: string, fiscalYearStartMonth: number): ValueResult<Period> {
  const endYear = end.length === 4 ? Number(end) : Number(end) === (startYear + 1) % 100 ? startYear + 1 : -1
  if (endYear !== startYear + 1) return fail('a fiscal year spans two consecutive years')
  if (fiscalYearStartMonth === 1) return fail('names two years, but the fiscal year starts in January')
  return fiscalYearPeriod(endYear)
}
