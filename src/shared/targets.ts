import { type DateRange } from './time/calendar'

/**
 * What the Targets report computes (PRODUCT.md, "Metric definitions: Targets"): the types shared by the
 * metric code, the IPC contract, the CLI and the Targets view. Amounts are in home-currency MAJOR units
 * (12500.5 is $12,500.50): the metric code keeps integer minor units until this last step.
 */

export const SOURCE_BUCKETS = ['marketing', 'sales', 'partner', 'unknown'] as const
export type SourceBucket = (typeof SOURCE_BUCKETS)[number]

export interface SourceSplit {
  closedWon: number
  openPipeline: number
}

/** The metrics by the names of PRODUCT.md; `report targets --json` prints exactly these. */
export interface TargetsMetrics {
  target: number
  closedWon: number
  /** closedWon / target; null when the target is 0. */
  attainment: number | null
  expectedToDate: number
  /** closedWon / expectedToDate; null when expectedToDate is 0 (no target, or the period has not started). */
  pace: number | null
  gap: number
  openPipeline: number
  weightedPipeline: number
  forecast: number
  /** openPipeline / gap; null when the gap is 0. */
  coverage: number | null
  /** Opportunities in the sums' scope left out because their currency has no rate. */
  unconvertible: number
  bySource: Record<SourceBucket, SourceSplit>
}

/** How many more MQLs, SQLs and opportunities close the gap, at the trailing conversion rates. */
export interface GapPlan {
  /** The trailing window the rates come from: the 12 months up to the as-of date, or less history. */
  window: DateRange
  /** Leads handed off (MQLs) in the window; of them, qualified (SQLs); of those, with an opportunity. */
  handedOff: number
  qualified: number
  converted: number
  /** Opportunities won and lost with a close date in the window. */
  won: number
  lost: number
  mqlToSql: number | null
  sqlToOpportunity: number | null
  winRate: number | null
  /** Average amount of the won opportunities of the window (home currency). */
  averageWonDeal: number | null
  /** More opportunities, SQLs and MQLs needed; null when a rate is 0 or unknown (not enough history). */
  opportunities: number | null
  sqls: number | null
  mqls: number | null
}

/** A team's own sub-target for the period, when one is set, and where the team stands against it. */
export interface TeamTarget {
  target: number | null
  /** Over the months the team's target covers (the whole period when it covers all, or there is none). */
  actual: number
  /** Months (YYYY-MM) of the period without this target, when it covers only part of the period. */
  missingMonths: string[]
}

/** Deals of one stage category without a close date: in no period. `amount` in home major units. */
export interface UndatedCount {
  count: number
  amount: number
}

export interface UndatedDeals {
  open: UndatedCount
  won: UndatedCount
  lost: UndatedCount
  /** Deals without a close date whose stage no setting maps (so neither open, won nor lost yet). */
  unmappedStage: number
}

/** A lead linked to a deal (it names the deal, or the deal names it). */
export interface DealLead {
  id: number
  externalId: string
  name: string | null
  company: string | null
  owner: string | null
  /** The local date (workspace zone) it was handed off to sales, null when never handed off. */
  handedOffOn: string | null
}

/** One deal, as a link to it (from the meeting board) opens it. */
export interface DealDetail {
  id: number
  sourceSystem: string
  externalId: string
  name: string | null
  account: string | null
  owner: string | null
  stage: string | null
  /** The stage's category under the settings in force; null when no setting maps the stage. */
  category: 'open' | 'won' | 'lost' | null
  /** Major units of `currency`; null when the deal has no amount. */
  amount: number | null
  /** The deal's currency, or the home currency when the export gave none (`currencyAssumed`). */
  currency: string
  currencyAssumed: boolean
  createdAt: string | null
  closeDate: string | null
  campaign: string | null
  leadSource: string | null
  /** The first linked leads (at most DEAL_LEADS_LIMIT), and how many there are in all. */
  leads: DealLead[]
  leadsTotal: number
}

export const DEAL_LEADS_LIMIT = 50

/** A deal without a close date, as the Targets view lists it. */
export interface UndatedDeal {
  externalId: string
  name: string | null
  account: string | null
  owner: string | null
  stage: string | null
  /** Major units of `currency` (null when the deal has no amount). */
  amount: number | null
  currency: string | null
  createdAt: string | null
}

