import type { CellValue, DateOrder } from '../types'
import {
  MONTH_BY_NAME,
  MS_PER_DAY,
  daysFromCivil,
  daysInMonth,
  formatDate,
  formatTimeOfDay,
  monthName,
  MIN_YEAR,
  MAX_YEAR,
} from '../../time/calendar'
import { readExcelSerial } from '../../time/excel-serial'
import { instantOfWall } from '../../time/zones'
import { EMPTY, MAX_TYPED_CHARS, fail, isSpreadsheetError, ok, textOf, type ValueResult } from './result'

/**
 * Two-digit years: 00–69 are 2000–2069 and 70–99 are 1970–1999 (the POSIX `%y` pivot). CRM data is
 * recent, and a close date can lie decades ahead, so the window leans to the future more than Excel's
 * own (00–29 -> 20xx).
 */
export function expandYear(digits: string): number {
  const n = Number(digits)
  if (digits.length !== 2) return n
  return n < 70 ? 2000 + n : 1900 + n
}

export const ORDER_LABEL: Record<DateOrder, string> = {
  ymd: 'year/month/day',
  mdy: 'month/day/year',
  dmy: 'day/month/year',
}

/**
 * A checked calendar date. `order` is the date order the column was read with, named in the reason when
 * the month is impossible: that usually means the order is wrong, not the value.
 */
export function checkedDate(year: number, month: number, day: number, order: DateOrder | null): ValueResult<string> {
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`year ${year} is out of range`)
  if (month < 1 || month > 12) {
    return fail(
      order === null ? `month ${month} does not exist` : `month ${month} does not exist (this column is read as ${ORDER_LABEL[order]})`,
    )
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    if (day === 0) return fail('day 0 does not exist')
    if (month === 2 && day === 29) return fail(`day 29 does not exist in February ${year}`)
    return fail(`day ${day} does not exist in ${monthName(month)}`)
  }
  return ok(formatDate(year, month, day))
}

export function ordinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  switch (n % 10) {
    case 1:
      return `${n}st`
    case 2:
      return `${n}nd`
    case 3:
      return `${n}rd`
    default:
      return `${n}th`
  }
}

// ---------------------------------------------------------------------------------------------------
// Dates

/**
 * A date as the file wrote it. `date` and `time` are the wall-clock reading (at `offsetMinutes` when the
 * value named an offset, else in no particular zone yet). `time` is null for a date without a time of day.
 */
export interface ParsedDate {
  /** YYYY-MM-DD */
  date: string
  /** HH:MM:SS.sss (digits beyond milliseconds are cut off, never rounded into the next day) */
  time: string | null
  /** Minutes east of UTC (`+05:30` -> 330, `Z` -> 0), or null when the value named no zone. */
  offsetMinutes: number | null
}

export interface DateOptions {
  /** The workbook uses Excel's 1904 date system (serial 0 = 1904-01-01), as old Mac workbooks do. */
  date1904?: boolean
}

export const NOT_A_DATE = 'not a date'

/**
 * Three numbers with one separator: 2024-01-22, 01/22/2024, 22.01.2024, 22-01-24, 2024/1/5. Which number
 * is which is decided by a four-digit first part (year first) or else by the column's date order.
 */
const NUMERIC_DATE_RE = /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})$/
/** Day, month name, year: 31-Jan-24, 31 January 2024, 31 Jan. 2024, 1st March 2024. */
const DAY_MONTH_NAME_RE = /^(\d{1,2})(?:st|nd|rd|th)?[-\s/.]*([A-Za-z]{3,9})\.?[-\s/.,]*(\d{4}|\d{2})$/
/** Month name, day, year: Jan 31, 2024; January 31 2024; Jan-31-2024. */
const MONTH_NAME_DAY_RE = /^([A-Za-z]{3,9})\.?[-\s/.]*(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|[-\s/.]+)(\d{4}|\d{2})$/
/**
 * The time of day at the end of a value, after `T`, spaces or a comma: 16:14, 16:14:25.000+0000,
 * 08:55 PM, 4:14:25 p.m., 16:14Z, 16:14 UTC, 16:14 GMT+01:00. Groups: 1 hour, 2 minute, 3 second,
 * 4 fraction, 5 a/p, 6 Z/UTC/GMT, 7 offset sign, 8 offset hours, 9 offset minutes.
 */
const TIME_TAIL_RE =
  /(?:[Tt]|,?[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:[ \t]*([AaPp])\.?[Mm]\.?)?(?:[ \t]*(?:([Zz]|UTC|GMT)|(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})?))?$/
