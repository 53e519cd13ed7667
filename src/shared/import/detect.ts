import { fieldsOf, missingFields, type FieldDef } from './fields'
import type { WideSpec } from './outcome'
import {
  HUBSPOT_LABELS,
  KIND_TELLS,
  PIPEDRIVE_LABELS,
  PIPEDRIVE_PREFIX,
  PRESETS,
  SALESFORCE_API_NAMES,
  SALESFORCE_ID_PREFIXES,
  SALESFORCE_REPORT_LABELS,
  WON_DATE_HEADERS,
  headerKey,
  headerLabel,
  type Alias,
} from './presets'
import { CRMS, IMPORT_KINDS, type CellValue, type Crm, type FieldSource, type ImportKind, type Mapping, type SourceRow } from './types'

/**
 * Recognising a file: where its header row is, what it holds (leads, opportunities, targets, spend),
 * which CRM wrote it, and which column feeds each canonical field. Pure functions over the first rows
 * of a file, shared by the import engine, the CLI and the mapping screen; the header dictionaries they
 * use are in `presets.ts`.
 */

export type Confidence = 'high' | 'medium' | 'low'

/** The header row of a sheet: its position in the rows given, and its 1-based row number. */
export interface HeaderRow {
  index: number
  row: number
}

export interface DetectOptions {
  /** The CRM the user chose (`--preset`): its names are tried first and the CRM is not guessed. */
  crm?: Crm
  /** The year of month headers written without one ("January"); default: the current year. */
  year?: number
}

export interface Detection {
  kind: ImportKind
  crm: Crm
  /** The source system recorded with each row: the CRM's name, or `sheet` for a hand-made file. */
  sourceSystem: string
  mapping: Mapping
  /** high: nothing to check; medium: an assumption to confirm (see reasons); low: a required field is missing. */
  confidence: Confidence
  /** Short sentences for the mapping screen: what was recognised, what was assumed, what is missing. */
  reasons: string[]
  /** A wide target sheet (one column per month): period and amount come from here, not from `mapping`. */
  wide?: WideSpec
}

/** Rows of a sheet searched for its header: title blocks above a table are never longer than this. */
const HEADER_SCAN_ROWS = 30
/** A wide target sheet has at least this many month columns (fewer is a leads file with two dates). */
const MIN_MONTH_COLUMNS = 3
/** Points of a kind per required field supplied, per optional field, per tell (see `detectImport`). */
const REQUIRED_POINTS = 3
const OPTIONAL_POINTS = 1
const TELL_POINTS = 2
/** A runner-up kind this close to the winner makes the choice worth confirming. */
const CLOSE_CALL_POINTS = 3
/**
 * A key column may be empty in this share of the sample rows, or in one row, and still be the key:
 * report exports end with a totals row, which the import lists as invalid.
 */
const KEY_MAX_EMPTY_SHARE = 0.1

const KIND_NAMES: Readonly<Record<ImportKind, string>> = {
  leads: 'Leads',
  opportunities: 'Opportunities',
  targets: 'Targets',
  spend: 'Campaign spend',
}
const CRM_NAMES: Readonly<Record<Crm, string>> = {
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  pipedrive: 'Pipedrive',
  other: 'generic names',
}

// ---------------------------------------------------------------------------------------------------
// Dictionaries, compiled once into Maps keyed by normalised header.

interface AliasEntry {
  key: string
  note: string | null
}

const aliasEntry = (alias: Alias): AliasEntry =>
  typeof alias === 'string' ? { key: headerKey(alias), note: null } : { key: headerKey(alias.header), note: alias.note }

/** crm -> kind -> canonical field -> aliases, most preferred first. */
const ALIASES: ReadonlyMap<Crm, ReadonlyMap<ImportKind, ReadonlyMap<string, readonly AliasEntry[]>>> = new Map(
  CRMS.map((crm) => [
    crm,
    new Map(
      IMPORT_KINDS.map((kind) => [kind, new Map(Object.entries(PRESETS[crm][kind]).map(([field, list]) => [field, list.map(aliasEntry)]))]),
    ),
  ]),
)

