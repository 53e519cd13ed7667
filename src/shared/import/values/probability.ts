import { canonicalDecimal, numberText, shiftPoint } from './decimal'
import { EMPTY, fail, isSpreadsheetError, MAX_TYPED_CHARS, ok, textOf, type ValueResult } from './result'
import { AMOUNT_TEXT_RE } from './amount'
import { type CellValue } from '../types'

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
