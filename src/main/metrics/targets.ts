import type { Database } from 'better-sqlite3'
import { minorDigits, toTimestamp } from '@shared/import/values'
import { addDays, addMonths, daysBetween, daysIn, daysInMonth, monthsBetween, type DateRange } from '@shared/time/calendar'
import { childPeriods, isPeriod, periodRange } from '@shared/time/periods'
import { localDateOf } from '@shared/time/zones'
import { STAGE_CATEGORIES, isIsoDate, type Settings, type SourcedBy, type StageCategory, type StageRule } from '@shared/settings'
import {
  MQL_SEGMENT,
  DEAL_LEADS_LIMIT,
  SOURCE_BUCKETS,
  type DealDetail,
  type GapPlan,
  type MonthSplit,
  type PacePoint,
  type SourceBucket,
  type TargetsMetrics,
  type TargetsReport,
  type TeamTarget,
  type UndatedDeal,
  type UndatedDeals,
  type UnmappedValue,
} from '@shared/targets'
import { AppError } from '../errors'
import { dealById, leadsOfDeal } from '../db/repos/deals'
import {
  closeDateExtent,
  closedDays,
  handedOffCount,
  hasLeads,
  leadCohort,
  linkedLeadSources,
  periodDays,
  storedTargets,
  undatedDeals,
  undatedOpportunities,
  type StoredTarget,
} from '../db/repos/targets'

/**
 * The Targets metrics of PRODUCT.md for a period P and an as-of date D, computed from the aggregates of
 * `repos/targets.ts` with the settings of the moment (stage, source and currency categories are mapped
 * here, never stored). The app (IPC) and the CLI (`report targets`) both call `targetsReport`.
 *
 * Money stays in integer minor units of its own currency while it is summed; each currency's total is
 * converted to the home currency (and rounded to its minor unit) only at the end, and the result is
 * reported in home major units.
 */

export interface TargetsQuery {
  /** A canonical period: 2025-08, 2025-Q3 (fiscal quarter) or FY2025. */
  period: string
  /** YYYY-MM-DD. */
  asOf: string
}

/** The trailing window of the gap plan and the history of the seasonal pace, in months. */
const TRAILING_MONTHS = 12

// ---------------------------------------------------------------------------------------------------
// Settings as lookups

/** `match` is a case-insensitive exact match on the raw value (PRODUCT.md, "Settings"). */
export const fold = (value: string): string => value.trim().toLowerCase()

export interface Mapping {
  stage(raw: string | null): StageRule | undefined
  source(raw: string | null): SourcedBy | undefined
}

export function mappingOf(settings: Settings): Mapping {
  const stages = new Map(settings.stages.map((s) => [fold(s.match), s]))
  const sources = new Map(settings.sources.map((s) => [fold(s.match), s.sourcedBy]))
  return {
    stage: memo((raw) => (raw === null ? undefined : stages.get(fold(raw)))),
    source: memo((raw) => (raw === null ? undefined : sources.get(fold(raw)))),
  }
}

/** Converts minor units of a currency to home minor units; null when the currency has no rate. */
export type Converter = (currency: string | null, minor: number) => number | null

export function converterOf(settings: Settings): { convert: Converter; homeDigits: number } {
  const homeDigits = minorDigits(settings.currency) ?? 2
  const convert: Converter = (currency, minor) => {
    // An amount without a currency was imported in the home currency (see the import's row mapper).
    if (currency === null || currency === settings.currency) return minor
    const rate = settings.fxRates[currency]
    const digits = minorDigits(currency)
    if (rate === undefined || digits === null) return null
    return minor * rate * 10 ** (homeDigits - digits)
  }
  return { convert, homeDigits }
}

/** The currencies met so far, by small integers (a ledger's rows). */
class Currencies {
  private readonly index = new Map<string | null, number>()
  readonly names: (string | null)[] = []
  of(currency: string | null): number {
    let i = this.index.get(currency)
    if (i === undefined) {
      i = this.names.length
      this.names.push(currency)
      this.index.set(currency, i)
    }
    return i
  }
}