export const PARSED_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
export const PARSED_TIME_RE = /^(\d{2}):(\d{2}):(\d{2})\.(\d{3})$/

/**
 * Reads a date or date-time cell.
 *
 * - ISO 8601 (`2024-01-22`, `2024-01-22T16:14:25.000+0000`, `…+00:00`, `…Z`, `2024-01-22 16:14`) and any
 *   three-number date whose first part has four digits are year/month/day whatever `order` says.
 * - Other three-number dates (`/`, `.` or `-`, two- or four-digit year) follow `order`. With `order` null
 *   (not decided yet) a value is accepted only when one reading is possible (`13/04/2024`); otherwise the
 *   reason asks for a date order.
 * - Month names in English: `31-Jan-24`, `Jan 31, 2024`, `31 January 2024`.
 * - A time may follow, 24-hour or with AM/PM, with an optional offset or `Z`/`UTC`/`GMT`.
 * - Numbers are Excel serial dates (1 to 2958465, i.e. up to 9999-12-31; the fraction is the time of day).
 *   The 1900 system keeps Lotus's bug: serial 60 is the nonexistent 1900-02-29 and is refused, serials
 *   before it are shifted by one day so that serial 1 is 1900-01-01. `date1904` reads the 1904 system.
 * - Two-digit years: see `expandYear` (00–69 -> 20xx, 70–99 -> 19xx).
 */
export function parseDate(value: CellValue, order: DateOrder | null, options: DateOptions = {}): ValueResult<ParsedDate | null> {
  if (value === null) return EMPTY
  if (typeof value === 'number') return parseSerialDate(value, options.date1904 === true)
  if (typeof value === 'boolean') return fail(NOT_A_DATE)
  const text = textOf(value)
  if (text === null) return EMPTY
  if (isSpreadsheetError(text)) return fail('a spreadsheet error, not a date')
  if (text.length > MAX_TYPED_CHARS) return fail(NOT_A_DATE)
  return parseDateText(text, order)
}

export function parseSerialDate(serial: number, date1904: boolean): ValueResult<ParsedDate> {
  // A number below 1 in the 1900 system is a time of day or a count, not a date in a date column.
  const read = serial < (date1904 ? 0 : 1) ? null : readExcelSerial(serial, date1904)
  if (read === null) return fail('a number, not a date')
  if (read.date === '1900-02-29') return fail('day 29 does not exist in February 1900 (a spreadsheet bug)')
  const time = Number.isInteger(serial) ? null : formatTimeOfDay(read.msOfDay)
  return ok({ date: read.date, time, offsetMinutes: null })
}

export function parseDateText(text: string, order: DateOrder | null): ValueResult<ParsedDate> {
  let datePart = text
  let time: string | null = null
  let offsetMinutes: number | null = null
  if (text.includes(':')) {
    const m = TIME_TAIL_RE.exec(text)
    if (m === null) return fail(NOT_A_DATE)
    const parsedTime = readTime(m)
    if (!parsedTime.ok) return parsedTime
    time = parsedTime.value
    const offset = readOffset(m)
    if (!offset.ok) return offset
    offsetMinutes = offset.value
    datePart = text.slice(0, m.index)
  }
  const date = readDatePart(datePart, order)
  if (!date.ok) return date
  return ok({ date: date.value, time, offsetMinutes })
}

function readTime(m: RegExpExecArray): ValueResult<string> {
  let hour = Number(m[1])
  const minute = Number(m[2])
  const second = m[3] === undefined ? 0 : Number(m[3])
  // Cut to milliseconds: rounding 23:59:59.9996 up would change the date.
  const ms = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0').slice(0, 3))
  const meridiem = m[5]
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return fail(`hour ${hour} does not exist on a 12-hour clock`)
    // 12 AM is midnight, 12 PM is noon.
    hour = (hour % 12) + (meridiem === 'p' || meridiem === 'P' ? 12 : 0)
  } else if (hour > 23) {
    return fail(`hour ${hour} does not exist`)
  }
  if (minute > 59) return fail(`minute ${minute} does not exist`)
  if (second > 59) return fail(`second ${second} does not exist`)
  return ok(formatTimeOfDay(((hour * 60 + minute) * 60 + second) * 1000 + ms))
}

