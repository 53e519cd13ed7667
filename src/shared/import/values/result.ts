// ---------------------------------------------------------------------------------------------------
// Results

/** What every parser returns. `reason` is user-facing and short (see the module comment). */
export type ValueResult<T> = { ok: true; value: T } | Failure
export type Failure = { ok: false; reason: string }

export const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value })
export const fail = (reason: string): Failure => ({ ok: false, reason })
export const EMPTY: ValueResult<null> = Object.freeze({ ok: true, value: null })

/** Excel's error cells arrive as their text; they get their own reason rather than "not a date". */
const SPREADSHEET_ERROR_RE = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA)$/i

/**
 * The longest text a typed parser looks at. No real date, amount or period comes near it, and it bounds
 * the work any regular expression can do on a hostile 32,767-character cell.
 */
export const MAX_TYPED_CHARS = 100

/** Trimmed text of a string cell, or null when it holds only whitespace. `trim` also drops NBSP and BOM. */
export function textOf(value: string): string | null {
  const text = value.trim()
  return text === '' ? null : text
}

export function isSpreadsheetError(text: string): boolean {
  return text.charCodeAt(0) === 35 /* # */ && SPREADSHEET_ERROR_RE.test(text)
}