/**
 * Sums of money in numbered slots (a total, a day of the period, a month and bucket, …), kept by currency,
 * exact (integer minor units, except the probability-weighted sums) until `home` converts each currency's
 * sum of a slot once. Slots and currencies are small integers, so a row of the report costs a few array
 * additions rather than string keys and map look-ups (the fiscal year's report adds up ~60,000 rows).
 */
class Ledger {
  private readonly byCurrency: Float64Array[] = []
  constructor(
    private readonly currencies: Currencies,
    private readonly slots: number,
  ) {}

  add(currency: number, slot: number, minor: number): void {
    let sums = this.byCurrency[currency]
    if (!sums) {
      sums = new Float64Array(this.slots)
      this.byCurrency[currency] = sums
    }
    sums[slot] = sums[slot]! + minor
  }

  /** Home minor units of a slot (an integer); currencies without a rate are left out. */
  home(slot: number, convert: Converter): number {
    let total = 0
    this.byCurrency.forEach((sums, currency) => {
      const minor = sums[slot]!
      if (minor === 0) return
      const converted = convert(this.currencies.names[currency]!, minor)
      if (converted !== null) total += Math.round(converted)
    })
    return total
  }
}

/** Memoizes a function of a raw value (the few distinct stages and sources of thousands of rows). */
export function memo<T>(f: (raw: string | null) => T): (raw: string | null) => T {
  const cache = new Map<string | null, T>()
  return (raw) => {
    if (cache.has(raw)) return cache.get(raw)!
    const value = f(raw)
    cache.set(raw, value)
    return value
  }
}

const emptyBuckets = (): Record<SourceBucket, number> => ({ marketing: 0, sales: 0, partner: 0, unknown: 0 })

// ---------------------------------------------------------------------------------------------------
// Targets

type TargetKind = 'revenue' | 'bookings' | 'pipeline' | 'mqls'

function kindOf(row: { team: string | null; segment: string | null }): TargetKind | null {
  const team = row.team ?? ''
  if (team === '') return 'revenue'
  if (team === 'sales') return 'bookings'
  if (team === 'marketing') return fold(row.segment ?? '') === MQL_SEGMENT ? 'mqls' : 'pipeline'
  return null
}

/**
 * The target rows in effect: of the rows sharing a period, team and segment (one per source system: an
 * import and the editor), the one written last. A row whose amount was removed in the editor (null)
 * means "no target" for its key.
 */
export function effectiveTargets(rows: readonly StoredTarget[]): StoredTarget[] {
  const byKey = new Map<string, StoredTarget>()
  // Rows arrive oldest batch first, so a later batch's row replaces an earlier one.
  for (const r of rows) byKey.set(`${r.period}\u0000${r.team ?? ''}\u0000${r.segment ?? ''}`, r)
  return [...byKey.values()].filter((r) => r.amountMinor !== null)
}

interface ResolvedTarget {
  /** Home minor units (for MQLs, the count). */
  value: number
  defined: boolean
  /** The months (YYYY-MM) of the period that the target covers: those of the periods whose rows it sums. */
  months: string[]
}

/**
 * A period's target of a kind: the sum of its own rows (all segments); without any, the sum of its parts
 * (a fiscal year's quarters, a quarter's months), recursively.
 */
function resolveTarget(
  period: string,
  kind: TargetKind,
  rows: readonly StoredTarget[],
  fiscalYearStartMonth: number,
  convert: Converter,
  skipped: Set<string>,
): ResolvedTarget {
  const own = rows.filter((r) => r.period === period && kindOf(r) === kind)
  if (own.length > 0) {
    let value = 0
    for (const r of own) {
      const minor = r.amountMinor ?? 0
      if (kind === 'mqls') {
        // An MQL target's "amount" is the count, whatever currency the sheet gave it.
        value += minor / 10 ** (minorDigits(r.currency ?? '') ?? 2)
        continue
      }
      const converted = convert(r.currency, minor)
      if (converted === null) skipped.add(r.currency ?? '')
      else value += Math.round(converted)
    }
    const span = periodRange(period, fiscalYearStartMonth)
    return { value, defined: true, months: monthsBetween(span.start, span.end) }
  }
  let value = 0
  let defined = false
  const months: string[] = []
  for (const child of childPeriods(period, fiscalYearStartMonth)) {
    const part = resolveTarget(child, kind, rows, fiscalYearStartMonth, convert, skipped)
    value += part.value
    defined ||= part.defined
    months.push(...part.months)
  }
  return { value, defined, months }
}

