import { EMPTY, fail, isSpreadsheetError, MAX_TYPED_CHARS, ok, textOf, type ValueResult } from './result'
import { type CellValue } from '../types'

// ---------------------------------------------------------------------------------------------------
// Currencies

/** Symbols and prefixes -> ISO 4217. `$` alone is USD and `¥` alone is JPY; other dollars need a prefix. */
export const CURRENCY_SYMBOLS = new Map<string, string>([
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
export const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'))
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
export function currencyOfToken(token: string): ValueResult<string> {
  const upper = token.toUpperCase()
  const symbol = CURRENCY_SYMBOLS.get(upper)
  if (symbol !== undefined) return ok(symbol)
  return KNOWN_CURRENCIES.has(upper) ? ok(upper) : fail(`unknown currency "${token}"`)
}
