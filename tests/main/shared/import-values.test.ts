import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CellValue, DateOrder } from '../../../src/shared/import/types'
import {
  formatMinorUnits,
  inferDateOrder,
  inferDecimalSeparator,
  inferProbabilityScale,
  parseAmount,
  parseBoolean,
  parseCurrencyCode,
  parseDate,
  parseId,
  parsePeriod,
  parseProbability,
  parseText,
  numberMinorUnits,
  plainMinorUnits,
  toDateOnly,
  toMinorUnits,
  toTimestamp,
  type ParsedDate,
  type ValueResult,
} from '../../../src/shared/import/values'
import { periodOf, periodRange } from '../../../src/shared/time/periods'

/** The value of a result, failing the test with the reason when there is none. */
function valueOf<T>(r: ValueResult<T>): T {
  if (!r.ok) throw new Error(`expected a value, got: ${r.reason}`)
  return r.value
}

function reasonOf<T>(r: ValueResult<T>): string {
  if (r.ok) throw new Error(`expected a reason, got: ${JSON.stringify(r.value)}`)
  return r.reason
}

const date = (value: CellValue, order: DateOrder | null = 'mdy', date1904 = false): ParsedDate | null =>
  valueOf(parseDate(value, order, { date1904 }))

describe('parseDate', () => {
  it.each<[string, DateOrder | null, ParsedDate]>([
    ['2024-01-22', 'mdy', { date: '2024-01-22', time: null, offsetMinutes: null }],
    ['2024-01-22T16:14:25.000+0000', 'dmy', { date: '2024-01-22', time: '16:14:25.000', offsetMinutes: 0 }],
    ['2024-01-22T16:14:25+00:00', null, { date: '2024-01-22', time: '16:14:25.000', offsetMinutes: 0 }],
    ['2024-01-22T16:14:25Z', 'mdy', { date: '2024-01-22', time: '16:14:25.000', offsetMinutes: 0 }],
    ['2024-01-22T16:14:25.123456-05:30', 'mdy', { date: '2024-01-22', time: '16:14:25.123', offsetMinutes: -330 }],
    ['2024-01-22 16:14', 'dmy', { date: '2024-01-22', time: '16:14:00.000', offsetMinutes: null }],
    ['2018-02-26 19:58:54', 'mdy', { date: '2018-02-26', time: '19:58:54.000', offsetMinutes: null }],
    ['2024-01-22 16:14:25 UTC', 'mdy', { date: '2024-01-22', time: '16:14:25.000', offsetMinutes: 0 }],
    ['2024/1/5', 'dmy', { date: '2024-01-05', time: null, offsetMinutes: null }],
    ['2022-01-31T13:45:00', 'mdy', { date: '2022-01-31', time: '13:45:00.000', offsetMinutes: null }],
    ['01/22/2024', 'mdy', { date: '2024-01-22', time: null, offsetMinutes: null }],
    ['1/22/24', 'mdy', { date: '2024-01-22', time: null, offsetMinutes: null }],
    ['02/23/26 08:55 PM', 'mdy', { date: '2026-02-23', time: '20:55:00.000', offsetMinutes: null }],
    ['1/22/2024, 12:05:09 AM', 'mdy', { date: '2024-01-22', time: '00:05:09.000', offsetMinutes: null }],
    ['1/22/2024 12:30 p.m.', 'mdy', { date: '2024-01-22', time: '12:30:00.000', offsetMinutes: null }],
    ['22.01.2024', 'dmy', { date: '2024-01-22', time: null, offsetMinutes: null }],
    ['22.01.2024 16:14', 'dmy', { date: '2024-01-22', time: '16:14:00.000', offsetMinutes: null }],
    ['22/01/2024', 'dmy', { date: '2024-01-22', time: null, offsetMinutes: null }],
    ['22-01-2024', 'dmy', { date: '2024-01-22', time: null, offsetMinutes: null }],
    ['24/01/22', 'ymd', { date: '2024-01-22', time: null, offsetMinutes: null }],
    ['31-Jan-24', 'mdy', { date: '2024-01-31', time: null, offsetMinutes: null }],
    ['Jan 31, 2024', 'dmy', { date: '2024-01-31', time: null, offsetMinutes: null }],
    ['31 January 2024', 'mdy', { date: '2024-01-31', time: null, offsetMinutes: null }],
    ['31-Jan-2024', null, { date: '2024-01-31', time: null, offsetMinutes: null }],
    ['1st Sept 2024', null, { date: '2024-09-01', time: null, offsetMinutes: null }],
    ['JANUARY 31 2024 4:14 PM', null, { date: '2024-01-31', time: '16:14:00.000', offsetMinutes: null }],
  ])('reads %j (order %s)', (text, order, expected) => {
    expect(date(text, order)).toEqual(expected)
  })

  it('reads the column order for three numbers, and year-first values whatever the order', () => {
    expect(date('03/04/2024', 'mdy')?.date).toBe('2024-03-04')
    expect(date('03/04/2024', 'dmy')?.date).toBe('2024-04-03')
    expect(date('2024-03-04', 'dmy')?.date).toBe('2024-03-04')
    expect(date('03/04/24', 'ymd')?.date).toBe('2003-04-24')
  })

  it('pivots two-digit years at 70: 00–69 are 20xx, 70–99 are 19xx', () => {
    expect(date('01/01/00')?.date).toBe('2000-01-01')
    expect(date('01/01/69')?.date).toBe('2069-01-01')
    expect(date('01/01/70')?.date).toBe('1970-01-01')
    expect(date('31-Dec-99')?.date).toBe('1999-12-31')
  })

  it('accepts with an undecided order only the values that read one way', () => {
    expect(date('13/04/2024', null)?.date).toBe('2024-04-13')
    expect(date('04/13/2024', null)?.date).toBe('2024-04-13')
    expect(date('05/05/2024', null)?.date).toBe('2024-05-05')
    expect(reasonOf(parseDate('03/04/2024', null))).toBe('ambiguous: is 03/04/2024 the 3rd of April or March 4th? choose a date order')
    expect(reasonOf(parseDate('02/30/2024', null))).toBe('day 30 does not exist in February')
  })

  it('validates the calendar', () => {
    expect(date('2024-02-29')?.date).toBe('2024-02-29')
    expect(date('2000-02-29')?.date).toBe('2000-02-29')
    expect(reasonOf(parseDate('2023-02-29', 'mdy'))).toBe('day 29 does not exist in February 2023')
    expect(reasonOf(parseDate('1900-02-29', 'mdy'))).toBe('day 29 does not exist in February 1900')
    expect(reasonOf(parseDate('04/31/2024', 'mdy'))).toBe('day 31 does not exist in April')
    expect(reasonOf(parseDate('31.04.2024', 'dmy'))).toBe('day 31 does not exist in April')
    expect(reasonOf(parseDate('2024-01-00', 'mdy'))).toBe('day 0 does not exist')
    expect(reasonOf(parseDate('2024-13-01', 'mdy'))).toBe('month 13 does not exist')
    expect(reasonOf(parseDate('13/04/2024', 'mdy'))).toBe('month 13 does not exist (this column is read as month/day/year)')
    expect(reasonOf(parseDate('0999-01-01', 'mdy'))).toBe('year 999 is out of range')
    expect(reasonOf(parseDate('31-Foo-2024', 'mdy'))).toBe('unknown month "Foo"')
  })

  it('validates the time and the offset', () => {
    expect(reasonOf(parseDate('2024-01-22 24:00', 'mdy'))).toBe('hour 24 does not exist')
    expect(reasonOf(parseDate('2024-01-22 13:00 PM', 'mdy'))).toBe('hour 13 does not exist on a 12-hour clock')
    expect(reasonOf(parseDate('2024-01-22 12:60', 'mdy'))).toBe('minute 60 does not exist')
    expect(reasonOf(parseDate('2024-01-22 12:00:61', 'mdy'))).toBe('second 61 does not exist')
    expect(reasonOf(parseDate('2024-01-22T12:00+19:00', 'mdy'))).toBe('offset +19:00 does not exist')
    // Fractions of a second are cut, never rounded into the next day.
    expect(date('2024-12-31 23:59:59.9999')).toEqual({ date: '2024-12-31', time: '23:59:59.999', offsetMinutes: null })
  })

  it('reads Excel serials in the 1900 system, with the Lotus leap-year bug, and in the 1904 system', () => {
    expect(date(1)).toEqual({ date: '1900-01-01', time: null, offsetMinutes: null })
    expect(date(59)?.date).toBe('1900-02-28')
    expect(reasonOf(parseDate(60, 'mdy'))).toMatch(/February 1900/)
    expect(date(61)?.date).toBe('1900-03-01')
    expect(date(45313)?.date).toBe('2024-01-22')
    expect(date(2958465)?.date).toBe('9999-12-31')
    expect(date(45313.5)).toEqual({ date: '2024-01-22', time: '12:00:00.000', offsetMinutes: null })
    expect(date(45313 + (16 * 3600 + 14 * 60 + 25) / 86400)?.time).toBe('16:14:25.000')
    expect(date(0, 'mdy', true)?.date).toBe('1904-01-01')
    expect(date(43851, 'mdy', true)?.date).toBe('2024-01-22')
  })

  it('refuses numbers and text that are no date', () => {
    for (const v of [0, -1, 0.5, 2958466, 1e12, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(reasonOf(parseDate(v, 'mdy'))).toBe('a number, not a date')
    }
    for (const v of ['yesterday', '2024', '12345', '1.5', '2024-01', '16:14', '1/2/3', '2024-01-22 16:14 banana', '01/22/2024/5']) {
      expect(reasonOf(parseDate(v, 'mdy'))).toBe('not a date')
    }
    expect(reasonOf(parseDate(true, 'mdy'))).toBe('not a date')
    expect(reasonOf(parseDate('#N/A', 'mdy'))).toBe('a spreadsheet error, not a date')
  })

  it('takes empty cells as no value', () => {
    for (const v of [null, '', '   ', '\u00A0\t']) expect(parseDate(v, 'mdy')).toEqual({ ok: true, value: null })
  })
})

describe('inferDateOrder', () => {
  it('finds the order from days above 12', () => {
    expect(inferDateOrder(['01/02/2024', '13/02/2024', null, 45000])).toMatchObject({ order: 'dmy', ambiguous: false })
    expect(inferDateOrder(['01/02/2024', '02/13/2024 4:00 PM'])).toMatchObject({ order: 'mdy', ambiguous: false })
    expect(inferDateOrder(['25.12.2024'])).toMatchObject({ order: 'dmy', ambiguous: false })
  })

  it('calls a column of ISO dates year/month/day, not ambiguous', () => {
    expect(inferDateOrder(['2024-01-02', '2024-03-04T10:00:00Z'])).toEqual({
      order: 'ymd',
      ambiguous: false,
      evidence: ['2024-01-02 is year/month/day', '2024-03-04 is year/month/day'],
    })
  })

  it('asks when nothing decides, with example values', () => {
    const r = inferDateOrder(['01/02/2024', '03/04/2024', '2024-05-06', '07/07/2024'])
    expect(r).toEqual({
      order: null,
      ambiguous: true,
      evidence: ['01/02/2024 could be month/day/year or day/month/year', '03/04/2024 could be month/day/year or day/month/year'],
    })
  })

  it('reports contradictions and suggests the majority', () => {
    const r = inferDateOrder(['13/01/2024', '14/01/2024', '01/13/2024'])
    expect(r.order).toBe('dmy')
    expect(r.ambiguous).toBe(true)
    expect(r.evidence[0]).toBe('contradictory: 2 values can only be day/month/year and 1 only month/day/year')
    expect(r.evidence).toContain('01/13/2024 can only be month/day/year')
    expect(inferDateOrder(['13/01/2024', '01/13/2024']).order).toBeNull()
  })

  it('needs no order for month names and serials', () => {
    expect(inferDateOrder(['31-Jan-24', 45000, null, ''])).toEqual({ order: null, ambiguous: false, evidence: [] })
  })
})

describe('toTimestamp and toDateOnly', () => {
  const ts = (text: string, zone: string): string => toTimestamp(date(text, 'mdy')!, zone)

  it('keeps an explicit offset exactly, whatever the zone', () => {
    expect(ts('2024-01-22T16:14:25.000+0000', 'America/New_York')).toBe('2024-01-22T16:14:25.000Z')
    expect(ts('2024-01-22T23:30:00-05:00', 'Asia/Tokyo')).toBe('2024-01-23T04:30:00.000Z')
    expect(ts('2024-01-22T05:30+05:30', 'UTC')).toBe('2024-01-22T00:00:00.000Z')
  })

  it('reads a wall time in the workspace zone, with daylight saving', () => {
    expect(ts('2024-01-22 16:14', 'America/New_York')).toBe('2024-01-22T21:14:00.000Z')
    expect(ts('2024-07-22 16:14', 'America/New_York')).toBe('2024-07-22T20:14:00.000Z')
    expect(ts('2024-01-22', 'Europe/Berlin')).toBe('2024-01-21T23:00:00.000Z')
    expect(ts('2024-01-22', 'Asia/Kolkata')).toBe('2024-01-21T18:30:00.000Z')
  })

  it('moves a time in the spring-forward gap forward by the gap', () => {
    // New York, 2024-03-10: 02:00 EST jumps to 03:00 EDT, so 02:30 is read as 03:30 EDT.
    expect(ts('2024-03-10 02:30', 'America/New_York')).toBe('2024-03-10T07:30:00.000Z')
    // Lord Howe Island's gap is half an hour: 02:00 +10:30 -> 02:30 +11:00.
    expect(ts('2024-10-06 02:15', 'Australia/Lord_Howe')).toBe('2024-10-05T15:45:00.000Z')
    // Samoa skipped 2011-12-30 entirely (−10:00 -> +14:00).
    expect(ts('2011-12-30 12:00', 'Pacific/Apia')).toBe('2011-12-30T22:00:00.000Z')
    expect(new Date('2011-12-30T22:00:00.000Z').toLocaleString('en-US', { timeZone: 'Pacific/Apia' })).toBe('12/31/2011, 12:00:00 PM')
  })

  it('takes the earlier instant of a fall-back time', () => {
    // New York, 2024-11-03: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(ts('2024-11-03 01:30', 'America/New_York')).toBe('2024-11-03T05:30:00.000Z')
    expect(ts('2024-10-27 02:30', 'Europe/Berlin')).toBe('2024-10-27T00:30:00.000Z')
  })

  it('refuses an unknown zone as a programming error', () => {
    expect(() => ts('2024-01-22 16:14', 'Mars/Olympus')).toThrow(RangeError)
  })

  it('keeps the written calendar date of a date field', () => {
    expect(toDateOnly(date('2024-01-22T23:30:00-05:00')!)).toBe('2024-01-22')
    expect(toDateOnly(date(45313.99)!)).toBe('2024-01-22')
  })

  const zones = [
    'America/New_York',
    'Europe/Berlin',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'America/Sao_Paulo',
    'Pacific/Apia',
    'UTC',
  ]
  const wallTime = (instant: number, zone: string): string => {
    const f = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hourCycle: 'h23',
    })
    // sv-SE writes "2024-01-22 16:14:25,123".
    return f.format(instant).replace(',', '.')
  }

  it('maps a wall time that exists back to an instant showing that wall time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2037, 11, 31) }), fc.constantFrom(...zones), (instant, zone) => {
        const wall = wallTime(instant, zone)
        const parsed = date(wall, 'ymd')!
        const back = Date.parse(toTimestamp(parsed, zone))
        expect(wallTime(back, zone)).toBe(wall)
        // The earlier of two instants when the wall time happens twice, else the same instant.
        expect(back).toBeLessThanOrEqual(instant)
        expect(instant - back).toBeLessThanOrEqual(3_600_000)
      }),
      { numRuns: 2000 },
    )
  })

  it('lands on the same instant for times near every transition (property)', () => {
    // Instants within three hours of New York and Berlin transitions stress the day cache.
    const transitions = [Date.UTC(2024, 2, 10, 7), Date.UTC(2024, 10, 3, 6), Date.UTC(2024, 2, 31, 1), Date.UTC(2024, 9, 27, 1)]
    fc.assert(
      fc.property(
        fc.constantFrom(...transitions),
        fc.integer({ min: -3 * 3600, max: 3 * 3600 }),
        fc.constantFrom('America/New_York', 'Europe/Berlin'),
        (t, seconds, zone) => {
          const instant = t + seconds * 1000
          const back = Date.parse(toTimestamp(date(wallTime(instant, zone), 'ymd')!, zone))
          expect(wallTime(back, zone)).toBe(wallTime(instant, zone))
        },
      ),
    )
  })
})

