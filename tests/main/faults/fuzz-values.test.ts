import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CellValue, DateOrder } from '../../../src/shared/import/types'
import {
  formatMinorUnits,
  inferDateOrder,
  inferDecimalSeparator,
  inferProbabilityScale,
  minorDigits,
  numberMinorUnits,
  parseAmount,
  parseBoolean,
  parseCurrencyCode,
  parseDate,
  parseId,
  parsePeriod,
  parseProbability,
  parseText,
  plainMinorUnits,
  toDateOnly,
  toMinorUnits,
  toTimestamp,
  type ValueResult,
} from '../../../src/shared/import/values'
import { KNOWN_CURRENCIES } from '../../../src/shared/import/values/currency'
import { daysInMonth, formatDate, MAX_YEAR, MIN_YEAR, pad2 } from '../../../src/shared/time/calendar'
import { periodOf, periodRange } from '../../../src/shared/time/periods'
import { FUZZ_RUNS, Tally, fuzzParams, isOneLine } from '../../helpers/fuzz'
import { excelSerial } from '../../helpers/xlsx-writer'

/**
 * Fuzz of the value parsers (issue 18, "Figures to prove"): FUZZ_RUNS arbitrary cells per parser, each
 * ending in `{ ok: true, value }` of the parser's type or `{ ok: false, reason }` with a one-line reason,
 * never in a throw; then round trips wherever a value can be written and read back.
 */

// ---------------------------------------------------------------------------------------------------
// Arbitrary cells

/** Digits that are not ASCII: Arabic-Indic, Persian, Devanagari, Bengali, Thai, fullwidth, mathematical. */
const UNICODE_DIGITS = ['٠١٢٣٤٥٦٧٨٩', '۰۱۲۳۴۵۶۷۸۹', '०१२३४५६७८९', '০১২৩৪৫৬৭৮৯', '๐๑๒๓๔๕๖๗๘๙', '０１２３４５６７８９', '𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗']
const unicodeDigit = fc.constantFrom(...UNICODE_DIGITS.flatMap((digits) => Array.from(digits)))

/** Pieces every parser looks for, plus lookalikes: unicode digits and minus signs, odd spaces, marks. */
const TOKENS = [
  '0',
  '1',
  '12',
  '31',
  '60',
  '2024',
  '99',
  '.',
  ',',
  '/',
  '-',
  ':',
  ' ',
  '\t',
  '\u00A0',
  '\u202F',
  '\u2009',
  '\u200B',
  '\u200E',
  '\u202E',
  '\u0301',
  '\uFEFF',
  "'",
  '’',
  '$',
  'US$',
  'R$',
  '€',
  '£',
  '¥',
  '₹',
  'zł',
  'USD',
  'usd',
  'EUR',
  'XXX',
  '(',
  ')',
  '%',
  '+',
  '\u2212',
  '\u2013',
  'e',
  'E5',
  'e-400',
  'Infinity',
  'NaN',
  '0x1F',
  '1_000',
  'Q',
  'FY',
  'Jan',
  'September',
  'Sept',
  'st',
  'T',
  'Z',
  'UTC',
  'GMT',
  'PM',
  'p.m.',
  '+05:30',
  '+14:00',
  '-2400',
  '#N/A',
  '#DIV/0!',
  'yes',
  'NO',
  '✓',
  'x',
  '\0',
  '\uD800',
  '\uDFFF',
]
const tokenText = fc.array(fc.oneof(fc.constantFrom(...TOKENS), unicodeDigit), { maxLength: 14 }).map((parts) => parts.join(''))

const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: tokenText },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  // Past the 100 characters a typed parser reads, with something to read hidden after it.
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 90, max: 2_000 }), tokenText).map(([n, t]) => `1${' '.repeat(n)}${t}`) },
  // Every double: NaN, ±Infinity, -0, subnormals, the largest and smallest.
  { weight: 2, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      Number.MAX_SAFE_INTEGER + 2,
      2_958_465.999_999,
      2_958_466,
      60,
      0.5,
      1e15,
      -1e-7,
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: -1e7, max: 1e7 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
)