/** The period and every period inside it (a fiscal year's quarters and months; a quarter's months). */
export function periodTree(period: string, fiscalYearStartMonth: number): string[] {
  return [period, ...childPeriods(period, fiscalYearStartMonth).flatMap((c) => periodTree(c, fiscalYearStartMonth))]
}

// ---------------------------------------------------------------------------------------------------
// Ranges

/** Inclusive date ranges that cover `ranges` without overlap, minus `exclude`. */
function coverMinus(ranges: readonly DateRange[], exclude: DateRange): DateRange[] {
  const sorted = ranges.filter((r) => r.start <= r.end).sort((a, b) => (a.start < b.start ? -1 : 1))
  const merged: DateRange[] = []
  for (const r of sorted) {
    const last = merged[merged.length - 1]
    if (last && r.start <= addDays(last.end, 1)) {
      if (r.end > last.end) last.end = r.end
    } else merged.push({ ...r })
  }
  const out: DateRange[] = []
  for (const r of merged) {
    if (r.end < exclude.start || r.start > exclude.end) {
      out.push(r)
      continue
    }
    if (r.start < exclude.start) out.push({ start: r.start, end: addDays(exclude.start, -1) })
    if (r.end > exclude.end) out.push({ start: addDays(exclude.end, 1), end: r.end })
  }
  return out
}

const within = (day: string, range: DateRange): boolean => day >= range.start && day <= range.end

const daysInMonthOf = (date: string): number => daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)))

// ---------------------------------------------------------------------------------------------------
// The report

export function checkQuery(query: TargetsQuery): void {
  if (!isPeriod(query.period)) throw new AppError('BAD_ARGS', `"${query.period}" is not a period: write 2025-08, 2025-Q3 or FY2025.`)
  if (!isIsoDate(query.asOf)) throw new AppError('BAD_ARGS', `"${query.asOf}" is not a date: write it as YYYY-MM-DD.`)
}