describe('parseAmount', () => {
  const amount = (value: CellValue, decimal: '.' | ',' | null = '.'): { amount: string; currency: string | null } | null =>
    valueOf(parseAmount(value, { decimal }))

  it.each<[CellValue, '.' | ',' | null, string, string | null]>([
    ['$1,234.50', '.', '1234.5', 'USD'],
    ['1.234,50 €', ',', '1234.5', 'EUR'],
    ['€1.234,50', ',', '1234.5', 'EUR'],
    ['(1,200.00)', '.', '-1200', null],
    ['($1,200.00)', '.', '-1200', 'USD'],
    ['$(1,200.00)', '.', '-1200', 'USD'],
    ['-1,200', '.', '-1200', null],
    ['-$1,200', '.', '-1200', 'USD'],
    ['$-1,200', '.', '-1200', 'USD'],
    ['\u22121 200', '.', '-1200', null],
    ['1 234,50', ',', '1234.5', null],
    ['1\u202F234,50\u00A0€', ',', '1234.5', 'EUR'],
    ["1'234.50", '.', '1234.5', null],
    ['CHF 1’234.50', '.', '1234.5', 'CHF'],
    ['1,23,456.78', '.', '123456.78', null],
    ['₹12,34,567', '.', '1234567', 'INR'],
    ['25000.0', '.', '25000', null],
    ['USD 1,200', '.', '1200', 'USD'],
    ['1200 EUR', ',', '1200', 'EUR'],
    ['1200eur', '.', '1200', 'EUR'],
    ['£5', '.', '5', 'GBP'],
    ['R$ 1.234,56', ',', '1234.56', 'BRL'],
    ['C$10', '.', '10', 'CAD'],
    ['¥1,000', '.', '1000', 'JPY'],
    ['$1,200 USD', '.', '1200', 'USD'],
    ['17499.9499999999', '.', '17499.9499999999', null],
    ['1.5e3', '.', '1500', null],
    ['1.23457E+11', '.', '123457000000', null],
    ['.5', '.', '0.5', null],
    ['0,125', null, '0.125', null],
    ['1234,567', null, '1234.567', null],
    ['1.234.567', ',', '1234567', null],
    ['1,234,567', '.', '1234567', null],
    ['-0', '.', '0', null],
    [1200.5, ',', '1200.5', null],
    [17499.9499999999, '.', '17499.9499999999', null],
    [1e21, '.', '1000000000000000000000', null],
    [1.5e-7, '.', '0.00000015', null],
    [-0, '.', '0', null],
  ])('reads %j with decimal %j', (value, decimal, expected, currency) => {
    expect(amount(value, decimal)).toEqual({ amount: expected, currency })
  })

  it('reads a lone separator by the column decimal separator', () => {
    expect(amount('1,234', '.')?.amount).toBe('1234')
    expect(amount('1,234', ',')?.amount).toBe('1.234')
    expect(amount('1.234', ',')?.amount).toBe('1234')
    expect(amount('1.234', '.')?.amount).toBe('1.234')
  })

  it.each<[CellValue, '.' | ',' | null, string]>([
    ['abc', '.', 'not an amount'],
    ['12 apples', '.', 'not an amount'],
    ['1200 1300', '.', 'misplaced thousands separator'],
    ['100 - 200', '.', 'not an amount'],
    ['1,23,4.5', '.', 'misplaced thousands separator'],
    ['1,2345', '.', 'misplaced "," (the decimal separator is ".")'],
    ['12,5', '.', 'misplaced "," (the decimal separator is ".")'],
    ['1.234.567', '.', 'misplaced "." (the decimal separator)'],
    ['1.234,50', '.', 'uses "," as the decimal separator, but this column uses "."'],
    ['1,234.50', ',', 'uses "." as the decimal separator, but this column uses ","'],
    ['1,234', null, 'ambiguous: is "," a decimal or a thousands separator here? choose a decimal separator'],
    ['€1.234', null, 'ambiguous: is "." a decimal or a thousands separator here? choose a decimal separator'],
    ['12%', '.', 'a percentage, not an amount'],
    ['--5', '.', 'not an amount'],
    ['-(5)', '.', 'not an amount'],
    ['(5', '.', 'not an amount'],
    ['$5 €', '.', 'two currencies'],
    ['1.5 mio', '.', 'unknown currency "mio"'],
    ['#VALUE!', '.', 'a spreadsheet error, not an amount'],
    ['.', '.', 'not an amount'],
    [true, '.', 'not an amount'],
    [Number.NaN, '.', 'not an amount'],
  ])('refuses %j with decimal %j: %s', (value, decimal, reason) => {
    expect(reasonOf(parseAmount(value, { decimal }))).toBe(reason)
  })

  it('takes empty cells as no value', () => {
    for (const v of [null, '', '  ']) expect(parseAmount(v, { decimal: '.' })).toEqual({ ok: true, value: null })
  })

  /** Exact decimal text of integer digits and a fraction, canonical like parseAmount's. */
  const canonical = (negative: boolean, int: bigint, frac: string): string => {
    const f = frac.replace(/0+$/, '')
    const body = f === '' ? String(int) : `${int}.${f}`
    return negative && body !== '0' ? `-${body}` : body
  }

  it('round-trips numbers formatted by Intl in several locales (property)', () => {
    const styles: { locale: string; decimal: '.' | ','; currency?: string; code?: string }[] = [
      { locale: 'en-US', decimal: '.' },
      { locale: 'en-US', decimal: '.', currency: 'USD', code: 'USD' },
      { locale: 'de-DE', decimal: ',' },
      { locale: 'de-DE', decimal: ',', currency: 'EUR', code: 'EUR' },
      { locale: 'fr-FR', decimal: ',', currency: 'EUR', code: 'EUR' },
      { locale: 'de-CH', decimal: '.', currency: 'CHF', code: 'CHF' },
      { locale: 'en-IN', decimal: '.' },
      { locale: 'en-GB', decimal: '.', currency: 'GBP', code: 'GBP' },
      { locale: 'pt-BR', decimal: ',', currency: 'BRL', code: 'BRL' },
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...styles),
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.stringMatching(/^\d{0,2}$/),
        fc.boolean(),
        fc.constantFrom<'standard' | 'accounting'>('standard', 'accounting'),
        (style, negative, int, frac, grouping, currencySign) => {
          const text = `${negative ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`
          const format = new Intl.NumberFormat(style.locale, {
            minimumFractionDigits: frac.length,
            maximumFractionDigits: frac.length,
            useGrouping: grouping,
            ...(style.currency === undefined ? {} : { style: 'currency', currency: style.currency, currencySign }),
          })
          const formatted = format.format(text as Intl.StringNumericLiteral)
          const expected = { amount: canonical(negative, int, frac), currency: style.code ?? null }
          expect(parseAmount(formatted, { decimal: style.decimal })).toEqual({ ok: true, value: expected })
          // Undecided, a value reads the same or is refused as ambiguous; it is never misread.
          const undecided = parseAmount(formatted, { decimal: null })
          if (undecided.ok) expect(undecided.value).toEqual(expected)
          else expect(undecided.reason).toMatch(/^ambiguous/)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('reads spreadsheet numbers as their shortest exact text (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const a = amount(n)!
        expect(Number(a.amount)).toBe(n === 0 ? 0 : n)
        expect(a.amount).toMatch(/^-?\d+(\.\d+)?$/)
      }),
    )
  })
})

