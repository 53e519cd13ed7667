import { MAX_YEAR, MS_PER_DAY, dateOfDay, daysFromCivil } from './calendar'

/**
 * Excel date serials: days since Excel's epoch, the fraction being the time of day. One reading for the
 * whole app (the XLSX reader's date-formatted cells and number cells in a date column alike).
 *
 * Rounding: a serial is rounded to the **second**. Excel stores the time of day as a binary fraction of a
 * day, and times computed by formulas (a date plus hours/24) carry sub-second noise: 13:44:59.6 is shown by
 * Excel as 13:45:00 (or 13:45), so it is read as 13:45:00, and 23:59:59.7 rolls over to the next day.
 * Excel's own formats show at most seconds unless a workbook asks for `ss.000`, which CRM exports do not.
 *
 * The 1900 system keeps Lotus's bug: serial 60 is the nonexistent 1900-02-29, and serials before it are
 * a day behind, so that serial 1 is 1900-01-01 (serial 0 is 1899-12-31, Excel's "1900-01-00", which a
 * time-only cell such as 0.5 = 12:00 sits on). The 1904 system (old Mac workbooks) starts at 1904-01-01.
 */

/** Civil day numbers (days since 1970-01-01) of serial 0 in each system, and the last day Excel shows. */
const SERIAL_0_1900 = daysFromCivil(1899, 12, 31)
const SERIAL_0_1900_AFTER_BUG = daysFromCivil(1899, 12, 30)
const SERIAL_0_1904 = daysFromCivil(1904, 1, 1)
const LAST_DAY = daysFromCivil(MAX_YEAR, 12, 31)
const PHANTOM_LEAP_DAY = 60
const SECONDS_PER_DAY = MS_PER_DAY / 1000

export interface SerialReading {
  /** YYYY-MM-DD; for serial 60 of the 1900 system, the phantom `1900-02-29`, which no date reader accepts. */
  date: string
  /** Milliseconds since midnight, a whole number of seconds. */
  msOfDay: number
}

/**
 * Date columns repeat the same few thousand days, and formatting through Date was a measurable share of
 * a large XLSX read; the cache is capped so a hostile sheet of distinct days cannot grow it.
 */
const dayTexts = new Map<number, string>()
const DAY_CACHE_SIZE = 20_000

function dayText(day: number): string {
  let text = dayTexts.get(day)
  if (text === undefined) {
    if (dayTexts.size >= DAY_CACHE_SIZE) dayTexts.clear()
    text = dateOfDay(day)
    dayTexts.set(day, text)
  }
  return text
}

/**
 * The calendar date and time of day of a serial, or null when Excel itself would not show it as a date
 * (negative, not finite, or past 9999-12-31). Serial 60 of the 1900 system comes back as the phantom
 * `1900-02-29`, so that it reads as the invalid date it is rather than silently becoming a neighbour.
 */
export function readExcelSerial(serial: number, date1904: boolean): SerialReading | null {
  if (!Number.isFinite(serial) || serial < 0) return null
  const totalMs = Math.round(serial * SECONDS_PER_DAY) * 1000
  const wholeDays = Math.floor(totalMs / MS_PER_DAY)
  const msOfDay = totalMs - wholeDays * MS_PER_DAY
  if (!date1904 && wholeDays === PHANTOM_LEAP_DAY) return { date: '1900-02-29', msOfDay }
  const base = date1904 ? SERIAL_0_1904 : wholeDays < PHANTOM_LEAP_DAY ? SERIAL_0_1900 : SERIAL_0_1900_AFTER_BUG
  const day = base + wholeDays
  return day > LAST_DAY ? null : { date: dayText(day), msOfDay }
}
