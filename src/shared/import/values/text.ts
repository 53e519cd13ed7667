import { EMPTY, fail, ok, textOf, type ValueResult } from './result'
import { numberText } from './decimal'
import { type CellValue } from '../types'

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