function readOffset(m: RegExpExecArray): ValueResult<number | null> {
  if (m[6] !== undefined) return ok(0)
  if (m[7] === undefined) return ok(null)
  const hours = Number(m[8])
  const minutes = m[9] === undefined ? 0 : Number(m[9])
  // Real offsets lie within -12:00 and +14:00; ±18:00 is the widest that any writer of dates allows.
  if (minutes > 59 || hours * 60 + minutes > 18 * 60) return fail(`offset ${m[7]}${m[8]}:${m[9] ?? '00'} does not exist`)
  const total = hours * 60 + minutes
  return ok(m[7] === '-' ? -total : total)
}

function readDatePart(text: string, order: DateOrder | null): ValueResult<string> {
  const numeric = NUMERIC_DATE_RE.exec(text)
  if (numeric !== null) return readNumericDate(text, numeric[1] ?? '', numeric[3] ?? '', numeric[4] ?? '', order)
  const dayFirst = DAY_MONTH_NAME_RE.exec(text)
  if (dayFirst !== null) return readNamedDate(dayFirst[1] ?? '', dayFirst[2] ?? '', dayFirst[3] ?? '')
  const monthFirst = MONTH_NAME_DAY_RE.exec(text)
  if (monthFirst !== null) return readNamedDate(monthFirst[2] ?? '', monthFirst[1] ?? '', monthFirst[3] ?? '')
  return fail(NOT_A_DATE)
}

function readNamedDate(day: string, name: string, year: string): ValueResult<string> {
  const month = MONTH_BY_NAME.get(name.toLowerCase())
  if (month === undefined) return fail(`unknown month "${name}"`)
  return checkedDate(expandYear(year), month, Number(day), null)
}

/** `a`, `b`, `c` are the three numbers as written, e.g. "03", "04", "2024". */
function readNumericDate(text: string, a: string, b: string, c: string, order: DateOrder | null): ValueResult<string> {
  if (a.length === 4) {
    if (c.length > 2) return fail(NOT_A_DATE)
    return checkedDate(Number(a), Number(b), Number(c), null)
  }
  // Two-digit years first (24/01/22) only when the column says so; otherwise the year is last.
  if (order === 'ymd' && a.length === 2 && c.length <= 2) return checkedDate(expandYear(a), Number(b), Number(c), order)
  if (a.length > 2 || (c.length !== 2 && c.length !== 4)) return fail(NOT_A_DATE)
  const year = expandYear(c)
  if (order === 'mdy') return checkedDate(year, Number(a), Number(b), order)
  if (order === 'dmy') return checkedDate(year, Number(b), Number(a), order)
  // No usable order (undecided, or year/month/day for a value whose year is last): accept the value only
  // when exactly one reading is a real date.
  const first = Number(a)
  const second = Number(b)
  const asMdy = checkedDate(year, first, second, null)
  const asDmy = checkedDate(year, second, first, null)
  if (asMdy.ok && asDmy.ok) {
    if (first === second) return asMdy
    return fail(
      `ambiguous: is ${text} the ${ordinal(first)} of ${monthName(second)} or ${monthName(first)} ${ordinal(second)}? choose a date order`,
    )
  }
  if (asMdy.ok || asDmy.ok) return asMdy.ok ? asMdy : asDmy
  // Neither reading exists: explain with the reading whose month at least exists.
  return first <= 12 ? asMdy : asDmy
}

/** What a column's dates say about their order; see `inferDateOrder`. */
export interface DateOrderInference {
  /** The order to read the column with; null when the samples do not decide it (or do not need it). */
  order: DateOrder | null
  /** The samples do not settle the order: the user must choose (the CLI requires `--date-order`). */
  ambiguous: boolean
  /** Example values and why they point where they do, for the question put to the user. */
  evidence: string[]
}

const EVIDENCE_EXAMPLES = 3

/**
 * Infers a column's date order from its three-number dates. A first part above 12 can only be a day
 * (day/month/year), a second part above 12 only a day in month/day/year, a four-digit first part is
 * year/month/day. Year-first values are self-describing, so they decide the order only for a column that
 * holds nothing else (an ISO column is not ambiguous). Values both orders read alike (05/05/2024) and
 * values that are no date at all are neutral.
 *
 * - only one of day/month/year and month/day/year is evidenced: that order;
 * - both (a mixed column): `ambiguous` with the majority as `order` (null on a tie), so the user confirms
 *   and the minority is reported per row;
 * - neither, but some value reads both ways: `ambiguous`, `order` null, with examples;
 * - no three-number date at all (month names, serials): `order` null, not ambiguous — any order reads
 *   the column the same.
 */