export function targetsReport(db: Database, settings: Settings, query: TargetsQuery): TargetsReport {
  checkQuery(query)
  const fy = settings.fiscalYearStartMonth
  const asOf = query.asOf
  const range = periodRange(query.period, fy)
  const days = daysIn(range)
  const map = mappingOf(settings)
  const { convert, homeDigits } = converterOf(settings)
  const major = (minor: number): number => minor / 10 ** homeDigits
  const category = (stage: string | null): StageCategory | undefined => map.stage(stage)?.category

  // Where the conversion rates and the seasonal shares come from.
  const gapWindow: DateRange = { start: addDays(addMonths(asOf, -TRAILING_MONTHS), 1), end: asOf }
  const history: DateRange = { start: addMonths(range.start, -TRAILING_MONTHS), end: addDays(range.start, -1) }

  // ---- targets, and the part of the period they cover: where only some months of P have a target, the
  // target metrics run over those months (like with like) and the report names the others.
  const stored = effectiveTargets(storedTargets(db, periodTree(query.period, fy)))
  const skippedTargetCurrencies = new Set<string>()
  const resolve = (kind: TargetKind): ResolvedTarget => resolveTarget(query.period, kind, stored, fy, convert, skippedTargetCurrencies)
  const revenue = resolve('revenue')
  const target = revenue.defined ? revenue.value : 0
  const allMonths = monthsBetween(range.start, range.end)
  const missingMonths = (t: ResolvedTarget): string[] => (t.defined ? allMonths.filter((m) => !t.months.includes(m)) : [])
  const revenueMissing = missingMonths(revenue)
  /** Whether a month of the period counts in the target metrics (all of them without a target or with a full one). */
  const inScope = allMonths.map((m) => !revenueMissing.includes(m))

  // Raw lead sources that no source rule maps, with how many of the period's deals carry each.
  const unmappedSources = new Map<string, number>()

  // Money by slot (see Ledger): totals, the source split, the months' split, the period's days and the
  // months of the seasonal history.
  const currencies = new Currencies()
  const WON = 0
  const OPEN = 1
  const WEIGHTED = 2
  const WINDOW_WON = 3
  /** Closed-won and open pipeline of the whole period, also of its months without a target. */
  const WON_ALL = 4
  const OPEN_ALL = 5
  const totals = new Ledger(currencies, 6)
  const periodMonths = monthsBetween(range.start, range.end)
  const historyMonths = monthsBetween(history.start, history.end)
  const bucketCount = SOURCE_BUCKETS.length
  const UNKNOWN = SOURCE_BUCKETS.indexOf('unknown')
  /** Closed-won (side 0) and open pipeline (side 1) by bucket, over the period and by its months. */
  const bySource = new Ledger(currencies, 2 * bucketCount)
  const monthly = new Ledger(currencies, 2 * periodMonths.length * bucketCount)
  const monthSlot = (side: number, month: number, bucket: number): number => (side * periodMonths.length + month) * bucketCount + bucket
  const wonByDay = new Ledger(currencies, days)
  const wonByMonthBefore = new Ledger(currencies, historyMonths.length)
  let windowWonWithAmount = 0
  let windowWonCount = 0
  let windowLostCount = 0
  let opportunitiesInPeriod = 0
  const unconvertible = new Map<string, number>()
  const unmappedStages = new Map<string, number>()
  const hasRate = memo((currency) => currency === null || convert(currency, 1) !== null)
  /** The bucket (index in SOURCE_BUCKETS) of a raw source; none (no source, or an unmapped one) is "unknown". */
  const bucketOf = memo((source) => SOURCE_BUCKETS.indexOf(map.source(source) ?? 'unknown'))

  // Rows arrive by day; a day's place in the period (its day and month) is worked out once.
  let lastDay = ''
  let dayIndex = 0
  let monthIndex = 0
  const locate = (day: string): void => {
    if (day === lastDay) return
    lastDay = day
    dayIndex = daysBetween(range.start, day)
    monthIndex = periodMonths.indexOf(day.slice(0, 7))
  }

  /** `n` opportunities priced in `currency` (a group with a currency has an amount on every row). */
  const noteUnconvertible = (currency: string | null, n: number): void => {
    if (n > 0 && currency !== null && !hasRate(currency)) unconvertible.set(currency, (unconvertible.get(currency) ?? 0) + n)
  }
  const noteUnmappedStage = (stage: string | null, n: number): void => {
    if (stage !== null) unmappedStages.set(stage, (unmappedStages.get(stage) ?? 0) + n)
  }
  /** Won and lost deals of the gap plan's window (the period's rows and the history's rows alike). */
  const countWindow = (
    row: { day: string; currency: string | null; n: number; amount: number },
    currency: number,
    cat: StageCategory,
  ): void => {
    if (!within(row.day, gapWindow)) return
    if (cat === 'lost') windowLostCount += row.n
    if (cat !== 'won') return
    windowWonCount += row.n
    totals.add(currency, WINDOW_WON, row.amount)
    if (row.currency !== null && hasRate(row.currency)) windowWonWithAmount += row.n
  }

  /** Raw stages of the period that count (won or open): only their source-less deals need a linked lead. */
  const countedStages = new Set<string>()
  const exportedProbability = settings.stages.some((s) => s.category === 'open' && s.probability === undefined)
  for (const row of periodDays(db, range, exportedProbability)) {
    opportunitiesInPeriod += row.n
    if (row.source !== null && !map.source(row.source)) unmappedSources.set(row.source, (unmappedSources.get(row.source) ?? 0) + row.n)
    const rule = map.stage(row.stage)
    if (!rule) {
      noteUnmappedStage(row.stage, row.n)
      continue
    }
    if (row.stage !== null && (rule.category === 'won' || rule.category === 'open')) countedStages.add(row.stage)
    const currency = currencies.of(row.currency)
    countWindow(row, currency, rule.category)
    const bucket = bucketOf(row.source)
    if (rule.category === 'won' && row.day <= asOf) {
      locate(row.day)
      totals.add(currency, WON_ALL, row.amount)
      monthly.add(currency, monthSlot(0, monthIndex, bucket), row.amount)
      if (!inScope[monthIndex]) continue
      totals.add(currency, WON, row.amount)
      wonByDay.add(currency, dayIndex, row.amount)
      bySource.add(currency, bucket, row.amount)
      noteUnconvertible(row.currency, row.n)
    } else if (rule.category === 'open') {
      locate(row.day)
      totals.add(currency, OPEN_ALL, row.amount)
      monthly.add(currency, monthSlot(1, monthIndex, bucket), row.amount)
      if (!inScope[monthIndex]) continue
      totals.add(currency, OPEN, row.amount)
      // The stage's probability when the mapping gives one, else the exported column's (summed in SQL).
      totals.add(currency, WEIGHTED, rule.probability !== undefined ? row.amount * rule.probability : row.weighted)
      bySource.add(currency, bucketCount + bucket, row.amount)
      noteUnconvertible(row.currency, row.n)
    }
  }

  // Opportunities without a lead source take their linked lead's: move them out of "unknown".
  const leadsPresent = hasLeads(db)
  if (leadsPresent) {
    for (const row of linkedLeadSources(db, range, [...countedStages])) {
      const cat = category(row.stage)
      if (!map.source(row.source)) {
        unmappedSources.set(row.source, (unmappedSources.get(row.source) ?? 0) + row.n)
        continue
      }
      const side = cat === 'won' && row.day <= asOf ? 0 : cat === 'open' ? 1 : null
      if (side === null) continue
      locate(row.day)
      const currency = currencies.of(row.currency)
      const bucket = bucketOf(row.source)
      if (inScope[monthIndex]) {
        bySource.add(currency, side * bucketCount + UNKNOWN, -row.amount)
        bySource.add(currency, side * bucketCount + bucket, row.amount)
      }
      monthly.add(currency, monthSlot(side, monthIndex, UNKNOWN), -row.amount)
      monthly.add(currency, monthSlot(side, monthIndex, bucket), row.amount)
    }
  }

  // History outside the period: the seasonal year before it and the rest of the gap plan's window.
  let lastHistoryDay = ''
  let historyMonth = -1
  for (const part of coverMinus([history, gapWindow], range)) {
    for (const row of closedDays(db, part)) {
      const cat = category(row.stage)
      if (cat === undefined) {
        noteUnmappedStage(row.stage, row.n)
        continue
      }
      const currency = currencies.of(row.currency)
      countWindow(row, currency, cat)
      if (cat !== 'won') continue
      if (row.day !== lastHistoryDay) {
        lastHistoryDay = row.day
        historyMonth = within(row.day, history) ? historyMonths.indexOf(row.day.slice(0, 7)) : -1
      }
      if (historyMonth >= 0) wonByMonthBefore.add(currency, historyMonth, row.amount)
    }
  }

  // ---- the metrics, in home minor units until `major`
  const won = totals.home(WON, convert)
  const open = totals.home(OPEN, convert)
  const weightedMinor = totals.home(WEIGHTED, convert)
  // Days of the period in the target's part, in all and up to and including D (all days without a gap).
  const scopeDayUpTo: number[] = []
  let scopeDays = 0
  for (let i = 0; i < days; i++) {
    if (inScope[allMonths.indexOf(addDays(range.start, i).slice(0, 7))]) scopeDays++
    scopeDayUpTo.push(scopeDays)
  }
  const elapsedDays = Math.min(Math.max(daysBetween(range.start, asOf) + 1, 0), days)
  const elapsed = elapsedDays === 0 ? 0 : scopeDayUpTo[elapsedDays - 1]!
  const expected = scopeDays === 0 ? 0 : (target * elapsed) / scopeDays
  const gap = Math.max(target - won, 0)
  const split = Object.fromEntries(
    SOURCE_BUCKETS.map((b, i) => [
      b,
      { closedWon: major(bySource.home(i, convert)), openPipeline: major(bySource.home(bucketCount + i, convert)) },
    ]),
  ) as TargetsMetrics['bySource']
  const metrics: TargetsMetrics = {
    target: major(target),
    closedWon: major(won),
    attainment: target > 0 ? won / target : null,
    expectedToDate: major(Math.round(expected)),
    // Exactly closedWon / expectedToDate, without the rounding of expectedToDate to a minor unit.
    pace: target > 0 && elapsed > 0 ? (won * scopeDays) / (target * elapsed) : null,
    gap: major(gap),
    openPipeline: major(open),
    weightedPipeline: major(weightedMinor),
    forecast: major(won + weightedMinor),
    coverage: gap > 0 ? open / gap : null,
    unconvertible: [...unconvertible.values()].reduce((a, b) => a + b, 0),
    bySource: split,
  }

  // ---- the cumulative chart: closed-won against the linear and (with a year of history) seasonal pace
  const historyWon = periodMonths.map((m) => {
    const before = historyMonths.indexOf(addMonths(`${m}-01`, -TRAILING_MONTHS).slice(0, 7))
    return before < 0 ? 0 : wonByMonthBefore.home(before, convert)
  })
  // Seasonal shares over the target's months only: the target is spread over them.
  historyWon.forEach((_, m) => {
    if (!inScope[m]) historyWon[m] = 0
  })
  const historyTotal = historyWon.reduce((a, b) => a + b, 0)
  const extent = closeDateExtent(db)
  // A year of history: the workspace's data begins in (or before) the first of the 12 months before the period.
  const seasonal = periodMonths.length > 1 && historyTotal > 0 && extent !== null && extent.start.slice(0, 7) <= history.start.slice(0, 7)
  const shares = historyWon.map((h) => (seasonal ? h / historyTotal : 0))
  const pace: PacePoint[] = []
  let cumulative = 0
  let shareBefore = 0
  for (let i = 0; i < days; i++) {
    const date = addDays(range.start, i)
    cumulative += wonByDay.home(i, convert)
    const monthOfDate = periodMonths.indexOf(date.slice(0, 7))
    const dayOfMonth = Number(date.slice(8))
    const monthDays = daysInMonthOf(date)
    if (dayOfMonth === 1 && monthOfDate > 0) shareBefore += shares[monthOfDate - 1] ?? 0
    const seasonalShare = shareBefore + (shares[monthOfDate] ?? 0) * (dayOfMonth / monthDays)
    pace.push({
      date,
      closedWon: date <= asOf ? major(cumulative) : null,
      linear: major(scopeDays === 0 ? 0 : Math.round((target * scopeDayUpTo[i]!) / scopeDays)),
      seasonal: seasonal ? major(Math.round(target * seasonalShare)) : null,
    })
  }

  const months: MonthSplit[] = periodMonths.map((month, m) => {
    const split: MonthSplit = { month, closedWon: emptyBuckets(), openPipeline: emptyBuckets() }
    SOURCE_BUCKETS.forEach((b, i) => {
      split.closedWon[b] = major(monthly.home(monthSlot(0, m, i), convert))
      split.openPipeline[b] = major(monthly.home(monthSlot(1, m, i), convert))
    })
    return split
  })

  // ---- the gap plan
  const dayStart = (date: string): string => toTimestamp({ date, time: null, offsetMinutes: null }, settings.timezone)
  const cohort = leadsPresent
    ? leadCohort(db, dayStart(gapWindow.start), dayStart(addDays(asOf, 1)))
    : { handedOff: 0, qualified: 0, converted: 0 }
  const gapPlan = planGap(major(gap), {
    window: gapWindow,
    ...cohort,
    won: windowWonCount,
    lost: windowLostCount,
    averageWonDeal: windowWonWithAmount > 0 ? major(Math.round(totals.home(WINDOW_WON, convert) / windowWonWithAmount)) : null,
  })

  // ---- the teams' own targets
  // Each team's actual runs over the months its own target covers (all of them without a target).
  const monthSum = (months: readonly string[], side: number, buckets: readonly number[]): number => {
    let total = 0
    for (const m of months) {
      const mi = periodMonths.indexOf(m)
      for (const b of buckets) total += monthly.home(monthSlot(side, mi, b), convert)
    }
    return total
  }
  const allBuckets = SOURCE_BUCKETS.map((_, i) => i)
  const MARKETING = SOURCE_BUCKETS.indexOf('marketing')
  const team = (kind: TargetKind, actual: (months: readonly string[]) => number): TeamTarget => {
    const t = resolve(kind)
    const missing = missingMonths(t)
    const months = allMonths.filter((m) => !missing.includes(m))
    return { target: t.defined ? (kind === 'mqls' ? t.value : major(t.value)) : null, actual: actual(months), missingMonths: missing }
  }
  const mqlsIn = (months: readonly string[]): number => {
    if (!leadsPresent) return 0
    let n = 0
    for (const m of months) {
      const start = `${m}-01`
      if (start > asOf) continue
      const last = addDays(addMonths(start, 1), -1)
      n += handedOffCount(db, dayStart(start), dayStart(addDays(last < asOf ? last : asOf, 1)))
    }
    return n
  }

  return {
    period: query.period,
    range,
    asOf,
    currency: settings.currency,
    metrics,
    gapPlan,
    teams: {
      salesBookings: team('bookings', (months) => major(monthSum(months, 0, allBuckets))),
      marketingPipeline: team('pipeline', (months) => major(monthSum(months, 0, [MARKETING]) + monthSum(months, 1, [MARKETING]))),
      mqls: team('mqls', mqlsIn),
    },
    targetMissingMonths: revenueMissing,
    wholePeriod: { closedWon: major(totals.home(WON_ALL, convert)), openPipeline: major(totals.home(OPEN_ALL, convert)) },
    undated: undatedOf(db, map.stage, convert, major),
    hasTarget: revenue.defined,
    seasonal,
    pace,
    months,
    marketingShare: won > 0 ? bySource.home(SOURCE_BUCKETS.indexOf('marketing'), convert) / won : null,
    unconvertibleCurrencies: [...unconvertible].map(([currency, count]) => ({ currency, count })).sort((a, b) => b.count - a.count),
    unconvertibleTargetCurrencies: [...skippedTargetCurrencies].sort(),
    unmappedStages: byCount(unmappedStages),
    unmappedSources: byCount(unmappedSources),
    opportunitiesInPeriod,
    dataRange: extent,
  }
}

