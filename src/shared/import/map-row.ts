import { fieldsOf, type FieldDef } from './fields'
import type { WideSpec } from './outcome'
import type { CellValue, DateOrder, ImportKind, Mapping, RowProblem, SourceRow } from './types'
import {
  parseAmount,
  parseCurrencyCode,
  parseDate,
  parseId,
  parsePeriod,
  parseProbability,
  parseText,
  toDateOnly,
  toMinorUnits,
  toTimestamp,
} from './values'

/**
 * Turns one row of a file into canonical records, with the problems that make it invalid. The engine
 * writes the records; the mapping screen runs the same function over the sample rows for its live
 * preview, so what the user sees there is what the import does.
 */

export interface MapContext {
  kind: ImportKind
  mapping: Mapping
  headers: readonly string[]
  wide: WideSpec | null
  dateOrder: DateOrder
  decimal: '.' | ','
  probabilityScale: 'fraction' | 'percent'
  timeZone: string
  homeCurrency: string
  fiscalYearStartMonth: number
}

export type AmountValue = { minor: number; currency: string }
export type CanonicalValue = string | number | AmountValue | null

export interface MappedRecord {
  /** The row's key within its source system: the external id, or the natural key of targets/spend. */
  key: string
  values: Record<string, CanonicalValue>
}

export interface MappedRow {
  records: MappedRecord[]
  problems: RowProblem[]
}

type Parsed = { ok: true; value: CanonicalValue } | { ok: false; reason: string }

const TEAMS: Record<string, string> = {
  marketing: 'marketing',
  mktg: 'marketing',
  sales: 'sales',
  joint: '',
  both: '',
  shared: '',
  all: '',
  total: '',
}

function teamOf(value: CellValue): Parsed {
  const t = parseText(value)
  if (!t.ok) return t
  if (t.value === null) return { ok: true, value: '' }
  const team = TEAMS[t.value.toLowerCase()]
  return team === undefined ? { ok: false, reason: 'not a team: use marketing, sales or joint' } : { ok: true, value: team }
}

/** Reads one raw value as the field's type. Amounts need the row's currency, resolved by the caller. */
function readValue(def: FieldDef, raw: CellValue, ctx: MapContext): Parsed {
  switch (def.type) {
    case 'id':
      return parseId(raw)
    case 'text':
      return parseText(raw)
    case 'team':
      return teamOf(raw)
    case 'date': {
      const d = parseDate(raw, ctx.dateOrder)
      return d.ok ? { ok: true, value: d.value === null ? null : toDateOnly(d.value) } : d
    }
    case 'timestamp': {
      const d = parseDate(raw, ctx.dateOrder)
      return d.ok ? { ok: true, value: d.value === null ? null : toTimestamp(d.value, ctx.timeZone) } : d
    }
    case 'probability':
      return parseProbability(raw, { scale: ctx.probabilityScale })
    case 'period':
      return parsePeriod(raw, { order: ctx.dateOrder, fiscalYearStartMonth: ctx.fiscalYearStartMonth })
    case 'currency':
      return parseCurrencyCode(raw)
    case 'amount':
      // Handled with the currency in mapRowWith (an amount's minor units depend on its currency).
      return { ok: true, value: null }
  }
}

/** Column label for messages: the file's header, else the column letter. */
function columnName(headers: readonly string[], column: number): string {
  const h = headers[column]
  if (h) return h
  let n = column + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return `column ${s}`
}

const show = (v: CellValue): string => (v === null ? '' : String(v))

