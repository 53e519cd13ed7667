/**
 * The value parsers of the import: one raw cell in, one typed value or a short reason out.
 *
 * Every parser is pure and total: it never throws on a cell, whatever the cell holds, and returns
 * `{ ok: true, value }` or `{ ok: false, reason }`. A reason is a short phrase that completes
 * "row 12, column Close Date: «value» — <reason>". An empty or whitespace-only cell is
 * `{ ok: true, value: null }` for every parser: empty is not invalid, requiredness is checked elsewhere.
 *
 * The same code runs in the main process, in the import worker and in the renderer's live preview, so it
 * uses nothing but the language and `Intl`. It runs once per cell on files of millions of rows: regular
 * expressions are compiled once at module level, `Intl` objects are cached, and the common paths allocate
 * little.
 *
 * Column-level decisions (the date order, the decimal separator, the probability scale) are made once per
 * column by the `infer*` functions from a sample of its cells, confirmed by the user when they are
 * ambiguous, and then passed to the per-cell parsers.
 */
import type { CellValue, DateOrder } from './types'

// ---------------------------------------------------------------------------------------------------
// Results

/** What every parser returns. `reason` is user-facing and short (see the module comment). */
export type ValueResult<T> = { ok: true; value: T } | Failure
export type Failure = { ok: false; reason: string }

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value })
const fail = (reason: string): Failure => ({ ok: false, reason })
const EMPTY: ValueResult<null> = Object.freeze({ ok: true, value: null })

/** Excel's error cells arrive as their text; they get their own reason rather than "not a date". */
const SPREADSHEET_ERROR_RE = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA)$/i

/**
 * The longest text a typed parser looks at. No real date, amount or period comes near it, and it bounds
 * the work any regular expression can do on a hostile 32,767-character cell.
 */
const MAX_TYPED_CHARS = 100

/** Trimmed text of a string cell, or null when it holds only whitespace. `trim` also drops NBSP and BOM. */
function textOf(value: string): string | null {
  const text = value.trim()
  return text === '' ? null : text
}

function isSpreadsheetError(text: string): boolean {
  return text.charCodeAt(0) === 35 /* # */ && SPREADSHEET_ERROR_RE.test(text)
}

// ---------------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, UTC milliseconds; no time zones here)

const MS_PER_DAY = 86_400_000
/** Years outside this range are typing errors in CRM data, and keep every date four digits long. */
const MIN_YEAR = 1000
const MAX_YEAR = 9999
const MONTH_NAMES = [
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
const MONTH_BY_NAME = new Map<string, number>()
MONTH_NAMES.forEach((name, index) => {
  MONTH_BY_NAME.set(name.toLowerCase(), index + 1)
  MONTH_BY_NAME.set(name.slice(0, 3).toLowerCase(), index + 1)
})
MONTH_BY_NAME.set('sept', 9)

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
}

function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? `month ${month}`
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n))

function formatDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`
}

function formatTimeOfDay(msOfDay: number): string {
  const hours = Math.floor(msOfDay / 3_600_000)
  const minutes = Math.floor(msOfDay / 60_000) % 60
  const seconds = Math.floor(msOfDay / 1000) % 60
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(msOfDay % 1000)}`
}