const orderArb = fc.constantFrom<DateOrder | null>('ymd', 'mdy', 'dmy', null)
const decimalArb = fc.constantFrom<'.' | ',' | null>('.', ',', null)

// ---------------------------------------------------------------------------------------------------
// Checks

/**
 * The contract of every parser: a result, of the expected shape; a failure says why in one line. Values
 * are also checked by `valid`. Returns the outcome for the tally.
 */
function checked<T>(result: ValueResult<T | null>, valid: (value: T) => boolean): 'ok' | 'empty' | 'refused' {
  if (result.ok === false) {
    if (typeof result.reason !== 'string' || !isOneLine(result.reason))
      throw new Error(`a reason that is not one line: ${JSON.stringify(result)}`)
    return 'refused'
  }
  if (result.ok !== true) throw new Error(`neither ok nor a failure: ${JSON.stringify(result)}`)
  if (result.value === null) return 'empty'
  if (!valid(result.value)) throw new Error(`an invalid value: ${JSON.stringify(result.value)}`)
  return 'ok'
}

/** A calendar date from year MIN_YEAR to MAX_YEAR that exists. */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
function isRealIsoDate(text: string): boolean {
  const m = DATE_RE.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return y >= MIN_YEAR && y <= MAX_YEAR && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}$/
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const AMOUNT_RE = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/
const PERIOD_RE = /^(\d{4}-(0[1-9]|1[0-2])|\d{4}-Q[1-4]|FY\d{4})$/

/** Whether a string cell holds digits of other scripts and no ASCII digit: never a number, date or period. */
const hasOnlyForeignDigits = (value: CellValue): boolean => typeof value === 'string' && /\p{Nd}/u.test(value) && !/[0-9]/.test(value)

/** Runs `body` over FUZZ_RUNS cells and prints the tally. */
function fuzzCells(name: string, body: (cell: CellValue, order: DateOrder | null, decimal: '.' | ',' | null) => string): Tally {
  const tally = new Tally(name)
  fc.assert(
    fc.property(cellArb, orderArb, decimalArb, (cell, order, decimal) => {
      // Pure: the same cell gives the same answer twice (no state carried between cells).
      const first = body(cell, order, decimal)
      expect(body(cell, order, decimal)).toBe(first)
      tally.count(first)
    }),
    fuzzParams(),
  )
  tally.print()
  expect(tally.cases).toBe(FUZZ_RUNS)
  return tally
}

