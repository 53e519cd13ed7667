import { EMPTY, fail, ok, textOf, type ValueResult } from './result'
import { type CellValue } from '../types'

// ---------------------------------------------------------------------------------------------------
// Booleans

const BOOLEAN_WORDS = new Map<string, boolean>([
  ['true', true],
  ['yes', true],
  ['y', true],
  ['1', true],
  ['x', true],
  ['✓', true],
  ['✔', true],
  ['false', false],
  ['no', false],
  ['n', false],
  ['0', false],
])
const NOT_A_BOOLEAN = 'not yes or no'

/** Reads a yes/no cell: TRUE/true/1/yes/y/x/✓ and FALSE/false/0/no/n; spreadsheet booleans as they are. */
export function parseBoolean(value: CellValue): ValueResult<boolean | null> {
  if (value === null) return EMPTY
  if (typeof value === 'boolean') return ok(value)
  if (typeof value === 'number') return value === 1 ? ok(true) : value === 0 ? ok(false) : fail(NOT_A_BOOLEAN)
  const text = textOf(value)
  if (text === null) return EMPTY
  const word = BOOLEAN_WORDS.get(text.toLowerCase())
  return word === undefined ? fail(NOT_A_BOOLEAN) : ok(word)
}