describe('inferDecimalSeparator', () => {
  it.each<[CellValue[], '.' | ',' | null]>([
    [['1,234.50', '99'], '.'],
    [['1.234,50', '99'], ','],
    [['12,5'], ','],
    [['12.5'], '.'],
    [['1,234,567'], '.'],
    [['1.234.567'], ','],
    [['1,234', '12.50'], '.'],
    [['1.234', '12,50'], ','],
    [['1,234'], '.'],
    [['1.234', '5.678 €'], ','],
    [['0.125'], '.'],
    [['1.5E+06'], '.'],
    [['100', 1234.5, null, true], '.'],
    [[], '.'],
    [['12.5', '12,5'], null],
    [['1,234', '1.234'], null],
    [['12%', 'n/a', '1.234'], ','],
  ])('%j -> %j', (samples, expected) => {
    expect(inferDecimalSeparator(samples)).toBe(expected)
  })
})

describe('toMinorUnits', () => {
  it.each<[string, string, number]>([
    ['1234.5', 'USD', 123450],
    ['-1234.5', 'USD', -123450],
    ['17499.9499999999', 'USD', 1749995],
    ['0.005', 'USD', 1],
    ['-0.005', 'USD', -1],
    ['0.0049999', 'USD', 0],
    ['-0.004', 'USD', 0],
    ['1234.5', 'JPY', 1235],
    ['1234.4', 'JPY', 1234],
    ['1.2345', 'KWD', 1235],
    ['10', 'EUR', 1000],
    ['90071992547409.91', 'USD', Number.MAX_SAFE_INTEGER],
    ['0', 'XYZ', 0],
  ])('%s %s -> %d', (text, currency, expected) => {
    expect(toMinorUnits(text, currency)).toEqual({ ok: true, value: expected })
  })

  it('refuses amounts beyond exact integers and unknown currencies', () => {
    expect(reasonOf(toMinorUnits('90071992547409.92', 'USD'))).toBe('amount too large')
    expect(reasonOf(toMinorUnits('90071992547409.915', 'USD'))).toBe('amount too large')
    expect(reasonOf(toMinorUnits('1' + '0'.repeat(30), 'JPY'))).toBe('amount too large')
    expect(reasonOf(toMinorUnits('12', 'usd'))).toBe('unknown currency "usd"')
    expect(reasonOf(toMinorUnits('12', 'EURO'))).toBe('unknown currency "EURO"')
    expect(reasonOf(toMinorUnits('1,5', 'USD'))).toBe('not an amount')
  })

  it('equals exact bigint arithmetic, half away from zero (property)', () => {
    const digitsOf: Record<string, number> = { USD: 2, JPY: 0, KWD: 3, EUR: 2 }
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 17n }),
        fc.stringMatching(/^\d{0,6}$/),
        fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
        (negative, int, frac, currency) => {
          const digits = digitsOf[currency]!
          const scaled = BigInt(`${int}${frac}`)
          const drop = frac.length - digits
          let magnitude: bigint
          if (drop <= 0) {
            magnitude = scaled * 10n ** BigInt(-drop)
          } else {
            const unit = 10n ** BigInt(drop)
            magnitude = scaled / unit + (2n * (scaled % unit) >= unit ? 1n : 0n)
          }
          const text = `${negative ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`
          const r = toMinorUnits(text, currency)
          if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
            expect(r).toEqual({ ok: false, reason: 'amount too large' })
          } else {
            const expected = Number(negative ? -magnitude : magnitude)
            expect(r).toEqual({ ok: true, value: expected === 0 ? 0 : expected })
          }
        },
      ),
      { numRuns: 3000 },
    )
  })
})