describe('fuzz: value parsers are total', () => {
  it('dates and timestamps', () => {
    const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe']
    fuzzCells('value parser dates and timestamps', (cell, order) => {
      const outcomes = [false, true].map((date1904) =>
        checked(parseDate(cell, order, { date1904 }), (d) => {
          if (!isRealIsoDate(d.date)) return false
          if (d.time !== null && !TIME_RE.test(d.time)) return false
          if (d.offsetMinutes !== null && !(Number.isInteger(d.offsetMinutes) && Math.abs(d.offsetMinutes) <= 24 * 60)) return false
          if (!isRealIsoDate(toDateOnly(d))) return false
          for (const zone of zones) if (!TIMESTAMP_RE.test(toTimestamp(d, zone))) return false
          return true
        }),
      )
      if (hasOnlyForeignDigits(cell) && outcomes.includes('ok')) throw new Error(`read foreign digits as a date: ${String(cell)}`)
      inferDateOrder([cell, cell])
      return outcomes.join('/')
    })
  })

  it('amounts and minor units', () => {
    const currencies = ['USD', 'JPY', 'KWD', 'EUR', 'CLF']
    fuzzCells('value parser amounts', (cell, _order, decimal) => {
      let minor = true
      const outcome = checked(parseAmount(cell, { decimal }), (a) => {
        if (!AMOUNT_RE.test(a.amount) || (a.currency !== null && !/^[A-Z]{3}$/.test(a.currency))) return false
        for (const currency of currencies) {
          const m = toMinorUnits(a.amount, currency)
          if (m.ok && !Number.isSafeInteger(m.value)) return false
          if (!m.ok) minor = false
        }
        return true
      })
      if (hasOnlyForeignDigits(cell) && outcome === 'ok') throw new Error(`read foreign digits as an amount: ${String(cell)}`)
      // The fast paths agree with the general one wherever they give a value.
      for (const currency of currencies) {
        const fast =
          typeof cell === 'number'
            ? numberMinorUnits(cell, currency)
            : typeof cell === 'string'
              ? plainMinorUnits(cell, currency, decimal)
              : null
        if (fast === null) continue
        const general = parseAmount(cell, { decimal })
        const expected = general.ok && general.value !== null ? toMinorUnits(general.value.amount, currency) : null
        if (!expected?.ok || expected.value !== fast) throw new Error(`fast path ${fast} differs for ${String(cell)} in ${currency}`)
      }
      inferDecimalSeparator([cell, cell])
      return outcome === 'ok' && !minor ? 'ok (over the exact range in some currency)' : outcome
    })
  })

  it('periods', () => {
    fuzzCells('value parser periods', (cell, order) => {
      const outcomes = [1, 2, 4, 7, 12].map((fiscalYearStartMonth) =>
        checked(parsePeriod(cell, { order, fiscalYearStartMonth }), (p) => {
          if (!PERIOD_RE.test(p)) return false
          const range = periodRange(p, fiscalYearStartMonth)
          return isRealIsoDate(range.start) && isRealIsoDate(range.end) && range.start <= range.end
        }),
      )
      if (hasOnlyForeignDigits(cell) && outcomes.includes('ok')) throw new Error(`read foreign digits as a period: ${String(cell)}`)
      return outcomes[0] as string
    })
  })

  it('probabilities', () => {
    fuzzCells('value parser probabilities', (cell) => {
      const valid = (p: number): boolean => Number.isFinite(p) && p >= 0 && p <= 1 && !Object.is(p, -0)
      const outcomes = [
        checked(parseProbability(cell, { scale: 'fraction' }), valid),
        checked(parseProbability(cell, { scale: 'percent' }), valid),
      ]
      if (hasOnlyForeignDigits(cell) && outcomes.includes('ok')) throw new Error(`read foreign digits as a probability: ${String(cell)}`)
      inferProbabilityScale([cell, cell])
      return outcomes.join('/')
    })
  })

  it('currencies', () => {
    fuzzCells('value parser currencies', (cell) =>
      checked(parseCurrencyCode(cell), (code) => /^[A-Z]{3}$/.test(code) && minorDigits(code) !== null),
    )
  })

  it('booleans', () => {
    fuzzCells('value parser booleans', (cell) => checked(parseBoolean(cell), (b) => typeof b === 'boolean'))
  })

  it('ids and text', () => {
    fuzzCells('value parser ids and text', (cell) => {
      // Text is kept as written, only trimmed; a number is its exact shortest text.
      const kept = (s: string): boolean => s.length > 0 && s === s.trim() && (typeof cell !== 'string' || cell.includes(s))
      const exact = (s: string): boolean => typeof cell !== 'number' || Number(s) === cell
      const id = checked(parseId(cell), (s) => kept(s) && exact(s))
      const text = checked(parseText(cell), (s) => typeof cell === 'boolean' || (kept(s) && exact(s)))
      return `${id}/${text}`
    })
  })
})

// ---------------------------------------------------------------------------------------------------
// Round trips

const dateArb = fc
  .record({
    year: fc.integer({ min: MIN_YEAR, max: MAX_YEAR }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ year, month, day }) => ({ year, month, day: Math.min(day, daysInMonth(year, month)) }))
const timeArb = fc.record({
  h: fc.integer({ min: 0, max: 23 }),
  m: fc.integer({ min: 0, max: 59 }),
  s: fc.integer({ min: 0, max: 59 }),
  ms: fc.integer({ min: 0, max: 999 }),
})