/** Open, won and lost deals without a close date (in no period), amounts in home major units. */
function undatedOf(
  db: Database,
  stage: (raw: string | null) => StageRule | undefined,
  convert: Converter,
  major: (minor: number) => number,
): UndatedDeals {
  const out: UndatedDeals = { open: { count: 0, amount: 0 }, won: { count: 0, amount: 0 }, lost: { count: 0, amount: 0 }, unmappedStage: 0 }
  const minor = { open: 0, won: 0, lost: 0 }
  for (const row of undatedOpportunities(db)) {
    const cat = stage(row.stage)?.category
    if (cat === undefined) {
      out.unmappedStage += row.n
      continue
    }
    out[cat].count += row.n
    const converted = convert(row.currency, row.amount)
    if (converted !== null) minor[cat] += Math.round(converted)
  }
  for (const cat of STAGE_CATEGORIES) out[cat].amount = major(minor[cat])
  return out
}

/** How many deals without a close date the Targets view lists at most (the largest first). */
export const UNDATED_LIST_LIMIT = 500

/** The deals of a stage category without a close date, largest amount first, amounts in their own currency. */
export function undatedDealList(db: Database, settings: Settings, category: StageCategory): UndatedDeal[] {
  const map = mappingOf(settings)
  const stages = [...new Set(undatedOpportunities(db).map((r) => r.stage))].filter(
    (stage): stage is string => stage !== null && map.stage(stage)?.category === category,
  )
  return undatedDeals(db, stages, UNDATED_LIST_LIMIT).map(({ amountMinor, ...deal }) => ({
    ...deal,
    amount: amountMinor === null ? null : amountMinor / 10 ** (minorDigits(deal.currency ?? settings.currency) ?? 2),
  }))
}