describe('plainMinorUnits', () => {
  /** What the general path (parseAmount, then toMinorUnits in the currency) makes of a text amount. */
  const general = (text: string, currency: string, decimal: '.' | ',' | null): number | null => {
    const a = parseAmount(text, { decimal })
    if (!a.ok || a.value === null || a.value.currency !== null) return null
    const m = toMinorUnits(a.value.amount, currency)
    return m.ok ? m.value : null
  }

  it('reads plain digits with a point decimal, and leaves everything else to the general path', () => {
    expect(plainMinorUnits('1234.50', 'USD', '.')).toBe(123450)
    expect(plainMinorUnits('-0.005', 'USD', '.')).toBe(-1)
    expect(plainMinorUnits('-0.00', 'USD', '.')).toBe(0)
    expect(plainMinorUnits('1234.5', 'JPY', '.')).toBe(1235)
    expect(plainMinorUnits('007', 'KWD', ',')).toBe(7000)
    for (const text of [' 12', '$12', '+12', '12.', '.5', '1e3', '12 USD', '', '1234567890123456']) {
      expect(plainMinorUnits(text, 'USD', '.')).toBeNull()
    }
    expect(plainMinorUnits('12.5', 'USD', ',')).toBeNull()
    expect(plainMinorUnits('12.5', 'USD', null)).toBeNull()
    expect(plainMinorUnits('12', 'usd', '.')).toBeNull()
  })

  it('reads commas between groups of three with a point decimal, and leaves other groupings to the general path', () => {
    expect(plainMinorUnits('1,234.50', 'USD', '.')).toBe(123450)
    expect(plainMinorUnits('-12,345,678', 'USD', '.')).toBe(-1234567800)
    expect(plainMinorUnits('1,234.5', 'JPY', '.')).toBe(1235)
    for (const text of ['1,23,456.00', '1234,567.00', ',123.00', '1,234,', '1,2345.00', '1.234,50', "1'234.50", '1 234.50']) {
      expect(plainMinorUnits(text, 'USD', '.')).toBeNull()
    }
    // Without the point as decimal separator, "1,234" is ambiguous or 1.234: the general path decides.
    expect(plainMinorUnits('1,234', 'USD', ',')).toBeNull()
    expect(plainMinorUnits('1,234.50', 'USD', null)).toBeNull()
  })

  it('equals parseAmount then toMinorUnits wherever it gives a value (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?\d{1,17}(\.\d{0,17})?$/),
        fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'CLF'),
        fc.constantFrom<'.' | ',' | null>('.', ',', null),
        (text, currency, decimal) => {
          const fast = plainMinorUnits(text, currency, decimal)
          if (fast !== null) expect(fast).toBe(general(text, currency, decimal))
          // Short plain amounts always take the fast path with a point decimal.
          if (decimal === '.' && /^-?\d{1,10}(\.\d{1,4})?$/.test(text)) expect(fast).not.toBeNull()
        },
      ),
      { numRuns: 5000 },
    )
  })

  it('equals parseAmount then toMinorUnits for grouped amounts too (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^-?\d{0,4}(,\d{2,4}){0,5}(\.\d{0,17})?$/),
        fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'CLF'),
        fc.constantFrom<'.' | ',' | null>('.', ',', null),
        (text, currency, decimal) => {
          const fast = plainMinorUnits(text, currency, decimal)
          if (fast !== null) expect(fast).toBe(general(text, currency, decimal))
          if (decimal === '.' && /^-?\d{1,3}(,\d{3}){1,2}(\.\d{1,4})?$/.test(text)) expect(fast).not.toBeNull()
        },
      ),
      { numRuns: 5000 },
    )
  })
})