/** Days since 1970-01-01. (`Date.UTC` reads years 0–99 as 19xx; every year here is at least 1000.) */
function daysFromCivil(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

function dateOfDays(days: number): string {
  const d = new Date(days * MS_PER_DAY)
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

/**
 * Two-digit years: 00–69 are 2000–2069 and 70–99 are 1970–1999 (the POSIX `%y` pivot). CRM data is
 * recent, and a close date can lie decades ahead, so the window leans to the future more than Excel's
 * own (00–29 -> 20xx).
 */
function expandYear(digits: string): number {
  const n = Number(digits)
  if (digits.length !== 2) return n
  return n < 70 ? 2000 + n : 1900 + n
}

const ORDER_LABEL: Record<DateOrder, string> = {
  ymd: 'year/month/day',
  mdy: 'month/day/year',
  dmy: 'day/month/year',
}

/**
 * A checked calendar date. `order` is the date order the column was read with, named in the reason when
 * the month is impossible: that usually means the order is wrong, not the value.
 */
function checkedDate(year: number, month: number, day: number, order: DateOrder | null): ValueResult<string> {
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`year ${year} is out of range`)
  if (month < 1 || month > 12) {
    return fail(order === null ? `month ${month} does not exist` : `month ${month} does not exist (this column is read as ${ORDER_LABEL[order]})`)
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    if (day === 0) return fail('day 0 does not exist')
    if (month === 2 && day === 29) return fail(`day 29 does not exist in February ${year}`)
    return fail(`day ${day} does not exist in ${monthName(month)}`)
  }
  return ok(formatDate(year, month, day))
}

function ordinal(n: number): string {
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

const NOT_A_DATE = 'not a date'

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
const PARSED_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const PARSED_TIME_RE = /^(\d{2}):(\d{2}):(\d{2})\.(\d{3})$/

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

/** Day numbers (since 1970-01-01) of the days before serial 1 (1900) and serial 0 (1904). */
const SERIAL_1900_BEFORE_BUG = daysFromCivil(1899, 12, 31)
const SERIAL_1900_AFTER_BUG = daysFromCivil(1899, 12, 30)
const SERIAL_1904 = daysFromCivil(1904, 1, 1)
const MAX_DAY = daysFromCivil(MAX_YEAR, 12, 31)

function parseSerialDate(serial: number, date1904: boolean): ValueResult<ParsedDate> {
  const min = date1904 ? 0 : 1
  const max = date1904 ? MAX_DAY - SERIAL_1904 : MAX_DAY - SERIAL_1900_AFTER_BUG
  if (!(serial >= min && serial < max + 1)) return fail('a number, not a date')
  if (!date1904 && serial >= 60 && serial < 61) return fail('day 29 does not exist in February 1900 (a spreadsheet bug)')
  const base = date1904 ? SERIAL_1904 : serial < 60 ? SERIAL_1900_BEFORE_BUG : SERIAL_1900_AFTER_BUG
  // Excel stores the time as a fraction of a day: rounding to the millisecond undoes the binary fraction.
  const totalMs = Math.round(serial * MS_PER_DAY)
  const wholeDays = Math.floor(totalMs / MS_PER_DAY)
  const days = base + wholeDays
  if (days > MAX_DAY) return fail('a number, not a date')
  const time = Number.isInteger(serial) ? null : formatTimeOfDay(totalMs - wholeDays * MS_PER_DAY)
  return ok({ date: dateOfDays(days), time, offsetMinutes: null })
}

function parseDateText(text: string, order: DateOrder | null): ValueResult<ParsedDate> {
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
  const zone = zoneOf(timeZone)
  if (zone === null) throw new RangeError(`unknown time zone: ${timeZone}`)
  return new Date(instantOfWallTime(zone, wall)).toISOString()
}

/** One time zone's formatter and its offsets by UTC day (see `offsetAt`). */
interface Zone {
  format: Intl.DateTimeFormat
  offsetByDay: Map<number, number>
}

/** Bounds the caches: files name few zones, and a few thousand distinct days. */
const MAX_ZONES = 64
const MAX_DAYS_PER_ZONE = 100_000
const zones = new Map<string, Zone | null>()

function zoneOf(timeZone: string): Zone | null {
  const cached = zones.get(timeZone)
  if (cached !== undefined) return cached
  let zone: Zone | null
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    zone = { format, offsetByDay: new Map() }
  } catch {
    // An unknown zone name is a RangeError; remember it so a million rows do not retry it.
    zone = null
  }
  if (zones.size >= MAX_ZONES) zones.clear()
  zones.set(timeZone, zone)
  return zone
}

/** The zone's offset (ms east of UTC) at an instant, computed by formatting the instant in the zone. */
function exactOffset(zone: Zone, instant: number): number {
  let year = 0
  let month = 0
  let day = 0
  let hour = 0
  let minute = 0
  let second = 0
  for (const part of zone.format.formatToParts(instant)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value)
        break
      case 'month':
        month = Number(part.value)
        break
      case 'day':
        day = Number(part.value)
        break
      case 'hour':
        // Some engines still write midnight as 24 despite h23.
        hour = Number(part.value) % 24
        break
      case 'minute':
        minute = Number(part.value)
        break
      case 'second':
        second = Number(part.value)
        break
    }
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second)
  return wall - (instant - (((instant % 1000) + 1000) % 1000))
}

/**
 * The zone's offset at an instant. Formatting costs microseconds, so offsets are cached by UTC day: a day
 * whose first and last second share an offset is taken to have no change inside it (no zone changes its
 * offset twice within a day and back); a day with a change is computed exactly on every call.
 */
function offsetAt(zone: Zone, instant: number): number {
  const day = Math.floor(instant / MS_PER_DAY)
  let offset = zone.offsetByDay.get(day)
  if (offset === undefined) {
    const start = exactOffset(zone, day * MS_PER_DAY)
    const end = exactOffset(zone, day * MS_PER_DAY + MS_PER_DAY - 1)
    offset = start === end ? start : Number.NaN
    if (zone.offsetByDay.size >= MAX_DAYS_PER_ZONE) zone.offsetByDay.clear()
    zone.offsetByDay.set(day, offset)
  }
  return Number.isNaN(offset) ? exactOffset(zone, instant) : offset
}

/**
 * The instant at which the zone's clocks show `wall` (a wall-clock time written as if it were UTC ms).
 * The offsets a day before and a day after bound the candidates (zones change offset at most once in
 * two days); a candidate is real when the zone has that offset at that instant.
 */
function instantOfWallTime(zone: Zone, wall: number): number {
  const before = offsetAt(zone, wall - MS_PER_DAY)
  const after = offsetAt(zone, wall + MS_PER_DAY)
  const early = wall - before
  if (before === after) return early
  const late = wall - after
  const earlyReal = offsetAt(zone, early) === before
  const lateReal = offsetAt(zone, late) === after
  if (earlyReal && lateReal) return Math.min(early, late)
  if (lateReal) return late
  // Either the earlier offset is real, or the time is in a gap: read with the offset in force before
  // the change, the clock lands past the gap, moved forward by its length.
  return early
}

