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
  numberMinorUnits,
  plainMinorUnits,
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

/** Where one field's value comes from, worked out once per file rather than once per row. */
interface FieldPlan {
  def: FieldDef
  /** Column index, or -1 for a fixed value. */
  column: number
  constant: string | null
  /** The column as messages name it. */
  label: string
}

function planOf(ctx: MapContext, def: FieldDef): FieldPlan | null {
  const src = ctx.mapping[def.name]
  if (!src) return null
  if ('constant' in src) return { def, column: -1, constant: src.constant, label: `${def.name} (fixed value)` }
  return { def, column: src.column, constant: null, label: columnName(ctx.headers, src.column) }
}

const rawOf = (plan: FieldPlan, row: SourceRow): CellValue => (plan.column < 0 ? plan.constant : (row.cells[plan.column] ?? null))

/**
 * Parses an amount in the row's currency: the currency column (`currencyCol`, already read), else a
 * symbol in the value, else home.
 */
function amountOf(
  ctx: MapContext,
  raw: CellValue,
  column: string,
  currencyCol: string | null,
  problems: RowProblem[],
  rowNo: number,
): AmountValue | null {
  if (typeof raw === 'string' || typeof raw === 'number') {
    // Plain digits and numbers carry no currency of their own: the column's or home. Anything else is
    // read in full.
    const currency = currencyCol ?? ctx.homeCurrency
    const minor = typeof raw === 'string' ? plainMinorUnits(raw, currency, ctx.decimal) : numberMinorUnits(raw, currency)
    if (minor !== null) return { minor, currency }
  }
  const a = parseAmount(raw, { decimal: ctx.decimal })
  if (!a.ok) {
    problems.push({ row: rowNo, column, value: show(raw), reason: a.reason })
    return null
  }
  if (a.value === null) return null
  const currency = currencyCol ?? a.value.currency ?? ctx.homeCurrency
  const minor = toMinorUnits(a.value.amount, currency)
  if (!minor.ok) {
    problems.push({ row: rowNo, column, value: show(raw), reason: minor.reason })
    return null
  }
  return { minor: minor.value, currency }
}

/** How many distinct values of a column are remembered with what they read as. */
const MEMO_SIZE = 4096
/** Once that many are remembered, the memo is dropped if fewer than this share of lookups hit it. */
const MEMO_MIN_HIT_RATE = 0.5
const MEMO_CHECK_EVERY = 8192

/**
 * Remembers what a column's values read as. Export columns repeat themselves (stages, owners, sources,
 * days, probabilities, currencies): each distinct value is parsed once, and the same value comes back as
 * the same string, which also keeps a big import's memory down. Parsing is pure, so a remembered result
 * is the result. A column of mostly distinct values (names, ids) gives its memo up after one full round.
 */
class ColumnMemo {
  private cache: Map<CellValue, Parsed> | null = new Map()
  private lookups = 0
  private hits = 0

  constructor(private readonly parse: (raw: CellValue) => Parsed) {}

  read(raw: CellValue): Parsed {
    const cache = this.cache
    if (cache === null) return this.parse(raw)
    const known = cache.get(raw)
    if (cache.size >= MEMO_SIZE && ++this.lookups % MEMO_CHECK_EVERY === 0) {
      if (this.hits < this.lookups * MEMO_MIN_HIT_RATE) this.cache = null
    }
    if (known !== undefined) {
      this.hits++
      return known
    }
    const parsed = this.parse(raw)
    if (cache.size < MEMO_SIZE) cache.set(raw, parsed)
    return parsed
  }
}