export function createRowMapper(ctx: MapContext): (row: SourceRow) => MappedRow {
  const defs = fieldsOf(ctx.kind)
  const used = defs.filter((d) => d.name in ctx.mapping)
  const amountDef = defs.find((d) => d.type === 'amount')
  const currencyDef = defs.find((d) => d.type === 'currency')

  const rawOf = (row: SourceRow, field: string): { raw: CellValue; column: string } => {
    const src = ctx.mapping[field]
    if (!src) return { raw: null, column: field }
    if ('constant' in src) return { raw: src.constant, column: `${field} (fixed value)` }
    return { raw: row.cells[src.column] ?? null, column: columnName(ctx.headers, src.column) }
  }

  /** Parses an amount in the row's currency: the currency column, else a symbol in the value, else home. */
  const amountOf = (raw: CellValue, column: string, currencyCol: CellValue, problems: RowProblem[], rowNo: number): AmountValue | null => {
    const a = parseAmount(raw, { decimal: ctx.decimal })
    if (!a.ok) {
      problems.push({ row: rowNo, column, value: show(raw), reason: a.reason })
      return null
    }
    if (a.value === null) return null
    let currency = a.value.currency
    if (currencyCol !== null && currencyCol !== '') {
      const c = parseCurrencyCode(currencyCol)
      if (c.ok && c.value) currency = c.value
    }
    currency ??= ctx.homeCurrency
    const minor = toMinorUnits(a.value.amount, currency)
    if (!minor.ok) {
      problems.push({ row: rowNo, column, value: show(raw), reason: minor.reason })
      return null
    }
    return { minor: minor.value, currency }
  }

  return (row: SourceRow): MappedRow => {
    const problems: RowProblem[] = []
    const values: Record<string, CanonicalValue> = Object.create(null) as Record<string, CanonicalValue>
    for (const def of used) {
      if (def.type === 'amount') continue
      const { raw, column } = rawOf(row, def.name)
      const parsed = readValue(def, raw, ctx)
      if (!parsed.ok) problems.push({ row: row.row, column, value: show(raw), reason: parsed.reason })
      else values[def.name] = parsed.value
    }
    const currencyRaw = currencyDef && currencyDef.name in ctx.mapping ? rawOf(row, currencyDef.name).raw : null

    const finish = (vals: Record<string, CanonicalValue>, rowProblems: RowProblem[]): MappedRecord | null => {
      for (const def of defs) {
        if (!def.required) continue
        const v = vals[def.name]
        if (v === null || v === undefined || v === '') {
          const { raw, column } = rawOf(row, def.name)
          const what = def.name === 'external_id' ? `no ${def.label} (a totals or notes row?)` : `${def.label} is required`
          rowProblems.push({ row: row.row, column, value: show(raw), reason: what })
        }
      }
      if (rowProblems.length > 0) return null
      return { key: keyOf(ctx.kind, vals), values: vals }
    }

    if (ctx.wide) {
      // One target per period column; the label column names the segment.
      const label = ctx.wide.labelColumn === null ? null : parseText(row.cells[ctx.wide.labelColumn] ?? null)
      const base = { ...values }
      if (label && label.ok && !('segment' in ctx.mapping)) base['segment'] = label.value ?? ''
      const records: MappedRecord[] = []
      for (const pc of ctx.wide.periodColumns) {
        const raw = row.cells[pc.column] ?? null
        if (raw === null || raw === '') continue
        const amount = amountOf(raw, columnName(ctx.headers, pc.column), currencyRaw, problems, row.row)
        if (amount === null) continue
        const rec = finish({ team: '', segment: '', ...base, period: pc.period, amount }, problems)
        if (rec) records.push(rec)
      }
      if (records.length === 0 && problems.length === 0) {
        problems.push({ row: row.row, column: '', value: '', reason: 'no target amounts in this row' })
      }
      return problems.length > 0 ? { records: [], problems } : { records, problems }
    }

    if (amountDef && amountDef.name in ctx.mapping) {
      const { raw, column } = rawOf(row, amountDef.name)
      const amount = amountOf(raw, column, currencyRaw, problems, row.row)
      if (problems.length === 0) values[amountDef.name] = amount
    }
    if (ctx.kind === 'targets') {
      // A target without a team is the joint one; without a segment, the whole business.
      values['team'] ??= ''
      values['segment'] ??= ''
    }
    const rec = finish(values, problems)
    return rec ? { records: [rec], problems } : { records: [], problems }
  }
}

/** The key of a record: its id, or the natural key of kinds whose files have none. */
function keyOf(kind: ImportKind, v: Record<string, CanonicalValue>): string {
  const s = (x: CanonicalValue | undefined): string => (x === null || x === undefined ? '' : String(x))
  switch (kind) {
    case 'targets':
      return `${s(v['period'])}|${s(v['team'])}|${s(v['segment'])}`
    case 'spend':
      return `${s(v['campaign'])}|${s(v['period'])}`
    default:
      return s(v['external_id'])
  }
}