// ---------------------------------------------------------------------------------------------------
// Decimal text (exact; money never goes through a float)

const PLAIN_NUMBER_RE = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/
const LEADING_ZEROS_RE = /^0+/
const TRAILING_ZEROS_RE = /0+$/
const DIGITS_RE = /^\d*$/
/** Enough for every double (5e-324, 1.8e308) and small enough to keep expanded text short. */
const MAX_EXPONENT = 400

/** Digits split at a decimal point moved `by` places (positive: right). */
function shiftPoint(intDigits: string, fracDigits: string, by: number): [string, string] {
  if (by === 0) return [intDigits, fracDigits]
  const digits = intDigits + fracDigits
  const point = intDigits.length + by
  if (point <= 0) return ['', '0'.repeat(-point) + digits]
  if (point >= digits.length) return [digits + '0'.repeat(point - digits.length), '']
  return [digits.slice(0, point), digits.slice(point)]
}

/** Canonical decimal text: no leading or trailing zeros, no `-0`, no trailing point ("-1234.5", "0"). */
function canonicalDecimal(negative: boolean, intDigits: string, fracDigits: string): string {
  const int = intDigits.replace(LEADING_ZEROS_RE, '') || '0'
  const frac = fracDigits.replace(TRAILING_ZEROS_RE, '')
  const body = frac === '' ? int : `${int}.${frac}`
  return negative && body !== '0' ? `-${body}` : body
}

/** Canonical decimal text of plain or exponent number text ("1.5e-7", "-1e+21"), or null. */
function plainDecimal(text: string): string | null {
  const m = PLAIN_NUMBER_RE.exec(text)
  if (m === null) return null
  const intDigits = m[2] ?? ''
  const fracDigits = m[3] ?? ''
  if (intDigits === '' && fracDigits === '') return null
  const exponent = m[4] === undefined ? 0 : Number(m[4])
  if (Math.abs(exponent) > MAX_EXPONENT) return null
  const [int, frac] = shiftPoint(intDigits, fracDigits, exponent)
  return canonicalDecimal(m[1] === '-', int, frac)
}

/**
 * The exact decimal text of a spreadsheet number. `String(n)` is the shortest text that reads back as the
 * same double, i.e. what the user typed (17499.9499999999, not 17499.949999999899...); exponent forms are
 * expanded.
 */
function numberText(n: number): string | null {
  return Number.isFinite(n) ? plainDecimal(String(n)) : null
}

// ---------------------------------------------------------------------------------------------------
// Currencies