export interface TeamTargets {
  /** Sales: bookings target against closed-won. */
  salesBookings: TeamTarget
  /** Marketing: sourced-pipeline target against marketing-sourced won + open amounts of the period. */
  marketingPipeline: TeamTarget
  /** Marketing: MQL-count target against leads handed off in the period up to the as-of date. */
  mqls: TeamTarget
}

/** One day of the cumulative chart. `closedWon` is null after the as-of date. */
export interface PacePoint {
  date: string
  closedWon: number | null
  linear: number
  seasonal: number | null
}

export interface MonthSplit {
  /** YYYY-MM */
  month: string
  closedWon: Record<SourceBucket, number>
  openPipeline: Record<SourceBucket, number>
}

export interface UnmappedValue {
  value: string
  count: number
}

export interface TargetsReport {
  period: string
  range: DateRange
  asOf: string
  currency: string
  metrics: TargetsMetrics
  gapPlan: GapPlan
  teams: TeamTargets
  /** Whether any joint revenue target is set for the period (its own rows or those of its parts). */
  hasTarget: boolean
  /** Whether the seasonal pace could be drawn (a year of closed-won history before the period). */
  seasonal: boolean
  pace: PacePoint[]
  months: MonthSplit[]
  /** Marketing-sourced closed-won / closed-won; null when nothing is closed-won yet. */
  marketingShare: number | null
  /** Currencies without an FX rate among the opportunities in scope, most frequent first. */
  unconvertibleCurrencies: { currency: string; count: number }[]
  /** Currencies of target rows left out for want of a rate. */
  unconvertibleTargetCurrencies: string[]
  /** Raw stage and lead-source values of the period (and of the history used) that no setting maps. */
  unmappedStages: UnmappedValue[]
  unmappedSources: UnmappedValue[]
  /** Opportunities (any stage) with a close date in the period. */
  opportunitiesInPeriod: number
  /** First and last close date in the workspace, or null when no opportunity has one. */
  dataRange: DateRange | null
  /**
   * Months (YYYY-MM) of the period without a joint target while some others have one: the metrics
   * (attainment, pace, gap, pipeline, coverage, forecast, the source split) then run over the months
   * with a target only. Empty when the target covers the whole period or there is none.
   */
  targetMissingMonths: string[]
  /** Closed-won and open pipeline of the whole period, the months without a target included. */
  wholePeriod: SourceSplit
  /** Deals without a close date, which fall in no period. */
  undated: UndatedDeals
}

/** Consecutive months as spans: ['2017-01','2017-02','2017-03','2017-06'] -> [[Jan, Mar], [Jun, Jun]]. */
export function monthSpans(months: readonly string[]): [string, string][] {
  const spans: [string, string][] = []
  const next = (m: string): string => {
    const y = Number(m.slice(0, 4))
    const mo = Number(m.slice(5, 7))
    return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`
  }
  for (const m of [...months].sort()) {
    const last = spans[spans.length - 1]
    if (last && next(last[1]) === m) last[1] = m
    else spans.push([m, m])
  }
  return spans
}

/** What the Targets view receives: the report, and what its period picker needs besides. */
export interface TargetsViewData extends TargetsReport {
  /** Today in the workspace's time zone. */
  today: string
  fiscalYearStartMonth: number
}

/** What a target row is for, as the editor names it; each maps to a team (and segment). */
export const TEAMS = ['', 'marketing', 'sales'] as const
export type Team = (typeof TEAMS)[number]
/** The segment of a marketing target row whose amount is an MQL count rather than money. */
export const MQL_SEGMENT = 'mql'

/** A target row as stored and in effect (the newest write of its period, team and segment). */
export interface TargetEntry {
  period: string
  team: Team
  segment: string
  /** Major units of `currency`; for an MQL target, the count. */
  amount: number
  currency: string
  /** Where it came from: the import's source system, or "tandem" when edited in the app. */
  sourceSystem: string
  batchId: number
}

/** One change made in the target editor: set an amount (decimal text in the home currency) or remove. */
export interface TargetEdit {
  period: string
  team: Team
  segment: string
  amount: string | null
}

export interface TargetSaveOutcome {
  /** The batch written, undoable from the import history; null when nothing changed. */
  batchId: number | null
  new: number
  changed: number
  unchanged: number
}
