// ---------------------------------------------------------------------------------------------------
// Decimal text (exact; money never goes through a float)

const PLAIN_NUMBER_RE = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/
export const LEADING_ZEROS_RE = /^0+/
const TRAILING_ZEROS_RE = /0+$/
export const DIGITS_RE = /^\d*$/
/** Enough for every double (5e-324, 1.8e308) and small enough to keep expanded text short. */
export const MAX_EXPONENT = 400

/** Digits split at a decimal point moved `by` places (positive: right). */
export function shiftPoint(intDigits: string, fracDigits: string, by: number): [string, string] {
  if (by === 0) return [intDigits, fracDigits]
  const digits = intDigits + fracDigits
  const point = intDigits.length + by
  if (point <= 0) return ['', '0'.repeat(-point) + digits]
  if (point >= digits.length) return [digits + '0'.repeat(point - digits.length), '']
  return [digits.slice(0, point), digits.slice(point)]
}

/** Canonical decimal text: no leading or trailing zeros, no `-0`, no trailing point ("-1234.5", "0"). */
export function canonicalDecimal(negative: boolean, intDigits: string, fracDigits: string): string {
  const int = intDigits.replace(LEADING_ZEROS_RE, '') || '0'
  const frac = fracDigits.replace(TRAILING_ZEROS_RE, '')
  const body = frac === '' ? int : `${int}.${frac}`
  return negative && body !== '0' ? `-${body}` : body
}

/** Canonical decimal text of plain or exponent number text ("1.5e-7", "-1e+21"), or null. */
export function plainDecimal(text: string): string | null {
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
export function numberText(n: number): string | null {
  return Number.isFinite(n) ? plainDecimal(String(n)) : null
}