/** One deal with its linked leads; a deal no longer in the workspace (its import undone) is NOT_FOUND. */
export function dealDetail(db: Database, settings: Settings, id: number): DealDetail {
  const row = dealById(db, id)
  if (!row) throw new AppError('NOT_FOUND', 'This opportunity is no longer in the workspace (was its import undone?).')
  const { amountMinor, leadId, ...deal } = row
  const currency = deal.currency ?? settings.currency
  const { rows, total } = leadsOfDeal(db, deal.externalId, leadId, DEAL_LEADS_LIMIT)
  return {
    ...deal,
    category: mappingOf(settings).stage(deal.stage)?.category ?? null,
    amount: amountMinor === null ? null : amountMinor / 10 ** (minorDigits(currency) ?? 2),
    currency,
    currencyAssumed: deal.currency === null,
    leads: rows.map(({ handedOffAt, ...lead }) => ({
      ...lead,
      handedOffOn: handedOffAt === null ? null : localDateOf(Date.parse(handedOffAt), settings.timezone),
    })),
    leadsTotal: total,
  }
}

function byCount(values: Map<string, number>): UnmappedValue[] {
  return [...values].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
}

/** The counts of the trailing window a gap plan is made from (the plan adds its rates and needs). */
export type GapPlanInputs = Pick<GapPlan, 'window' | 'handedOff' | 'qualified' | 'converted' | 'won' | 'lost' | 'averageWonDeal'>