describe('fuzz: value parsers read back what was written', () => {
  it('dates in every written form, with times and offsets', () => {
    const tally = new Tally('round trip dates')
    fc.assert(
      fc.property(
        dateArb,
        fc.option(timeArb),
        fc.option(fc.integer({ min: -14 * 60, max: 14 * 60 }).map((m) => m - (m % 15))),
        fc.constantFrom('iso', 'ymd-slash', 'mdy', 'dmy', 'dmy-dots', 'month-name'),
        ({ year, month, day }, time, offset, form) => {
          const date = formatDate(year, month, day)
          const monthName = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })
          const written = {
            iso: date,
            'ymd-slash': `${year}/${month}/${day}`,
            mdy: `${pad2(month)}/${pad2(day)}/${year}`,
            dmy: `${pad2(day)}/${pad2(month)}/${year}`,
            'dmy-dots': `${pad2(day)}.${pad2(month)}.${year}`,
            'month-name': `${day} ${monthName} ${year}`,
          }[form]
          const order: DateOrder = form === 'mdy' ? 'mdy' : form.startsWith('dmy') ? 'dmy' : 'ymd'
          const timeText = time === null ? '' : `T${pad2(time.h)}:${pad2(time.m)}:${pad2(time.s)}.${String(time.ms).padStart(3, '0')}`
          const zone =
            time === null || offset === null
              ? ''
              : offset === 0
                ? 'Z'
                : `${offset < 0 ? '-' : '+'}${pad2(Math.floor(Math.abs(offset) / 60))}:${pad2(Math.abs(offset) % 60)}`
          const text = form === 'iso' ? `${written}${timeText}${zone}` : `${written}${timeText.replace('T', ' ')}${zone}`
          const parsed = parseDate(text, order)
          if (!parsed.ok || parsed.value === null) throw new Error(`${text} (${order}) not read: ${parsed.ok ? 'empty' : parsed.reason}`)
          expect(parsed.value.date).toBe(date)
          expect(toDateOnly(parsed.value)).toBe(date)
          if (time !== null) {
            expect(parsed.value.time).toBe(timeText.slice(1))
            if (offset !== null) {
              expect(parsed.value.offsetMinutes).toBe(offset)
              const instant = Date.UTC(year, month - 1, day, time.h, time.m, time.s, time.ms) - offset * 60_000
              // Some instants fall outside what a Date can show as a four-digit year.
              if (instant >= Date.UTC(MIN_YEAR, 0, 1) && instant < Date.UTC(MAX_YEAR + 1, 0, 1)) {
                expect(toTimestamp(parsed.value, 'Asia/Kolkata')).toBe(new Date(instant).toISOString())
              }
            }
          }
          tally.count(form)
        },
      ),
      fuzzParams(),
    )
    tally.print()
    expect(tally.cases).toBe(FUZZ_RUNS)
  })

  it('Excel serial dates in both date systems', () => {
    const tally = new Tally('round trip Excel serials')
    fc.assert(
      fc.property(
        dateArb.filter(({ year, month, day }) => formatDate(year, month, day) >= '1900-03-01'),
        fc.option(timeArb.map((t) => ({ ...t, ms: 0 }))),
        fc.boolean(),
        ({ year, month, day }, time, date1904) => {
          const date = formatDate(year, month, day)
          // The 1904 system starts in 1904.
          const system1904 = date1904 && date >= '1904-01-01'
          const iso = time === null ? date : `${date}T${pad2(time.h)}:${pad2(time.m)}:${pad2(time.s)}`
          const parsed = parseDate(excelSerial(iso, system1904), null, { date1904: system1904 })
          if (!parsed.ok || parsed.value === null) throw new Error(`serial of ${iso} not read: ${parsed.ok ? 'empty' : parsed.reason}`)
          expect(parsed.value.date).toBe(date)
          if (time !== null && (time.h || time.m || time.s)) expect(parsed.value.time).toBe(`${iso.slice(11)}.000`)
          tally.count(system1904 ? '1904 system' : '1900 system')
        },
      ),
      fuzzParams(),
    )
    tally.print()
  })

  it('amounts written in a currency’s minor units', () => {
    const currencies = [...KNOWN_CURRENCIES]
    const tally = new Tally('round trip amounts')
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('code after', 'code before', 'plain'),
        (currency, minor, form) => {
          const text = formatMinorUnits(minor, currency)
          const written = form === 'code after' ? `${text} ${currency}` : form === 'code before' ? `${currency} ${text}` : text
          const parsed = parseAmount(written, { decimal: '.' })
          if (!parsed.ok || parsed.value === null) throw new Error(`${written} not read: ${parsed.ok ? 'empty' : parsed.reason}`)
          expect(parsed.value.currency).toBe(form === 'plain' ? null : currency)
          expect(toMinorUnits(parsed.value.amount, currency)).toEqual({ ok: true, value: minor })
          tally.count(form)
        },
      ),
      fuzzParams(),
    )
    tally.print()
  })

  it('periods as written canonically, and the period of any date', () => {
    const tally = new Tally('round trip periods')
    fc.assert(
      fc.property(
        // Inside the years a date can have: a fiscal year starting before year 1000 or ending after 9999
        // has no four-digit start or name.
        dateArb.filter(({ year }) => year > MIN_YEAR && year < MAX_YEAR),
        fc.constantFrom<'month' | 'quarter' | 'year'>('month', 'quarter', 'year'),
        fc.integer({ min: 1, max: 12 }),
        ({ year, month, day }, granularity, fiscalYearStartMonth) => {
          const date = formatDate(year, month, day)
          const period = periodOf(date, granularity, fiscalYearStartMonth)
          const parsed = parsePeriod(period, { order: null, fiscalYearStartMonth })
          expect(parsed).toEqual({ ok: true, value: period })
          const range = periodRange(period, fiscalYearStartMonth)
          expect(range.start <= date && date <= range.end).toBe(true)
          tally.count(granularity)
        },
      ),
      fuzzParams(),
    )
    tally.print()
  })

  it('probabilities, currencies, booleans and ids in the spellings they accept', () => {
    const tally = new Tally('round trip probabilities, currencies, booleans, ids')
    const spaces = fc.constantFrom('', ' ', '\t', '\u00A0', '  ')
    const anyCase = (s: string, upper: boolean[]): string =>
      Array.from(s, (c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase())).join('')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom(...KNOWN_CURRENCIES),
        fc.constantFrom(
          ['yes', true],
          ['y', true],
          ['true', true],
          ['1', true],
          ['x', true],
          ['no', false],
          ['n', false],
          ['false', false],
          ['0', false],
        ),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        spaces,
        spaces,
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s.length > 0),
        (basisPoints, currency, [word, yes], upper, before, after, id) => {
          // 0.00 % to 100.00 % in hundredths, as a percentage and as a fraction.
          const percent = `${Math.trunc(basisPoints / 100)}.${pad2(basisPoints % 100)}`
          const p = parseProbability(`${before}${percent}%${after}`, { scale: 'fraction' })
          expect(p.ok && p.value).toBeCloseTo(basisPoints / 10_000, 12)
          expect(parseProbability(percent, { scale: 'percent' })).toEqual(p)
          expect(parseCurrencyCode(`${before}${anyCase(currency, upper)}${after}`)).toEqual({ ok: true, value: currency })
          expect(parseBoolean(`${before}${anyCase(word as string, upper)}${after}`)).toEqual({ ok: true, value: yes })
          expect(parseId(`${before}${id}${after}`)).toEqual({ ok: true, value: id })
          expect(parseText(`${before}${id}${after}`)).toEqual({ ok: true, value: id })
          tally.count('cases')
        },
      ),
      fuzzParams(),
    )
    tally.print()
  })
})