export function inferDateOrder(samples: readonly CellValue[]): DateOrderInference {
  const examples: Record<'ymd' | 'mdy' | 'dmy' | 'either', string[]> = { ymd: [], mdy: [], dmy: [], either: [] }
  const counts = { ymd: 0, mdy: 0, dmy: 0, either: 0 }
  for (const sample of samples) {
    if (typeof sample !== 'string' || sample.length > MAX_TYPED_CHARS) continue
    const text = sample.trim()
    let datePart = text
    if (text.includes(':')) {
      const m = TIME_TAIL_RE.exec(text)
      if (m === null) continue
      datePart = text.slice(0, m.index)
    }
    const numeric = NUMERIC_DATE_RE.exec(datePart)
    if (numeric === null) continue
    const kind = orderEvidence(numeric[1] ?? '', numeric[3] ?? '', numeric[4] ?? '')
    if (kind === null) continue
    counts[kind]++
    if (examples[kind].length < EVIDENCE_EXAMPLES) examples[kind].push(datePart)
  }
  const evidence = [
    ...examples.dmy.map((v) => `${v} can only be day/month/year`),
    ...examples.mdy.map((v) => `${v} can only be month/day/year`),
  ]
  if (counts.dmy > 0 && counts.mdy > 0) {
    const order = counts.dmy === counts.mdy ? null : counts.dmy > counts.mdy ? 'dmy' : 'mdy'
    evidence.unshift(`contradictory: ${counts.dmy} values can only be day/month/year and ${counts.mdy} only month/day/year`)
    return { order, ambiguous: true, evidence }
  }
  if (counts.dmy > 0) return { order: 'dmy', ambiguous: false, evidence }
  if (counts.mdy > 0) return { order: 'mdy', ambiguous: false, evidence }
  if (counts.either > 0) {
    return {
      order: null,
      ambiguous: true,
      evidence: examples.either.map((v) => `${v} could be month/day/year or day/month/year`),
    }
  }
  if (counts.ymd > 0) return { order: 'ymd', ambiguous: false, evidence: examples.ymd.map((v) => `${v} is year/month/day`) }
  return { order: null, ambiguous: false, evidence: [] }
}

function orderEvidence(a: string, b: string, c: string): DateOrder | 'either' | null {
  if (a.length === 4) return c.length <= 2 ? 'ymd' : null
  if (a.length > 2 || (c.length !== 2 && c.length !== 4)) return null
  const first = Number(a)
  const second = Number(b)
  if (first > 12 && second > 12) return null
  if (first > 12) return 'dmy'
  if (second > 12) return 'mdy'
  return first === second ? null : 'either'
}

/**
 * The calendar date of a date field. A value with an offset keeps the date it was written with
 * (`2024-01-22T23:30-05:00` is the 22nd): a date field records a day, not an instant, so it is not moved
 * into the workspace zone.
 */
export function toDateOnly(parsed: ParsedDate): string {
  return parsed.date
}

/**
 * The instant of a parsed date as UTC ISO text (`YYYY-MM-DDTHH:MM:SS.sssZ`).
 *
 * With an offset the instant is exact. Without one the wall-clock time (00:00 for a bare date) is read in
 * the IANA `timeZone`, across daylight-saving changes as Temporal's "compatible" disambiguation does (and
 * as a person setting a clock would): a time that does not exist because clocks sprang forward (02:30 on
 * a spring-forward night) moves forward by the gap (03:30 daylight time); a time that happens twice
 * because clocks fell back (01:30 on a fall-back night) is its earlier occurrence (daylight time).
 *
 * Every `ParsedDate` from `parseDate` has an instant, so this returns text, not a result. The one
 * exception to the format: a wall time on 9999-12-31 can fall into year 10000 UTC, written `+010000-…`
 * as `Date#toISOString` does. Throws a RangeError for a time zone the engine does not know, or a
 * malformed `parsed`: both are programming errors (settings validate the zone once, not per cell).
 */
export function toTimestamp(parsed: ParsedDate, timeZone: string): string {
  const d = PARSED_DATE_RE.exec(parsed.date)
  const t = parsed.time === null ? undefined : PARSED_TIME_RE.exec(parsed.time)
  if (d === null || t === null) throw new RangeError(`not a parsed date: ${JSON.stringify(parsed)}`)
  const msOfDay = t === undefined ? 0 : ((Number(t[1]) * 60 + Number(t[2])) * 60 + Number(t[3])) * 1000 + Number(t[4])
  const wall = daysFromCivil(Number(d[1]), Number(d[2]), Number(d[3])) * MS_PER_DAY + msOfDay
  if (parsed.offsetMinutes !== null) return new Date(wall - parsed.offsetMinutes * 60_000).toISOString()
  return new Date(instantOfWall(wall, timeZone)).toISOString()
}