const KIND_TELL_KEYS: ReadonlyMap<ImportKind, ReadonlySet<string>> = new Map(
  IMPORT_KINDS.map((kind) => [kind, new Set(KIND_TELLS[kind].map(headerKey))]),
)
const WON_DATE_KEYS: readonly string[] = WON_DATE_HEADERS.map(headerKey)
const SALESFORCE_LABEL_SET: ReadonlySet<string> = new Set(SALESFORCE_REPORT_LABELS.map(headerLabel))
const HUBSPOT_LABEL_SET: ReadonlySet<string> = new Set(HUBSPOT_LABELS.map(headerLabel))
const PIPEDRIVE_LABEL_SET: ReadonlySet<string> = new Set(PIPEDRIVE_LABELS.map(headerLabel))

/** Every header name the dictionaries know, for telling a header row from title and data rows. */
const KNOWN_KEYS: ReadonlySet<string> = new Set([
  ...[...ALIASES.values()].flatMap((byKind) => [...byKind.values()].flatMap((byField) => [...byField.values()].flat().map((a) => a.key))),
  ...[...KIND_TELL_KEYS.values()].flatMap((keys) => [...keys]),
  ...WON_DATE_KEYS,
  ...[...SALESFORCE_API_NAMES, ...SALESFORCE_REPORT_LABELS, ...HUBSPOT_LABELS, ...PIPEDRIVE_LABELS, 'Record ID'].map(headerKey),
])

/** The aliases of a field for a file written by `crm`: its preset first, then the generic names. */
function aliasesOf(kind: ImportKind, field: string, crm: Crm): AliasEntry[] {
  const generic = ALIASES.get('other')?.get(kind)?.get(field) ?? []
  if (crm === 'other') return [...generic]
  return [...(ALIASES.get(crm)?.get(kind)?.get(field) ?? []), ...generic]
}

// ---------------------------------------------------------------------------------------------------
// Cells, columns, months.

interface Column {
  index: number
  header: string
  key: string
  label: string
}

function cellText(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return ''
  return typeof cell === 'string' ? cell.trim() : String(cell)
}

const isBlankRow = (row: SourceRow): boolean => row.cells.every((c) => cellText(c) === '')

function columnsOf(headers: readonly string[]): Column[] {
  return headers.map((header, index) => ({ index, header, key: headerKey(header), label: headerLabel(header) }))
}

/** A spreadsheet column's letters: 0 -> A, 26 -> AA. */
function columnLetters(index: number): string {
  let n = index + 1
  let letters = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    letters = String.fromCharCode(65 + rem) + letters
    n = Math.floor((n - 1) / 26)
  }
  return letters
}

/** How a column is named to the user: its header, or its letters when the header cell is blank. */
const columnName = (col: Column): string => col.header.trim() || `column ${columnLetters(col.index)}`

const fromColumn = (col: Column): FieldSource => ({ column: col.index, header: col.header })

/** Up to three names, for a reason sentence. */
const someOf = (names: readonly string[]): string => (names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', '))

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

function monthOfName(word: string): number | null {
  const w = word.toLowerCase()
  if (w === 'sept') return 9
  const full = MONTH_NAMES.indexOf(w)
  if (full >= 0) return full + 1
  const short = MONTH_NAMES.findIndex((m) => m.slice(0, 3) === w)
  return short >= 0 ? short + 1 : null
}

interface MonthHeader {
  year: number | null
  month: number
}

/**
 * A month, if the parts make one. A full date names its month only on the first or the last day (how
 * budget sheets date their columns): data rows are full of other dates, and three of them in distinct
 * months must not make a row look like a header of months.
 */
function monthHeader(year: number, month: number, day: number | null = null): MonthHeader | null {
  if (month < 1 || month > 12 || year < 1900 || year > 2200) return null
  if (day !== null && day !== 1 && day !== new Date(Date.UTC(year, month, 0)).getUTCDate()) return null
  return { year, month }
}

const fullYear = (digits: string): number => (digits.length === 2 ? 2000 + Number(digits) : Number(digits))

/**
 * The month a header cell names, if it names one: ISO dates and months (`2022-01-01`, which is how an
 * XLSX date cell arrives, `2025-01`, `2025/01`, `01/2025`) and English month names with or without a
 * year (`Jan 2025`, `January`, `Jan-25`, `2025 Jan`). Two-digit years are 20xx; `year` is null when the
 * header has none.
 */
