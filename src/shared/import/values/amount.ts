import { canonicalDecimal, DIGITS_RE, LEADING_ZEROS_RE, MAX_EXPONENT, numberText, shiftPoint } from './decimal'
import { EMPTY, fail, isSpreadsheetError, MAX_TYPED_CHARS, ok, textOf, type ValueResult } from './result'
import { currencyOfToken, minorDigits } from './currency'
import { type CellValue } from '../types'

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
    if (decimal !== null && m[2] !== undefined && m[2] !== decimal)
      return fail(`misplaced "${m[2]}" (the decimal separator is "${decimal}")`)
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

export const AMOUNT_TEXT_RE = /^(-?)(\d+)(?:\.(\d+))?$/
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
/** Western grouping, as `ungroup` reads it: one to three digits, then groups of three. */
const GROUPED_AMOUNT_RE = /^(-?)(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,15}))?$/
const COMMAS_RE = /,/g
/** Most digits of minor units read without the text checks of `toMinorUnits` (always below 2^53). */
const PLAIN_MAX_DIGITS = 15

/**
 * The commonest amount of an export, plain digits with an optional point decimal ("1234.50", no sign
 * but `-`, no spaces, no currency), or with a point decimal and commas between groups of three
 * ("1,234,567.50", as Salesforce reports write amounts), straight to minor units: what `parseAmount`
 * then `toMinorUnits` give for it, without their intermediate text (the general path took ~3.5 µs a
 * grouped amount, a sixth of the parse worker's time on a Salesforce report; profiled). Null for
 * anything else (or a currency the engine does not know, or more than 15 digits): the caller then takes
 * the general path, which also says why.
 */
export function plainMinorUnits(text: string, currency: string, decimal: DecimalSeparator | null): number | null {
  let m = PLAIN_AMOUNT_RE.exec(text)
  let int: string
  if (m !== null) int = m[2] as string
  else {
    // Commas group only where the point is the decimal separator (else "1,234" is ambiguous or 1.234).
    if (decimal !== '.') return null
    m = GROUPED_AMOUNT_RE.exec(text)
    if (m === null) return null
    int = (m[2] as string).replace(COMMAS_RE, '')
  }
  const frac = m[3]
  if (frac !== undefined && decimal !== '.') return null
  const digits = minorDigits(currency)
  if (digits === null) return null
  const f = frac ?? ''
  const kept = f.length >= digits ? f.slice(0, digits) : f.padEnd(digits, '0')
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
