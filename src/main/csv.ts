import Papa from 'papaparse'

/**
 * The one CSV writer of the main process: problem files, meeting minutes' action items, the workspace
 * export. Papaparse's `unparse` quotes what needs quoting, and with `escapeFormulae` a text cell that a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) gets a
 * leading apostrophe, so opening an export in Excel never executes what a CRM field held. Numbers are
 * data and stay as they are (-5 is not a formula).
 *
 * The pattern is papaparse's own without its `.*$`: that one does not match a cell with a line break
 * after the formula ("=HYPERLINK(…)\nx"), which Excel still runs.
 */
const FORMULA = /^[=+\-@\t\r]/

export type CsvCell = string | number | boolean | null | undefined

const OPTIONS = { escapeFormulae: FORMULA, newline: '\r\n' } as const

/** Rows as CSV text, each line ending in CRLF (a chunk of a longer file); '' for no rows. */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  return rows.length === 0 ? '' : `${Papa.unparse(rows as CsvCell[][], { ...OPTIONS, header: false })}\r\n`
}

/** A whole CSV document: the header row, then the rows (CRLF between lines, none after the last). */
export function csvDocument(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse({ fields: [...fields], data: rows as CsvCell[][] }, OPTIONS)
}