describe('numberMinorUnits', () => {
  /** What the general path makes of a spreadsheet number. */
  const general = (n: number, currency: string): number | null => {
    const a = parseAmount(n, { decimal: null })
    if (!a.ok || a.value === null) return null
    const m = toMinorUnits(a.value.amount, currency)
    return m.ok ? m.value : null
  }

  it('reads a number by its shortest text, rounding half away from zero', () => {
    expect(numberMinorUnits(1234.5, 'USD')).toBe(123450)
    expect(numberMinorUnits(17499.9499999999, 'USD')).toBe(1749995)
    expect(numberMinorUnits(-0.005, 'USD')).toBe(-1)
    expect(numberMinorUnits(-0, 'USD')).toBe(0)
    expect(numberMinorUnits(2.5, 'JPY')).toBe(3)
    expect(numberMinorUnits(1.5e-7, 'USD')).toBeNull() // exponent text: the general path reads it
    expect(numberMinorUnits(1e21, 'USD')).toBeNull()
    expect(numberMinorUnits(Number.NaN, 'USD')).toBeNull()
    expect(numberMinorUnits(Number.POSITIVE_INFINITY, 'USD')).toBeNull()
    expect(numberMinorUnits(12, 'usd')).toBeNull() // not a currency code
  })

  it('equals parseAmount then toMinorUnits wherever it gives a value (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true }),
          fc.integer().map((i) => i / 100),
          fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        ),
        fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'CLF'),
        (n, currency) => {
          const fast = numberMinorUnits(n, currency)
          if (fast !== null) expect(fast).toBe(general(n, currency))
          // Amounts as exports hold them always take the fast path.
          if (Number.isInteger(n * 100) && Math.abs(n) < 1e9 && Math.abs(n) >= 0.01) expect(fast).not.toBeNull()
        },
      ),
      { numRuns: 5000 },
    )
  })
})