/**
 * How many more opportunities, SQLs and MQLs close a gap (home major units): opportunities =
 * ⌈gap / (average won deal × win rate)⌉, SQLs = ⌈opportunities / SQL→opportunity⌉, MQLs = ⌈SQLs /
 * MQL→SQL⌉. A rate of 0 or unknown leaves that number (and those after it) null: not enough history.
 * A gap of 0 needs nothing more.
 */
export function planGap(gap: number, inputs: GapPlanInputs): GapPlan {
  const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null)
  const mqlToSql = ratio(inputs.qualified, inputs.handedOff)
  const sqlToOpportunity = ratio(inputs.converted, inputs.qualified)
  const winRate = ratio(inputs.won, inputs.won + inputs.lost)
  const positive = (x: number | null): x is number => x !== null && x > 0
  // The tolerance keeps a ratio that is whole in decimal (8.000000000001 in binary) from rounding up.
  const ceil = (x: number): number => Math.ceil(x - 1e-9)
  let opportunities: number | null = null
  let sqls: number | null = null
  let mqls: number | null = null
  if (gap <= 0) {
    opportunities = 0
    sqls = 0
    mqls = 0
  } else {
    if (positive(inputs.averageWonDeal) && positive(winRate)) opportunities = ceil(gap / (inputs.averageWonDeal * winRate))
    if (opportunities !== null && positive(sqlToOpportunity)) sqls = ceil(opportunities / sqlToOpportunity)
    if (sqls !== null && positive(mqlToSql)) mqls = ceil(sqls / mqlToSql)
  }
  return {
    window: inputs.window,
    handedOff: inputs.handedOff,
    qualified: inputs.qualified,
    converted: inputs.converted,
    won: inputs.won,
    lost: inputs.lost,
    mqlToSql,
    sqlToOpportunity,
    winRate,
    averageWonDeal: inputs.averageWonDeal,
    opportunities,
    sqls,
    mqls,
  }
}