function parseMonthHeader(text: string): MonthHeader | null {
  const s = text.trim()
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?)?$/.exec(s)
  if (m) return monthHeader(Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3]))
  m = /^(\d{4})[/.](\d{1,2})$/.exec(s)
  if (m) return monthHeader(Number(m[1]), Number(m[2]))
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s)
  if (m) return monthHeader(Number(m[2]), Number(m[1]))
  m = /^(\p{L}+)\.?(?:[\s,'’/-]+(\d{4}|\d{2}))?$/u.exec(s)
  if (m) {
    const month = monthOfName(m[1] ?? '')
    if (month === null) return null
    return m[2] === undefined ? { year: null, month } : monthHeader(fullYear(m[2]), month)
  }
  m = /^(\d{4})[\s/-]+(\p{L}+)\.?$/u.exec(s)
  if (m) {
    const month = monthOfName(m[2] ?? '')
    return month === null ? null : monthHeader(Number(m[1]), month)
  }
  return null
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

// ---------------------------------------------------------------------------------------------------
// Header row.

/** Counts a month once: a data row can repeat a date, a header row of months does not. */
function distinctMonths(cells: readonly CellValue[]): number {
  const seen = new Set<string>()
  for (const c of cells) {
    if (typeof c !== 'string') continue
    const m = parseMonthHeader(c)
    if (m) seen.add(`${m.year ?? ''}-${m.month}`)
  }
  return seen.size
}

const looksNumeric = (s: string): boolean => /^[-+(]?\s*[$€£¥]?\s*[\d.,\s]+%?\s*\)?\s*(?:[$€£¥]|[A-Z]{3})?$/.test(s) && /\d/.test(s)
const looksLikeDate = (s: string): boolean => /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[T ].*)?$/.test(s)

/**
 * Which of the first rows of a sheet is its header. Report exports put titles ("Opportunity Report",
 * "Generated 2024-05-01"), a lone subtotal or blank rows above the table, so the first row is not always
 * it. In order of preference:
 * 1. the row with the most cells that are known header names (or, for a wide target sheet, distinct
 *    months), if it has at least two;
 * 2. else the first row of at least two distinct, non-numeric text cells followed by a row of similar
 *    width (a title has one cell; a table's rows are about as wide as its header);
 * 3. else the first of the widest rows.
 * Only the first 30 rows are considered. When every row is blank, the first row is returned.
 */
export function findHeaderRow(rows: readonly SourceRow[]): HeaderRow {
  const scan = rows.slice(0, HEADER_SCAN_ROWS)
  const at = (index: number): HeaderRow => ({ index, row: scan[index]?.row ?? index + 1 })
  const widths = scan.map((r) => r.cells.filter((c) => cellText(c) !== '').length)

  let best = -1
  let bestScore = 1
  scan.forEach((r, i) => {
    const known = r.cells.filter((c) => typeof c === 'string' && KNOWN_KEYS.has(headerKey(c))).length
    const months = distinctMonths(r.cells)
    const score = known + (months >= MIN_MONTH_COLUMNS ? months : 0)
    if (score > bestScore) {
      best = i
      bestScore = score
    }
  })
  if (best >= 0) return at(best)

  const widest = Math.max(0, ...widths)
  const headerLike = scan.findIndex((r, i) => {
    const width = widths[i] ?? 0
    if (width === 0 || (width < 2 && widest >= 2)) return false
    const texts = r.cells.map(cellText).filter((t) => t !== '')
    const textual = r.cells.filter(
      (c) => typeof c === 'string' && c.trim() !== '' && !looksNumeric(c.trim()) && !looksLikeDate(c.trim()),
    ).length
    if (textual < 0.8 * width || new Set(texts.map((t) => t.toLowerCase())).size < texts.length) return false
    const next = widths.findIndex((w, j) => j > i && w > 0)
    const nextWidth = widths[next] ?? 0
    return next < 0 || (nextWidth >= width / 2 && nextWidth <= width * 2)
  })
  if (headerLike >= 0) return at(headerLike)
  return at(Math.max(0, widths.indexOf(widest)))
}

// ---------------------------------------------------------------------------------------------------
// Field matching.

interface KindMatch {
  kind: ImportKind
  mapping: Mapping
  /** Required fields that nothing supplies. */
  missing: FieldDef[]
  /** Fields supplied by a column. */
  matched: number
  /** REQUIRED_POINTS per required field supplied, OPTIONAL_POINTS per optional one. */
  score: number
  /** Assumptions that deserve a look before committing (a fallback key, a constant stage). */
  doubts: number
  reasons: string[]
}

interface KeyChoice {
  column: Column
  reason: string
  doubtful: boolean
}

/** What is wrong with a column as the key, judged on the sample; null when it would do. */
function keyFault(col: Column, rows: readonly SourceRow[]): 'repeats' | 'is often empty' | null {
  const values = rows.map((r) => cellText(r.cells[col.index])).filter((v) => v !== '')
  if (rows.length - values.length > Math.max(1, KEY_MAX_EMPTY_SHARE * rows.length)) return 'is often empty'
  return new Set(values).size < values.length ? 'repeats' : null
}

/**
 * The external id among the columns the dictionaries offer for it, in their order of preference: the
 * first whose sample values are present and unique, because upserting on a repeating column would make
 * later rows silently replace earlier ones (`Opportunity ID` in Sales Pipeline.xlsx is an order id that
 * repeats per line; `Row ID` is the key there). When none qualifies, the preferred one is kept and
 * flagged. Without sample rows the preferred one is taken on trust.
 */
function chooseKey(candidates: readonly Column[], rows: readonly SourceRow[]): KeyChoice | null {
  const first = candidates[0]
  if (!first) return null
  if (rows.length === 0) return { column: first, reason: `Key: ${columnName(first)}`, doubtful: false }
  const passed: string[] = []
  for (const col of candidates) {
    const fault = keyFault(col, rows)
    if (fault === null) {
      const why = passed.length > 0 ? ` (${passed.join('; ')})` : ''
      return { column: col, reason: `Key: ${columnName(col)}${why}`, doubtful: passed.length > 0 }
    }
    passed.push(`${columnName(col)} ${fault}`)
  }
  const fault = keyFault(first, rows)
  return {
    column: first,
    reason: `Key: ${columnName(first)}, but it ${fault ?? 'repeats'} in the sample: such rows would replace each other`,
    doubtful: true,
  }
}

/**
 * Maps the fields of one kind to columns: for each field, the first of its aliases (the CRM's preset,
 * then the generic names) that some header has; the first such column when several have the same name.
 * A column may feed several fields only where the dictionaries say so (Olist's first_contact_date is
 * both created_at and handed_off_at).
 */
function matchKind(kind: ImportKind, columns: readonly Column[], rows: readonly SourceRow[], crm: Crm): KindMatch {
  const byKey = new Map<string, Column>()
  for (const col of columns) if (col.key !== '' && !byKey.has(col.key)) byKey.set(col.key, col)

  const mapping: Mapping = {}
  const reasons: string[] = []
  let doubts = 0
  for (const def of fieldsOf(kind)) {
    const aliases = aliasesOf(kind, def.name, crm)
    if (def.name === 'external_id') {
      const candidates = [...new Set(aliases.map((a) => byKey.get(a.key)).filter((c): c is Column => c !== undefined))]
      const key = chooseKey(candidates, rows)
      if (key) {
        mapping[def.name] = fromColumn(key.column)
        reasons.push(key.reason)
        if (key.doubtful) doubts++
      }
      continue
    }
    for (const alias of aliases) {
      const col = byKey.get(alias.key)
      if (!col) continue
      mapping[def.name] = fromColumn(col)
      if (alias.note) reasons.push(`${def.label}: ${columnName(col)} (${alias.note})`)
      break
    }
  }

  if (kind === 'opportunities' && !mapping['stage']) {
    const won = WON_DATE_KEYS.map((k) => byKey.get(k)).find((c) => c !== undefined)
    if (won) {
      mapping['stage'] = { constant: 'Won' }
      mapping['close_date'] = fromColumn(won)
      reasons.push(`No stage column but a won date (${columnName(won)}): every row is a won deal, closed on that date`)
      doubts++
    }
  }

  const defs = fieldsOf(kind)
  const missing = missingFields(kind, mapping, false)
  if (missing.length > 0) reasons.push(`Not found: ${missing.map((d) => d.label).join(', ')} (required)`)
  if (kind === 'leads' && !mapping['handed_off_at']) reasons.push('No hand-off (MQL) date column: map one for the Handoff view')
  const supplied = defs.filter((d) => mapping[d.name])
  return {
    kind,
    mapping,
    missing,
    matched: supplied.filter((d) => {
      const src = mapping[d.name]
      return src !== undefined && 'column' in src
    }).length,
    score: supplied.reduce((sum, d) => sum + (d.required ? REQUIRED_POINTS : OPTIONAL_POINTS), 0),
    doubts,
    reasons,
  }
}

// ---------------------------------------------------------------------------------------------------
// CRM.

interface CrmGuess {
  crm: Crm
  reasons: string[]
}

interface SalesforceIds {
  column: Column
  prefix: string
  kind: ImportKind
}

/**
 * Salesforce record ids in the `Id` column: every value 15 or 18 letters and digits with one known
 * object prefix (006 Opportunity, 00Q Lead, …). That names both the CRM and what the file holds.
 */
function salesforceIds(columns: readonly Column[], rows: readonly SourceRow[]): SalesforceIds | null {
  const column = columns.find((c) => c.key === 'id')
  if (!column) return null
  const values = rows.map((r) => cellText(r.cells[column.index])).filter((v) => v !== '')
  const prefix = values[0]?.slice(0, 3) ?? ''
  const kind = SALESFORCE_ID_PREFIXES.get(prefix)
  if (!kind || !values.every((v) => /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(v) && v.startsWith(prefix))) return null
  return { column, prefix, kind }
}

/**
 * Which CRM wrote the file, from evidence only that CRM leaves; each CRM's points must reach its
 * threshold, and the most points win. Salesforce: API field names (1 each), custom `__c` fields (2),
 * report labels (1 each), record ids (3); at least 2. HubSpot: `Record ID` (2) and its labels (1 each);
 * at least 3, so `Deal Stage` alone (Sales Pipeline.xlsx has it) is not HubSpot. Pipedrive: entity-
 * prefixed columns and its own labels (1 each); at least 2.
 */
function guessCrm(columns: readonly Column[], sfIds: SalesforceIds | null): CrmGuess {
  const raw = columns.map((c) => c.header.replace(/^[\s\uFEFF]+|\s+$/g, ''))
  const present = new Set(raw)
  const api = SALESFORCE_API_NAMES.filter((name) => present.has(name))
  const custom = raw.filter((h) => /__c$/i.test(h))
  const sfLabels = columns.filter((c) => SALESFORCE_LABEL_SET.has(c.label)).map((c) => c.header.trim())
  const hsRecord = columns.some((c) => c.label === 'record id')
  const hsLabels = columns.filter((c) => HUBSPOT_LABEL_SET.has(c.label)).map((c) => c.header.trim())
  const pdColumns = raw.filter((h) => PIPEDRIVE_PREFIX.test(h) || PIPEDRIVE_LABEL_SET.has(headerLabel(h)))

  const sfReasons: string[] = []
  if (api.length > 0) sfReasons.push(`Salesforce API field names (${someOf(api)})`)
  if (custom.length > 0) sfReasons.push(`Salesforce custom fields (${someOf(custom)})`)
  if (sfLabels.length > 0) sfReasons.push(`Salesforce report columns (${someOf(sfLabels)})`)
  if (sfIds) sfReasons.push(`Salesforce record ids in ${columnName(sfIds.column)} (${sfIds.prefix}…)`)

  const guesses: { crm: Crm; points: number; threshold: number; reasons: string[] }[] = [
    {
      crm: 'salesforce',
      points: api.length + (custom.length > 0 ? 2 : 0) + sfLabels.length + (sfIds ? 3 : 0),
      threshold: 2,
      reasons: sfReasons,
    },
    {
      crm: 'hubspot',
      points: (hsRecord ? 2 : 0) + hsLabels.length,
      threshold: 3,
      reasons: [`HubSpot columns (${someOf([...(hsRecord ? ['Record ID'] : []), ...hsLabels])})`],
    },
    { crm: 'pipedrive', points: pdColumns.length, threshold: 2, reasons: [`Pipedrive columns (${someOf(pdColumns)})`] },
  ]
  const found = guesses.filter((g) => g.points >= g.threshold).sort((a, b) => b.points - a.points)[0]
  return found ? { crm: found.crm, reasons: found.reasons } : { crm: 'other', reasons: ['No CRM column names: read as a hand-made sheet'] }
}

// ---------------------------------------------------------------------------------------------------
// Wide target sheets.

interface WideMatch {
  wide: WideSpec
  mapping: Mapping
  reasons: string[]
  yearAssumed: boolean
}

/**
 * A target sheet with one column per month (`SuperStore 2022 Budget.xlsx`: A1 blank, then 12 month
 * dates; a row per segment): at least three month columns, and months are at least half of the named
 * columns. Months with a year must not repeat. Only when fewer than three have a year are the months
 * without one used: the first gets `year`, and the year moves on when the month number does not
 * increase (Jul … Jun is a fiscal year, Jan … Dec twice is two years). The label column is the segment column the dictionaries recognise, else the first
 * other column left of the months holding text; a sheet with none has one row of totals.
 */
function matchWide(columns: readonly Column[], rows: readonly SourceRow[], year: number): WideMatch | null {
  const months = columns
    .map((c) => ({ col: c, month: parseMonthHeader(c.header) }))
    .filter((m): m is { col: Column; month: MonthHeader } => m.month !== null)
  const dated = months.filter((m) => m.month.year !== null)
  const yearAssumed = dated.length < MIN_MONTH_COLUMNS
  const used = yearAssumed ? months.filter((m) => m.month.year === null) : dated
  const named = columns.filter((c) => c.header.trim() !== '').length
  if (used.length < MIN_MONTH_COLUMNS || used.length * 2 < named) return null

  let assumedYear = year
  let previous = 0
  const periodColumns = used.map(({ col, month }) => {
    if (yearAssumed && month.month <= previous) assumedYear++
    previous = month.month
    return { column: col.index, period: `${month.year ?? assumedYear}-${pad2(month.month)}` }
  })
  if (new Set(periodColumns.map((p) => p.period)).size < periodColumns.length) return null

  const periodIndexes = new Set(periodColumns.map((p) => p.column))
  const others = columns.filter((c) => !periodIndexes.has(c.index))
  const mapping: Mapping = {}
  for (const field of ['team', 'segment'] as const) {
    const col = aliasesOf('targets', field, 'other')
      .map((a) => others.find((c) => c.key === a.key))
      .find((c) => c !== undefined)
    if (col) mapping[field] = fromColumn(col)
  }
  const firstPeriod = Math.min(...periodIndexes)
  const teamColumn = mapping['team'] && 'column' in mapping['team'] ? mapping['team'].column : -1
  const leftOfMonths = others.filter((c) => c.index < firstPeriod && c.index !== teamColumn)
  const holdsText = (c: Column): boolean =>
    rows.some((r) => {
      const t = cellText(r.cells[c.index])
      return t !== '' && !looksNumeric(t)
    })
  const segment = mapping['segment']
  const label = segment && 'column' in segment ? columns[segment.column] : (leftOfMonths.find(holdsText) ?? leftOfMonths[0])
  if (label) mapping['segment'] = fromColumn(label)

  const first = periodColumns[0]?.period ?? ''
  const last = periodColumns[periodColumns.length - 1]?.period ?? ''
  const reasons = [`Wide target sheet: ${periodColumns.length} month columns (${first} … ${last})`]
  reasons.push(label ? `Segment: one target row per ${columnName(label)}` : 'No label column: each row is a target for the whole business')
  if (yearAssumed) reasons.push(`The month columns have no year: read as ${first} … ${last}; check the year`)
  return { wide: { labelColumn: label ? label.index : null, periodColumns }, mapping, reasons, yearAssumed }
}

// ---------------------------------------------------------------------------------------------------
// Entry points.

/**
 * Evidence of a kind beyond its fields: headers only that kind's files have (`IsConverted`, `StageName`,
 * `Quota`), Pipedrive's entity prefix (`Deal - ` is a deals export), and Salesforce ids of its object.
 */
function tellsOf(kind: ImportKind, columns: readonly Column[], sfIds: SalesforceIds | null): number {
  const tells = KIND_TELL_KEYS.get(kind) ?? new Set<string>()
  let count = columns.filter((c) => tells.has(c.key)).length
  const prefix = kind === 'opportunities' ? /^deal - /i : kind === 'leads' ? /^lead - /i : null
  if (prefix && columns.some((c) => prefix.test(c.header.trim()))) count++
  if (sfIds?.kind === kind) count++
  return count
}

/**
 * What a file holds, which CRM wrote it, and how to map it, from its header row and the rows below it
 * (a few dozen to a thousand; they decide the key and recognise Salesforce ids).
 *
 * - A header row that is mostly months is a wide target sheet (see `wide`).
 * - Otherwise the CRM is guessed first (or taken from `options.crm`), because its preset decides some
 *   names (Pipedrive's `Status` is the stage). Then every kind is matched and scored: 3 points per
 *   required field supplied, 1 per optional field, 2 per tell. A kind whose required fields are all
 *   supplied beats one that misses any; then the most points win; on a tie the kind with more required
 *   fields (the more specific one) wins, or among kinds that miss some, the one that misses fewest.
 * - Confidence is low when the chosen kind misses a required field, medium when it rests on an
 *   assumption (a fallback or repeating key, a constant stage, a runner-up within 3 points, a year
 *   supplied for month headers, fewer than 3 fields found), else high.
 */
export function detectImport(headers: readonly string[], sample: readonly SourceRow[], options: DetectOptions = {}): Detection {
  const columns = columnsOf(headers)
  const rows = sample.filter((r) => !isBlankRow(r))
  const sfIds = salesforceIds(columns, rows)
  const guess: CrmGuess = options.crm
    ? { crm: options.crm, reasons: [`Preset: ${CRM_NAMES[options.crm]} (chosen)`] }
    : guessCrm(columns, sfIds)
  const sourceSystem = guess.crm === 'other' ? 'sheet' : guess.crm

  const wide = matchWide(columns, rows, options.year ?? new Date().getFullYear())
  if (wide) {
    return {
      kind: 'targets',
      crm: guess.crm,
      sourceSystem,
      mapping: wide.mapping,
      confidence: wide.yearAssumed ? 'medium' : 'high',
      reasons: [...guess.reasons, ...wide.reasons],
      wide: wide.wide,
    }
  }

  const requiredCount = (kind: ImportKind): number => fieldsOf(kind).filter((d) => d.required).length
  const ranked = IMPORT_KINDS.map((kind) => {
    const match = matchKind(kind, columns, rows, guess.crm)
    return { match, points: match.score + TELL_POINTS * tellsOf(kind, columns, sfIds), complete: match.missing.length === 0 }
  }).sort(
    (a, b) =>
      Number(b.complete) - Number(a.complete) ||
      b.points - a.points ||
      (a.complete ? requiredCount(b.match.kind) - requiredCount(a.match.kind) : a.match.missing.length - b.match.missing.length),
  )
  const best = ranked[0]
  if (!best) throw new Error('no import kinds')
  const runnerUp = ranked[1]
  const closeCall = runnerUp !== undefined && runnerUp.complete && best.points - runnerUp.points < CLOSE_CALL_POINTS
  const { match } = best

  const reasons = [...guess.reasons, `${KIND_NAMES[match.kind]}: ${match.matched} of ${fieldsOf(match.kind).length} fields found`]
  if (closeCall && runnerUp)
    reasons.push(`Could also be ${KIND_NAMES[runnerUp.match.kind].toLowerCase()}: choose the kind if this is wrong`)
  reasons.push(...match.reasons)

  const confidence: Confidence = match.missing.length > 0 ? 'low' : match.doubts > 0 || closeCall || match.matched < 3 ? 'medium' : 'high'
  return { kind: match.kind, crm: guess.crm, sourceSystem, mapping: match.mapping, confidence, reasons }
}

/**
 * The mapping of a file for a kind the user chose by hand (or a CRM preset chosen with `--preset`), by
 * the same matching `detectImport` uses. For a wide target sheet it maps the label column; the month
 * columns themselves come from `detectImport`'s `wide`.
 */
export function proposeMapping(kind: ImportKind, headers: readonly string[], sample: readonly SourceRow[], crm: Crm): Mapping {
  const columns = columnsOf(headers)
  const rows = sample.filter((r) => !isBlankRow(r))
  if (kind === 'targets') {
    const wide = matchWide(columns, rows, new Date().getFullYear())
    if (wide) return wide.mapping
  }
  return matchKind(kind, columns, rows, crm).mapping
}

const FNV_OFFSET = 0xcbf29ce484222325n
const FNV_PRIME = 0x100000001b3n
const U64 = 0xffffffffffffffffn

/**
 * A stable key of a header row, to remember a mapping for the next file with the same headers: FNV-1a
 * 64-bit (hex) of the UTF-8 of the headers joined with U+0001, each header trimmed, lower-cased, with
 * runs of space collapsed, and blank trailing headers dropped (an XLSX used range may or may not include
 * empty columns at the right). Order matters, because a mapping refers to columns by position.
 */
export function headerSignature(headers: readonly string[]): string {
  const norm = headers.map(headerLabel)
  while (norm.length > 0 && norm[norm.length - 1] === '') norm.pop()
  let hash = FNV_OFFSET
  for (const byte of new TextEncoder().encode(norm.join('\u0001'))) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & U64
  }
  return hash.toString(16).padStart(16, '0')
}