describe('parseCurrencyCode', () => {
  it.each<[CellValue, string | null]>([
    ['USD', 'USD'],
    ['usd', 'USD'],
    [' eur ', 'EUR'],
    ['US$', 'USD'],
    ['$', 'USD'],
    ['€', 'EUR'],
    ['£', 'GBP'],
    ['¥', 'JPY'],
    ['₹', 'INR'],
    ['R$', 'BRL'],
    ['chf', 'CHF'],
    ['XBT', 'XBT'],
    ['', null],
    [null, null],
  ])('%j -> %j', (value, expected) => {
    expect(parseCurrencyCode(value)).toEqual({ ok: true, value: expected })
  })

  it('refuses anything else', () => {
    for (const v of ['Euro', 'US Dollar', 'E', '12', 42, true]) {
      expect(reasonOf(parseCurrencyCode(v))).toBe('not a currency (use a three-letter code such as USD)')
    }
  })
})

describe('parseProbability', () => {
  it.each<[CellValue, 'fraction' | 'percent', number]>([
    ['60%', 'fraction', 0.6],
    ['60 %', 'fraction', 0.6],
    ['60%', 'percent', 0.6],
    ['0.6', 'fraction', 0.6],
    ['60', 'percent', 0.6],
    ['57.5', 'percent', 0.575],
    ['57,5 %', 'fraction', 0.575],
    ['0,25', 'fraction', 0.25],
    ['100%', 'fraction', 1],
    ['0', 'percent', 0],
    ['-0', 'fraction', 0],
    [0.6, 'fraction', 0.6],
    [60, 'percent', 0.6],
    // The percent shift works on the decimal text: 1.1 / 100 would be 0.011000000000000001.
    [1.1, 'percent', 0.011],
    ['1.1', 'percent', 0.011],
  ])('%j (%s) -> %d', (value, scale, expected) => {
    expect(parseProbability(value, { scale })).toEqual({ ok: true, value: expected })
  })

  it('refuses values outside 0–100 % and non-numbers', () => {
    expect(reasonOf(parseProbability('150%', { scale: 'fraction' }))).toBe('must be between 0 % and 100 %')
    expect(reasonOf(parseProbability('101', { scale: 'percent' }))).toBe('must be between 0 % and 100 %')
    expect(reasonOf(parseProbability('60', { scale: 'fraction' }))).toBe('must be between 0 and 1')
    expect(reasonOf(parseProbability('-5%', { scale: 'fraction' }))).toBe('must be between 0 % and 100 %')
    expect(reasonOf(parseProbability(1.5, { scale: 'fraction' }))).toBe('must be between 0 and 1')
    for (const v of ['high', '%', '1.2.3', '6O', true])
      expect(reasonOf(parseProbability(v, { scale: 'fraction' }))).toBe('not a probability')
  })

  it('infers the scale: any plain number above 1 means percent', () => {
    expect(inferProbabilityScale([0.1, '0.5', '1', null])).toBe('fraction')
    expect(inferProbabilityScale(['10%', '90%', 0.5])).toBe('fraction')
    expect(inferProbabilityScale(['0.5', '60'])).toBe('percent')
    expect(inferProbabilityScale([0.2, 75])).toBe('percent')
    expect(inferProbabilityScale(['12,5'])).toBe('percent')
  })
})

