/**
 * The value parsers of the import: one raw cell in, one typed value or a short reason out. One file per
 * kind of value (dates, decimals, currencies, amounts, probabilities, booleans, periods, ids and text);
 * calendar, zone and period arithmetic lives in `src/shared/time/`.
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
export type { Failure, ValueResult } from './result'
export { inferDateOrder, parseDate, toDateOnly, toTimestamp, type DateOptions, type DateOrderInference, type ParsedDate } from './dates'
export { minorDigits, parseCurrencyCode } from './currency'
export {
  formatMinorUnits,
  inferDecimalSeparator,
  numberMinorUnits,
  parseAmount,
  plainMinorUnits,
  toMinorUnits,
  type AmountOptions,
  type DecimalSeparator,
  type ParsedAmount,
} from './amount'
export { inferProbabilityScale, parseProbability, type ProbabilityScale } from './probability'
export { parseBoolean } from './boolean'
export { parsePeriod, type PeriodOptions } from './period'
export { parseId, parseText } from './text'