export function createRowMapper(ctx: MapContext): (row: SourceRow) => MappedRow {
  const defs = fieldsOf(ctx.kind)
  const plans = defs.map((d) => planOf(ctx, d))
  const valuePlans = plans.filter((p): p is FieldPlan => p !== null && p.def.type !== 'amount')
  // Ids and text are read directly (trimmed; a memo would cost more than it saves); every other field
  // goes through its column's memo.
  const readers: { read(raw: CellValue): Parsed }[] = valuePlans.map((plan) => {
    const read = (raw: CellValue): Parsed => readValue(plan.def, raw, ctx)
    return plan.def.type === 'id' || plan.def.type === 'text' ? { read } : new ColumnMemo(read)
  })
  const plain = valuePlans.map((plan) => plan.def.type === 'id' || plan.def.type === 'text')
  const amountPlan = plans.find((p): p is FieldPlan => p !== null && p.def.type === 'amount') ?? null
  const currencyPlan = plans.find((p): p is FieldPlan => p !== null && p.def.type === 'currency') ?? null
  const required = defs.filter((d) => d.required).map((d) => ({ def: d, plan: plans[defs.indexOf(d)] ?? null }))

  /** Checks the required fields of a record; returns it keyed, or null when one is missing. */
  const finish = (row: SourceRow, vals: Record<string, CanonicalValue>, problems: RowProblem[]): MappedRecord | null => {
    const given = (name: string): boolean => vals[name] !== null && vals[name] !== undefined && vals[name] !== ''
    for (const { def, plan } of required) {
      if (!given(def.name) && !(def.unless ?? []).some(given)) {
        const what = def.name === 'external_id' ? `no ${def.label} (a totals or notes row?)` : `${def.label} is required`
        problems.push({ row: row.row, column: plan?.label ?? def.name, value: plan ? show(rawOf(plan, row)) : '', reason: what })
      }
    }
    if (ctx.kind === 'spend' && problems.length === 0) checkSpendDates(row, vals, problems)
    return problems.length > 0 ? null : { key: keyOf(ctx.kind, vals), values: vals }
  }

  return (row: SourceRow): MappedRow => {
    const problems: RowProblem[] = []
    const values: Record<string, CanonicalValue> = {}
    let currency: string | null = null
    for (let i = 0; i < valuePlans.length; i++) {
      const plan = valuePlans[i] as FieldPlan
      const raw = rawOf(plan, row)
      if (plain[i] && typeof raw === 'string') {
        // What parseId and parseText make of a string cell, without a result object per cell.
        const text = raw.trim()
        values[plan.def.name] = text === '' ? null : text
        continue
      }
      const parsed = (readers[i] as (typeof readers)[number]).read(raw)
      if (!parsed.ok) problems.push({ row: row.row, column: plan.label, value: show(raw), reason: parsed.reason })
      else {
        values[plan.def.name] = parsed.value
        if (plan === currencyPlan) currency = parsed.value as string | null
      }
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
        const amount = amountOf(ctx, raw, columnName(ctx.headers, pc.column), currency, problems, row.row)
        if (amount === null) continue
        const rec = finish(row, { team: '', segment: '', ...base, period: pc.period, amount }, problems)
        if (rec) records.push(rec)
      }
      if (records.length === 0 && problems.length === 0) {
        problems.push({ row: row.row, column: '', value: '', reason: 'no target amounts in this row' })
      }
      return problems.length > 0 ? { records: [], problems } : { records, problems }
    }

    if (amountPlan) {
      const amount = amountOf(ctx, rawOf(amountPlan, row), amountPlan.label, currency, problems, row.row)
      if (problems.length === 0) values[amountPlan.def.name] = amount
    }
    if (ctx.kind === 'targets') {
      // A target without a team is the joint one; without a segment, the whole business.
      values['team'] ??= ''
      values['segment'] ??= ''
    }
    const rec = finish(row, values, problems)
    return rec ? { records: [rec], problems } : { records: [], problems }
  }
}

/** The key of a record: its id, or the natural key of kinds whose files have none. */
const keyPart = (x: CanonicalValue | undefined): string => (x === null || x === undefined ? '' : String(x))

function keyOf(kind: ImportKind, v: Record<string, CanonicalValue>): string {
  const s = keyPart
  switch (kind) {
    case 'targets':
      return `${s(v['period'])}|${s(v['team'])}|${s(v['segment'])}`
    case 'spend':
      // A CRM campaign record is keyed by its id (one row per campaign); a sheet's row by campaign and
      // period, or dates.
      if (v['campaign_id']) return `id:${s(v['campaign_id'])}`
      return v['period'] ? `${s(v['campaign'])}|${s(v['period'])}` : `${s(v['campaign'])}|${s(v['start_date'])}..${s(v['end_date'])}`
    default:
      return s(v['external_id'])
  }
}

/**
 * A spend row dated by start and end (a campaign record) covers those days, both included: a missing end
 * is the start day (a one-day event), an end without a start or before it is refused. Such a row's
 * period, when the file has one too, is left as it is: the dates say more.
 */
function checkSpendDates(row: SourceRow, v: Record<string, CanonicalValue>, problems: RowProblem[]): void {
  const start = v['start_date']
  const end = v['end_date']
  if (start === null || start === undefined) {
    if (end !== null && end !== undefined && !v['period']) {
      problems.push({ row: row.row, column: 'end_date', value: String(end), reason: 'an end date needs a start date' })
    }
    return
  }
  if (end === null || end === undefined) v['end_date'] = start
  else if (String(end) < String(start))
    problems.push({ row: row.row, column: 'end_date', value: String(end), reason: `ends before it starts (${String(start)})` })
}