/** Symbols and prefixes -> ISO 4217. `$` alone is USD and `¥` alone is JPY; other dollars need a prefix. */
const CURRENCY_SYMBOLS = new Map<string, string>([
  ['$', 'USD'],
  ['US$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['￥', 'JPY'],
  ['₹', 'INR'],
  ['R$', 'BRL'],
  ['A$', 'AUD'],
  ['AU$', 'AUD'],
  ['C$', 'CAD'],
  ['CA$', 'CAD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['S$', 'SGD'],
  ['MX$', 'MXN'],
  ['₩', 'KRW'],
  ['₪', 'ILS'],
  ['₺', 'TRY'],
  ['₽', 'RUB'],
  ['₱', 'PHP'],
  ['฿', 'THB'],
  ['ZŁ', 'PLN'],
  ['RMB', 'CNY'],
])
/** Current ISO 4217 codes as the engine knows them: a three-letter word next to an amount must be one. */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'))
const CURRENCY_CODE_RE = /^[A-Za-z]{3}$/
const UPPER_CODE_RE = /^[A-Z]{3}$/
const minorDigitsByCurrency = new Map<string, number>()

/**
 * Minor-unit digits of a currency (USD 2, JPY 0, KWD 3) from the engine's CLDR data; null if not a code.
 * A well-formed code the engine does not know gets the default, 2. Cached per code (at most 26³ entries).
 */
export function minorDigits(currency: string): number | null {
  let digits = minorDigitsByCurrency.get(currency)
  if (digits === undefined) {
    if (!UPPER_CODE_RE.test(currency)) return null
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    minorDigitsByCurrency.set(currency, digits)
  }
  return digits
}

const NOT_A_CURRENCY = 'not a currency (use a three-letter code such as USD)'

/**
 * Reads a currency cell: a three-letter code in any case (`usd` -> USD; codes the engine does not know
 * are accepted, as the file may be newer than the engine) or a common symbol (`$`, `US$`, `€`, `£`, `¥`,
 * `₹`, `R$`, `A$`, `C$`, …).
 */
export function parseCurrencyCode(value: CellValue): ValueResult<string | null> {
  if (value === null) return EMPTY
  if (typeof value !== 'string') return fail(NOT_A_CURRENCY)
  const text = textOf(value)
  if (text === null) return EMPTY
  if (text.length > MAX_TYPED_CHARS) return fail(NOT_A_CURRENCY)
  const symbol = CURRENCY_SYMBOLS.get(text.toUpperCase())
  if (symbol !== undefined) return ok(symbol)
  if (CURRENCY_CODE_RE.test(text)) return ok(text.toUpperCase())
  if (isSpreadsheetError(text)) return fail('a spreadsheet error, not a currency')
  return fail(NOT_A_CURRENCY)
}

/** A currency next to an amount: a symbol or a code the engine knows (so "1.5 mio" is not 1.5 MIO). */
function currencyOfToken(token: string): ValueResult<string> {
  const upper = token.toUpperCase()
  const symbol = CURRENCY_SYMBOLS.get(upper)
  if (symbol !== undefined) return ok(symbol)
  return KNOWN_CURRENCIES.has(upper) ? ok(upper) : fail(`unknown currency "${token}"`)
}

// ---------------------------------------------------------------------------------------------------
// Amounts

/** An amount as exact decimal text ("-1234.5", canonical: see `canonicalDecimal`) and its currency if written. */
export interface ParsedAmount {
  amount: string
  currency: string | null
}

export type DecimalSeparator = '.' | ','

export interface AmountOptions {
  /**
   * The column's decimal separator. Null means undecided (contradictory column evidence): each value is
   * read by its own evidence and a value that could be read either way (`1,234`) is refused as ambiguous.
   */
  decimal: DecimalSeparator | null
}

const NOT_AN_AMOUNT = 'not an amount'
const CURRENCY_TOKEN = String.raw`[A-Za-z]{3}|(?:[Uu][Ss]|[Rr]|[Aa][Uu]?|[Cc][Aa]?|[Nn][Zz]|[Hh][Kk]|[Ss]|[Mm][Xx])\$|[$€£¥￥₹₩₪₺₽₱฿]|[Zz][łŁ]`
const SIGN = '[-+\u2212]'
/**
 * An amount: sign and currency on either side, parentheses for negatives, digits with `.` `,` `'` `’` and
 * spaces (also NBSP, narrow NBSP, thin space) as separators, an optional exponent. Groups: 1 sign,
 * 2 currency, 3 sign, 4 "(", 5 digits, 6 exponent, 7 ")", 8 currency. The separators are checked after.
 * Every optional token carries its own trailing spaces and the digits end in a digit or separator, so a
 * run of spaces can be matched only one way (no backtracking blow-up).
 */
const AMOUNT_RE = new RegExp(
  `^(?:(${SIGN})\\s*)?(?:(${CURRENCY_TOKEN})\\s*)?(?:(${SIGN})\\s*)?(?:(\\()\\s*)?` +
    `([\\d.,](?:[\\d.,'’ \\u00A0\\u202F\\u2009]*[\\d.,])?)(?:[eE]([-+]?\\d+))?\\s*(?:(\\))\\s*)?(${CURRENCY_TOKEN})?$`,
)
const OUTER_PARENS_RE = /^\((.*)\)$/s
const NON_DIGITS_RE = /\D/g
const MANTISSA_RE = /^(\d*)(?:([.,])(\d+))?$/
const GROUP_HEAD_RE = /^[1-9]\d{0,2}$/
const THREE_DIGITS_RE = /^\d{3}$/

/**
 * Reads an amount. Text: `$1,234.50`, `1.234,50 €`, `€1.234,50`, `(1,200.00)` and `-1,200` (negative),
 * `1 234,50` (space, NBSP or narrow NBSP grouping), `1'234.50`, Indian grouping `1,23,456.78`,
 * `USD 1,200`, `1200 EUR`, `25000.0`, and exponent forms `1.5e3` (Excel writes large numbers that way
 * into CSV). Refused: percentages, words, two numbers, separators in impossible places, a decimal
 * separator that contradicts the column's. Spreadsheet numbers are read exactly (see `numberText`).
 */
export function parseAmount(value: CellValue, opts: AmountOptions): ValueResult<ParsedAmount | null> {
  if (value === null) return EMPTY
  if (typeof value === 'boolean') return fail(NOT_AN_AMOUNT)
  if (typeof value === 'number') {
    const amount = numberText(value)
    return amount === null ? fail(NOT_AN_AMOUNT) : ok({ amount, currency: null })
  }
  const text = textOf(value)
  if (text === null) return EMPTY
  if (text.includes('%')) return fail('a percentage, not an amount')
  if (isSpreadsheetError(text)) return fail('a spreadsheet error, not an amount')
  if (text.length > MAX_TYPED_CHARS) return fail(NOT_AN_AMOUNT)
  return parseAmountText(text, opts.decimal)
}

/** The commonest amount of all, plain digits with an optional point decimal ("1234.50"): read without the general pattern. */
const FAST_AMOUNT_RE = /^(-?)(\d{1,15})(?:\.(\d{1,15}))?$/

function parseAmountText(text: string, decimal: DecimalSeparator | null): ValueResult<ParsedAmount> {
  const fast = FAST_AMOUNT_RE.exec(text)
  // Same reading as below: with the point as decimal separator, or a whole number with any separator.
  if (fast !== null && (decimal === '.' || fast[3] === undefined)) {
    return ok({ amount: canonicalDecimal(fast[1] === '-', fast[2] ?? '', fast[3] ?? ''), currency: null })
  }
  const outer = OUTER_PARENS_RE.exec(text)
  const m = AMOUNT_RE.exec(outer === null ? text : (outer[1] ?? '').trim())
  if (m === null) return fail(NOT_AN_AMOUNT)
  const [, sign1, currency1, sign2, open, digits, exponent, close, currency2] = m
  if ((open === undefined) !== (close === undefined)) return fail(NOT_AN_AMOUNT)
  // One way of saying the sign at most: "-(5)" or "-$-5" is a typing error, not a double negative.
  const markers = (outer === null ? 0 : 1) + (open === undefined ? 0 : 1) + (sign1 === undefined ? 0 : 1) + (sign2 === undefined ? 0 : 1)
  if (markers > 1) return fail(NOT_AN_AMOUNT)
  const negative = outer !== null || open !== undefined || (sign1 ?? sign2 ?? '+') !== '+'

  let currency: string | null = null
  if (currency1 !== undefined) {
    const c = currencyOfToken(currency1)
    if (!c.ok) return c
    currency = c.value
  }
  if (currency2 !== undefined) {
    const c = currencyOfToken(currency2)
    if (!c.ok) return c
    if (currency !== null && currency !== c.value) return fail('two currencies')
    currency = c.value
  }

  const number = splitDigits(digits ?? '', exponent, decimal)
  if (!number.ok) return number
  const [int, frac] = number.value
  return ok({ amount: canonicalDecimal(negative, int, frac), currency })
}

/** Integer and fraction digits of the number part of an amount. */
function splitDigits(body: string, exponent: string | undefined, decimal: DecimalSeparator | null): ValueResult<[string, string]> {
  if (exponent !== undefined) {
    const m = MANTISSA_RE.exec(body)
    if (m === null || (m[1] === '' && m[3] === undefined)) return fail(NOT_AN_AMOUNT)
    if (decimal !== null && m[2] !== undefined && m[2] !== decimal) return fail(`misplaced "${m[2]}" (the decimal separator is "${decimal}")`)
    const shift = Number(exponent)
    if (Math.abs(shift) > MAX_EXPONENT) return fail('amount too large')
    return ok(shiftPoint(m[1] ?? '', m[3] ?? '', shift))
  }

  let dec = decimal
  if (dec === null) {
    const evidence = separatorEvidence(body)
    if (evidence !== null && !evidence.decisive) {
      const sep = evidence.decimal === '.' ? ',' : '.'
      return fail(`ambiguous: is "${sep}" a decimal or a thousands separator here? choose a decimal separator`)
    }
    dec = evidence?.decimal ?? '.'
  }
  const other = dec === '.' ? ',' : '.'
  const cut = body.lastIndexOf(dec)
  if (cut >= 0 && body.indexOf(dec) !== cut) return fail(`misplaced "${dec}" (the decimal separator)`)
  if (cut >= 0 && body.includes(other, cut)) return fail(`uses "${other}" as the decimal separator, but this column uses "${dec}"`)
  const frac = cut < 0 ? '' : body.slice(cut + 1)
  if (!DIGITS_RE.test(frac)) return fail(NOT_AN_AMOUNT)
  const int = ungroup(cut < 0 ? body : body.slice(0, cut))
  if (int === null) {
    // A lone other separator in bad grouping (12,5 in a "." column) is a decimal from another convention.
    const lone = cut < 0 && body.indexOf(other) >= 0 && body.indexOf(other) === body.lastIndexOf(other)
    return fail(lone ? `misplaced "${other}" (the decimal separator is "${dec}")` : 'misplaced thousands separator')
  }
  if (int === '' && frac === '') return fail(NOT_AN_AMOUNT)
  return ok([int, frac])
}

/** A grouping character's kind: all spaces are one kind, both apostrophes another. */
function groupKind(ch: string): string | null {
  switch (ch) {
    case '.':
    case ',':
      return ch
    case "'":
    case '’':
      return "'"
    case ' ':
    case '\u00A0':
    case '\u202F':
    case '\u2009':
      return ' '
    default:
      return null
  }
}

/**
 * The digits of an integer part written with one kind of grouping separator, or null when the grouping
 * is wrong. Western groups: 1–3 digits then groups of 3 (1,234,567). Indian groups: 1–2 digits, groups
 * of 2, a last group of 3 (1,23,45,678).
 */
function ungroup(intPart: string): string | null {
  if (DIGITS_RE.test(intPart)) return intPart
  const groups: number[] = []
  let kind: string | null = null
  let run = 0
  for (const ch of intPart) {
    if (ch >= '0' && ch <= '9') {
      run++
      continue
    }
    const k = groupKind(ch)
    if (k === null || run === 0 || (kind !== null && k !== kind)) return null
    kind = k
    groups.push(run)
    run = 0
  }
  groups.push(run)
  const first = groups[0] ?? 0
  if (run !== 3 || first < 1 || first > 3) return null
  let western = true
  let indian = first <= 2
  for (let i = 1; i < groups.length - 1; i++) {
    western &&= groups[i] === 3
    indian &&= groups[i] === 2
  }
  return western || indian ? intPart.replace(NON_DIGITS_RE, '') : null
}

/**
 * What one value's separators say about the decimal separator, or null when it has no `.` or `,`.
 * Decisive: both present (the last is the decimal one); one of them repeated (it groups, so the other is
 * the decimal one); a single one that cannot be grouping (not followed by exactly three digits, or after
 * nothing, a zero or more than three digits: `0,125`, `1234,567`). Not decisive: a single one followed
 * by exactly three digits after one to three digits (`1,234`), which reads as thousands.
 */
function separatorEvidence(body: string): { decimal: DecimalSeparator; decisive: boolean } | null {
  const dot = body.lastIndexOf('.')
  const comma = body.lastIndexOf(',')
  if (dot < 0 && comma < 0) return null
  if (dot >= 0 && comma >= 0) return { decimal: dot > comma ? '.' : ',', decisive: true }
  const sep: DecimalSeparator = dot >= 0 ? '.' : ','
  const other: DecimalSeparator = dot >= 0 ? ',' : '.'
  const index = Math.max(dot, comma)
  if (body.indexOf(sep) !== index) return { decimal: other, decisive: true }
  const head = body.slice(0, index)
  const groupingPossible = THREE_DIGITS_RE.test(body.slice(index + 1)) && GROUP_HEAD_RE.test(head)
  return groupingPossible ? { decimal: other, decisive: false } : { decimal: sep, decisive: true }
}

/** The separator in the mantissa of an exponent form (`1.5E+06`) can only be the decimal one. */
function exponentEvidence(mantissa: string): { decimal: DecimalSeparator; decisive: boolean } | null {
  if (mantissa.includes(',')) return { decimal: ',', decisive: true }
  if (mantissa.includes('.')) return { decimal: '.', decisive: true }
  return null
}

/**
 * Infers a column's decimal separator from its text amounts (spreadsheet numbers carry none). Decisive
 * values (see `separatorEvidence`) win; if they point both ways the result is null, and `parseAmount`
 * then reads every value by its own evidence. Without decisive values, the thousands reading of values
 * like `1.234` decides (`,` is then the decimal separator); without any evidence the default is `.`.
 */
export function inferDecimalSeparator(samples: readonly CellValue[]): DecimalSeparator | null {
  let decisive: DecimalSeparator | null = null
  let weak: DecimalSeparator | null = null
  let weakConflict = false
  for (const sample of samples) {
    if (typeof sample !== 'string' || sample.length > MAX_TYPED_CHARS || sample.includes('%')) continue
    const text = sample.trim()
    const outer = OUTER_PARENS_RE.exec(text)
    const m = AMOUNT_RE.exec(outer === null ? text : (outer[1] ?? '').trim())
    if (m === null) continue
    const evidence = m[6] === undefined ? separatorEvidence(m[5] ?? '') : exponentEvidence(m[5] ?? '')
    if (evidence === null) continue
    if (evidence.decisive) {
      if (decisive !== null && decisive !== evidence.decimal) return null
      decisive = evidence.decimal
    } else if (weak !== null && weak !== evidence.decimal) {
      weakConflict = true
    } else {
      weak = evidence.decimal
    }
  }
  if (decisive !== null) return decisive
  if (weakConflict) return null
  return weak ?? '.'
}

const AMOUNT_TEXT_RE = /^(-?)(\d+)(?:\.(\d+))?$/
const MAX_SAFE_TEXT = String(Number.MAX_SAFE_INTEGER)

/**
 * An exact decimal amount in integer minor units of `currency` (its digits from the engine's currency
 * data: USD 2, JPY 0, KWD 3), rounded half away from zero on the decimal text itself — no float ever
 * multiplies money ("17499.9499999999" USD -> 1749995, "0.005" -> 1, "-0.005" -> -1). Results beyond
 * ±(2^53 − 1) are refused: they would not be exact in a JavaScript number or a SQLite REAL.
 */
export function toMinorUnits(amountText: string, currency: string): ValueResult<number> {
  const digits = minorDigits(currency)
  if (digits === null) return fail(`unknown currency "${currency}"`)
  const m = AMOUNT_TEXT_RE.exec(amountText)
  if (m === null) return fail(NOT_AN_AMOUNT)
  const frac = m[3] ?? ''
  const kept = frac.length >= digits ? frac.slice(0, digits) : frac.padEnd(digits, '0')
  // Half away from zero on the magnitude: the first dropped digit alone decides.
  const roundUp = frac.length > digits && frac.charCodeAt(digits) >= 53 /* '5' */
  const magnitudeText = ((m[2] ?? '') + kept).replace(LEADING_ZEROS_RE, '')
  if (magnitudeText.length > MAX_SAFE_TEXT.length || (magnitudeText.length === MAX_SAFE_TEXT.length && magnitudeText > MAX_SAFE_TEXT)) {
    return fail('amount too large')
  }
  // Exact: at most MAX_SAFE_INTEGER, plus one is still an exact double.
  const magnitude = Number(magnitudeText) + (roundUp ? 1 : 0)
  if (magnitude > Number.MAX_SAFE_INTEGER) return fail('amount too large')
  return ok(m[1] === '-' && magnitude !== 0 ? -magnitude : magnitude)
}

const PLAIN_AMOUNT_RE = /^(-?)(\d{1,15})(?:\.(\d{1,15}))?$/
/** Most digits of minor units read without the text checks of `toMinorUnits` (always below 2^53). */
const PLAIN_MAX_DIGITS = 15

/**
 * The commonest amount of an export, plain digits with an optional point decimal ("1234.50", no sign
 * but `-`, no spaces, no currency), straight to minor units: what `parseAmount` then `toMinorUnits`
 * give for it, without their intermediate text. Null for anything else (or a currency the engine does
 * not know, or more than 15 digits): the caller then takes the general path, which also says why.
 */
export function plainMinorUnits(text: string, currency: string, decimal: DecimalSeparator | null): number | null {
  const m = PLAIN_AMOUNT_RE.exec(text)
  if (m === null) return null
  const frac = m[3]
  if (frac !== undefined && decimal !== '.') return null
  const digits = minorDigits(currency)
  if (digits === null) return null
  const f = frac ?? ''
  const kept = f.length >= digits ? f.slice(0, digits) : f.padEnd(digits, '0')
  const int = m[2] as string
  if (int.length + kept.length > PLAIN_MAX_DIGITS) return null
  const magnitude = Number(int + kept) + (f.length > digits && f.charCodeAt(digits) >= 53 /* '5' */ ? 1 : 0)
  return m[1] === '-' && magnitude !== 0 ? -magnitude : magnitude
}

/**
 * A spreadsheet number straight to minor units, as `parseAmount` then `toMinorUnits` read it (its
 * shortest text, always with a point): the common case of an XLSX amount column. Null where that text
 * is not plain digits (exponent forms, more than 15 digits) or the currency is unknown: the caller then
 * takes the general path.
 */
export function numberMinorUnits(n: number, currency: string): number | null {
  return Number.isFinite(n) ? plainMinorUnits(String(n), currency, '.') : null
}

/** Integer minor units back to exact decimal text in the currency's digits: 1749995 USD -> "17499.95". */
export function formatMinorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency) ?? 2
  const sign = minor < 0 ? '-' : ''
  const text = String(Math.abs(minor)).padStart(digits + 1, '0')
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`
}

// ---------------------------------------------------------------------------------------------------
// Probabilities

/** How a column writes probabilities without a `%` sign: 0.6 (`fraction`) or 60 (`percent`). */
export type ProbabilityScale = 'fraction' | 'percent'

/** A number with `.` or `,` as decimal point (at most 100 needs no grouping), optionally with `%`. */
const PROBABILITY_RE = /^([-+\u2212])?\s*(\d*)(?:[.,](\d+))?\s*(%)?$/
const NOT_A_PROBABILITY = 'not a probability'

/**
 * Reads a probability as a number from 0 to 1. `60%` (or `60 %`) is 0.6 whatever the scale; a bare
 * number is read with the column's scale (`0.6` as a fraction, `60` as a percent). Spreadsheet cells
 * formatted as a percentage hold the fraction (0.6), which is why a column of them infers `fraction`.
 * The percent shift is done on the decimal text, so `57.5` becomes exactly the double nearest 0.575.
 */
export function parseProbability(value: CellValue, opts: { scale: ProbabilityScale }): ValueResult<number | null> {
  if (value === null) return EMPTY
  if (typeof value === 'boolean') return fail(NOT_A_PROBABILITY)
  let negative: boolean
  let int: string
  let frac: string
  let percent: boolean
  if (typeof value === 'number') {
    const text = numberText(value)
    if (text === null) return fail(NOT_A_PROBABILITY)
    const m = AMOUNT_TEXT_RE.exec(text)
    negative = m?.[1] === '-'
    int = m?.[2] ?? '0'
    frac = m?.[3] ?? ''
    percent = opts.scale === 'percent'
  } else {
    const text = textOf(value)
    if (text === null) return EMPTY
    const m = text.length > MAX_TYPED_CHARS ? null : PROBABILITY_RE.exec(text)
    if (m === null || (m[2] === '' && m[3] === undefined)) {
      return fail(isSpreadsheetError(text) ? 'a spreadsheet error, not a probability' : NOT_A_PROBABILITY)
    }
    negative = m[1] !== undefined && m[1] !== '+'
    int = m[2] ?? ''
    frac = m[3] ?? ''
    percent = m[4] !== undefined || opts.scale === 'percent'
  }
  const [i, f] = percent ? shiftPoint(int, frac, -2) : [int, frac]
  const probability = Number(canonicalDecimal(negative, i, f))
  if (probability < 0 || probability > 1) return fail(percent ? 'must be between 0 % and 100 %' : 'must be between 0 and 1')
  // No -0 from "-0".
  return ok(probability === 0 ? 0 : probability)
}

/**
 * A column's probability scale: `percent` as soon as one value without `%` is above 1 (nobody writes
 * 60 meaning 6000 %), else `fraction`. A column of only 0 and 1 therefore reads as 0 % and 100 %.
 */
export function inferProbabilityScale(samples: readonly CellValue[]): ProbabilityScale {
  for (const sample of samples) {
    if (typeof sample === 'number') {
      if (sample > 1) return 'percent'
    } else if (typeof sample === 'string' && sample.length <= MAX_TYPED_CHARS) {
      const m = PROBABILITY_RE.exec(sample.trim())
      if (m !== null && m[4] === undefined && Number(`${m[2] || '0'}.${m[3] ?? '0'}`) > 1) return 'percent'
    }
  }
  return 'fraction'
}

// ---------------------------------------------------------------------------------------------------
// Booleans

const BOOLEAN_WORDS = new Map<string, boolean>([
  ['true', true],
  ['yes', true],
  ['y', true],
  ['1', true],
  ['x', true],
  ['✓', true],
  ['✔', true],
  ['false', false],
  ['no', false],
  ['n', false],
  ['0', false],
])
const NOT_A_BOOLEAN = 'not yes or no'

/** Reads a yes/no cell: TRUE/true/1/yes/y/x/✓ and FALSE/false/0/no/n; spreadsheet booleans as they are. */
export function parseBoolean(value: CellValue): ValueResult<boolean | null> {
  if (value === null) return EMPTY
  if (typeof value === 'boolean') return ok(value)
  if (typeof value === 'number') return value === 1 ? ok(true) : value === 0 ? ok(false) : fail(NOT_A_BOOLEAN)
  const text = textOf(value)
  if (text === null) return EMPTY
  const word = BOOLEAN_WORDS.get(text.toLowerCase())
  return word === undefined ? fail(NOT_A_BOOLEAN) : ok(word)
}

// ---------------------------------------------------------------------------------------------------
// Periods

/**
 * A target or spend period, in one of three canonical forms:
 * - `YYYY-MM`: a calendar month;
 * - `YYYY-Qn`: a FISCAL quarter of fiscal year YYYY — Q1 begins in the fiscal year's start month;
 * - `FYYYYY`: a fiscal year, named by the calendar year in which it ENDS (the common convention: with a
 *   February start, FY2025 runs 2024-02-01 – 2025-01-31). With a January start FY2025 is calendar 2025.
 */
export type Period = string
export type PeriodGranularity = 'month' | 'quarter' | 'year'

export interface PeriodOptions {
  /** Date order for periods written as full dates (`01/08/2025`). */
  order: DateOrder | null
  /** 1–12: the month the fiscal year starts in (settings `fiscalYearStartMonth`). */
  fiscalYearStartMonth: number
  /** Excel serials in the column use the 1904 date system. */
  date1904?: boolean
}

/** An inclusive range of calendar dates (YYYY-MM-DD). */
export interface DateRange {
  start: string
  end: string
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
const YEAR_RE = /^\d{4}$/
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

const MONTH_PERIOD_RE = /^(\d{4})-(\d{2})$/
const QUARTER_PERIOD_RE = /^(\d{4})-Q([1-4])$/
const FISCAL_PERIOD_RE = /^FY(\d{4})$/

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
  const d = PARSED_DATE_RE.exec(date)
  const year = Number(d?.[1])
  const month = Number(d?.[2])
  if (d === null || !checkedDate(year, month, Number(d[3]), null).ok) throw new RangeError(`not a date: ${date}`)
  if (granularity === 'month') return date.slice(0, 7)
  const fiscalYear = fiscalYearStartMonth === 1 || month < fiscalYearStartMonth ? year : year + 1
  if (granularity === 'year') return `FY${fiscalYear}`
  const monthOfFiscalYear = (month - fiscalYearStartMonth + 12) % 12
  return `${fiscalYear}-Q${Math.floor(monthOfFiscalYear / 3) + 1}`
}

// ---------------------------------------------------------------------------------------------------
// Identifiers and text

/**
 * Excel keeps 15 significant digits: an integer id at or above 10^15 in a number cell may already have
 * lost its last digits, and importing it would silently merge or split records.
 */
const MAX_EXACT_SPREADSHEET_INTEGER = 1e15

/**
 * Reads an identifier: text trimmed and otherwise exact (leading zeros kept); a spreadsheet number as its
 * digits (`123` -> "123", `1.0` -> "1", `12.5` -> "12.5").
 */
export function parseId(value: CellValue): ValueResult<string | null> {
  if (value === null) return EMPTY
  if (typeof value === 'boolean') return fail('a TRUE/FALSE value, not an id')
  if (typeof value === 'number') {
    if (Math.abs(value) >= MAX_EXACT_SPREADSHEET_INTEGER) {
      return fail('too long for a number cell: the spreadsheet may have rounded it (format the column as text)')
    }
    const text = numberText(value)
    return text === null ? fail('not an id') : ok(text)
  }
  return ok(textOf(value))
}

/**
 * Reads free text: trimmed, nothing else changed. Text that looks like a formula (`=SUM(A1)`) stays plain
 * text and is never evaluated. Spreadsheet numbers become their shortest exact text, booleans TRUE/FALSE
 * as a spreadsheet shows them.
 */
export function parseText(value: CellValue): ValueResult<string | null> {
  if (value === null) return EMPTY
  if (typeof value === 'boolean') return ok(value ? 'TRUE' : 'FALSE')
  if (typeof value === 'number') {
    const text = numberText(value)
    return text === null ? fail('not a number') : ok(text)
  }
  return ok(textOf(value))
}