describe('parseBoolean', () => {
  it('reads yes and no in their usual spellings', () => {
    for (const v of ['TRUE', 'true', '1', 'yes', 'Y', 'x', 'X', '✓', 1, true]) expect(parseBoolean(v)).toEqual({ ok: true, value: true })
    for (const v of ['FALSE', 'false', '0', 'no', 'N', 0, false]) expect(parseBoolean(v)).toEqual({ ok: true, value: false })
    for (const v of [null, ' ']) expect(parseBoolean(v)).toEqual({ ok: true, value: null })
    for (const v of ['maybe', '2', 2, 'yess']) expect(reasonOf(parseBoolean(v))).toBe('not yes or no')
  })
})

describe('periods', () => {
  const period = (value: CellValue, order: DateOrder | null = 'mdy', fiscalYearStartMonth = 1): string | null =>
    valueOf(parsePeriod(value, { order, fiscalYearStartMonth }))

  it.each<[CellValue, string]>([
    ['2025-08', '2025-08'],
    ['2025/8', '2025-08'],
    ['08/2025', '2025-08'],
    ['Aug 2025', '2025-08'],
    ['August 2025', '2025-08'],
    ['Aug-25', '2025-08'],
    ["Sept '25", '2025-09'],
    ['2025-08-01', '2025-08'],
    ['2025-08-31T00:00:00', '2025-08'],
    ['08/15/2025', '2025-08'],
    ['Aug 15, 2025', '2025-08'],
    [45870, '2025-08'],
    ['2025-Q3', '2025-Q3'],
    ['2025Q3', '2025-Q3'],
    ['2025 q3', '2025-Q3'],
    ['Q3 2025', '2025-Q3'],
    ['Q3-2025', '2025-Q3'],
    ['Q3 FY25', '2025-Q3'],
    ['FY2025 Q3', '2025-Q3'],
    ['FY2025', 'FY2025'],
    ['FY 2025', 'FY2025'],
    ['fy25', 'FY2025'],
    ['2025', 'FY2025'],
    [2025, 'FY2025'],
  ])('%j -> %s', (value, expected) => {
    expect(period(value)).toBe(expected)
  })

  it('reads a two-year fiscal year name as the year it ends in, when the fiscal year does not start in January', () => {
    expect(period('FY2024/25', 'mdy', 4)).toBe('FY2025')
    expect(period('FY 2024-2025', 'mdy', 4)).toBe('FY2025')
    expect(reasonOf(parsePeriod('FY2024/25', { order: 'mdy', fiscalYearStartMonth: 1 }))).toBe(
      'names two years, but the fiscal year starts in January',
    )
    expect(reasonOf(parsePeriod('FY2024/26', { order: 'mdy', fiscalYearStartMonth: 4 }))).toBe('a fiscal year spans two consecutive years')
  })

  it('explains what is wrong', () => {
    const opts = { order: null, fiscalYearStartMonth: 1 }
    expect(reasonOf(parsePeriod('2025-13', opts))).toBe('month 13 does not exist')
    expect(reasonOf(parsePeriod('Q5 2025', opts))).toBe('quarter 5 does not exist')
    expect(reasonOf(parsePeriod('03/04/2025', opts))).toMatch(/^ambiguous: is 03\/04\/2025/)
    expect(reasonOf(parsePeriod('2025-02-30', opts))).toBe('day 30 does not exist in February')
    for (const v of ['next quarter', 'H1 2025', 8, 12.5, 9999.5, true]) {
      expect(reasonOf(parsePeriod(v, opts))).toBe('not a period (write 2025-08, 2025-Q3 or FY2025)')
    }
    expect(parsePeriod('  ', opts)).toEqual({ ok: true, value: null })
  })

  it('gives the inclusive range of a month, with leap years', () => {
    expect(periodRange('2024-02', 1)).toEqual({ start: '2024-02-01', end: '2024-02-29' })
    expect(periodRange('2025-02', 7)).toEqual({ start: '2025-02-01', end: '2025-02-28' })
    expect(periodRange('2025-12', 1)).toEqual({ start: '2025-12-01', end: '2025-12-31' })
  })

  it('gives calendar quarters and years when the fiscal year starts in January', () => {
    expect(periodRange('FY2025', 1)).toEqual({ start: '2025-01-01', end: '2025-12-31' })
    expect(periodRange('2025-Q1', 1)).toEqual({ start: '2025-01-01', end: '2025-03-31' })
    expect(periodRange('2025-Q4', 1)).toEqual({ start: '2025-10-01', end: '2025-12-31' })
  })

  it('names a fiscal year starting in February by the year it ends in', () => {
    expect(periodRange('FY2025', 2)).toEqual({ start: '2024-02-01', end: '2025-01-31' })
    expect(periodRange('2025-Q1', 2)).toEqual({ start: '2024-02-01', end: '2024-04-30' })
    expect(periodRange('2025-Q4', 2)).toEqual({ start: '2024-11-01', end: '2025-01-31' })
    expect(periodRange('2024-Q1', 12)).toEqual({ start: '2023-12-01', end: '2024-02-29' })
    expect(periodRange('FY2024', 3)).toEqual({ start: '2023-03-01', end: '2024-02-29' })
    expect(periodRange('FY2026', 10)).toEqual({ start: '2025-10-01', end: '2026-09-30' })
  })

  it('finds the period of a date', () => {
    expect(periodOf('2024-02-29', 'month', 2)).toBe('2024-02')
    expect(periodOf('2024-02-01', 'year', 2)).toBe('FY2025')
    expect(periodOf('2024-01-31', 'year', 2)).toBe('FY2024')
    expect(periodOf('2024-02-01', 'quarter', 2)).toBe('2025-Q1')
    expect(periodOf('2025-01-31', 'quarter', 2)).toBe('2025-Q4')
    expect(periodOf('2025-12-31', 'quarter', 1)).toBe('2025-Q4')
    expect(periodOf('2025-12-31', 'year', 1)).toBe('FY2025')
    expect(() => periodOf('2025-02-29', 'month', 1)).toThrow(RangeError)
    expect(() => periodRange('2025-08', 13)).toThrow(RangeError)
    expect(() => periodRange('Aug 2025', 1)).toThrow(RangeError)
  })

  it('puts every day in the period whose range contains it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 11, 31) }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<'month' | 'quarter' | 'year'>('month', 'quarter', 'year'),
        (instant, start, granularity) => {
          const day = new Date(instant).toISOString().slice(0, 10)
          const p = periodOf(day, granularity, start)
          const range = periodRange(p, start)
          expect(range.start <= day && day <= range.end).toBe(true)
          expect(valueOf(parsePeriod(p, { order: null, fiscalYearStartMonth: start }))).toBe(p)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('parseId and parseText', () => {
  it('keeps ids exact', () => {
    expect(parseId('  00123 ')).toEqual({ ok: true, value: '00123' })
    expect(parseId(123)).toEqual({ ok: true, value: '123' })
    expect(parseId(1.0)).toEqual({ ok: true, value: '1' })
    expect(parseId(12.5)).toEqual({ ok: true, value: '12.5' })
    expect(parseId(123456789012345)).toEqual({ ok: true, value: '123456789012345' })
    expect(parseId('0065g00000ABCdeAAF')).toEqual({ ok: true, value: '0065g00000ABCdeAAF' })
    expect(parseId(' ')).toEqual({ ok: true, value: null })
    expect(reasonOf(parseId(1234567890123456))).toMatch(/may have rounded it/)
    expect(reasonOf(parseId(true))).toBe('a TRUE/FALSE value, not an id')
  })

  it('keeps text as written, formulas included', () => {
    expect(parseText('  Acme, Inc.  ')).toEqual({ ok: true, value: 'Acme, Inc.' })
    expect(parseText('=SUM(A1:A3)')).toEqual({ ok: true, value: '=SUM(A1:A3)' })
    expect(parseText('two  spaces\tinside')).toEqual({ ok: true, value: 'two  spaces\tinside' })
    expect(parseText(42.5)).toEqual({ ok: true, value: '42.5' })
    expect(parseText(false)).toEqual({ ok: true, value: 'FALSE' })
    expect(parseText('\u00A0')).toEqual({ ok: true, value: null })
  })
})

describe('every parser is total', () => {
  const tokens = [
    '1',
    '12',
    '31',
    '2024',
    '0',
    '.',
    ',',
    '/',
    '-',
    ' ',
    '\u00A0',
    "'",
    '$',
    '€',
    'USD',
    '(',
    ')',
    '%',
    '+',
    'e',
    'E5',
    'Q',
    'FY',
    'Jan',
    'T',
    ':',
    'PM',
    'Z',
    '+05:30',
    '#N/A',
    '\u2212',
    'x',
  ]
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.array(fc.constantFrom(...tokens), { maxLength: 12 }).map((parts) => parts.join('')),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  )

  it('never throws on any cell, and always says ok or why not (property)', () => {
    fc.assert(
      fc.property(
        cell,
        fc.constantFrom<DateOrder | null>('ymd', 'mdy', 'dmy', null),
        fc.constantFrom<'.' | ',' | null>('.', ',', null),
        (value, order, decimal) => {
          const results: ValueResult<unknown>[] = [
            parseDate(value, order),
            parseDate(value, order, { date1904: true }),
            parseAmount(value, { decimal }),
            parseCurrencyCode(value),
            parseProbability(value, { scale: 'fraction' }),
            parseProbability(value, { scale: 'percent' }),
            parseBoolean(value),
            parsePeriod(value, { order, fiscalYearStartMonth: 4 }),
            parseId(value),
            parseText(value),
          ]
          for (const r of results) {
            if (r.ok) continue
            expect(r.reason.length).toBeGreaterThan(0)
          }
          const d = parseDate(value, order)
          if (d.ok && d.value !== null)
            expect(toTimestamp(d.value, 'America/New_York')).toMatch(/^\+?\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
          const a = parseAmount(value, { decimal })
          if (a.ok && a.value !== null) toMinorUnits(a.value.amount, a.value.currency ?? 'USD')
          inferDateOrder([value])
          inferDecimalSeparator([value])
          inferProbabilityScale([value])
        },
      ),
      { numRuns: 5000 },
    )
  })

  it('stays fast on hostile long cells', () => {
    const hostile = [
      '1' + ' '.repeat(30_000) + 'x',
      '2025' + ' '.repeat(30_000) + 'Q',
      'a' + ' '.repeat(30_000) + '1:00',
      '1,'.repeat(15_000),
    ]
    const started = performance.now()
    for (const v of hostile) {
      parseAmount(v, { decimal: null })
      parseDate(v, null)
      parsePeriod(v, { order: null, fiscalYearStartMonth: 1 })
      parseProbability(v, { scale: 'fraction' })
      inferDateOrder([v])
      inferDecimalSeparator([v])
    }
    expect(performance.now() - started).toBeLessThan(500)
  })
})

describe('formatMinorUnits', () => {
  it('gives back exact decimal text in the currency digits', () => {
    expect(formatMinorUnits(1749995, 'USD')).toBe('17499.95')
    expect(formatMinorUnits(-5, 'USD')).toBe('-0.05')
    expect(formatMinorUnits(1500, 'JPY')).toBe('1500')
    expect(formatMinorUnits(1234, 'KWD')).toBe('1.234')
  })
})
