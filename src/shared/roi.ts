import type { DateRange } from './time/calendar'
import type { SourcedBy } from './settings'

/**
 * What the Marketing ROI report computes (PRODUCT.md, "Metric definitions: Marketing ROI"): the types
 * shared by the metric code, the IPC contract, the CLI and the view. Amounts are in home-currency MAJOR
 * units; the metric code keeps integer minor units per currency until this last step.
 */

/** The figures of one campaign or channel, by the names `report campaigns --json` prints. */
export interface RoiFigures {
  /** Spend in the period; null when no spend is imported for it (named "no spend imported", never 0). */
  spend: number | null
  mqls: number
  sqls: number
  opportunities: number
  pipeline: number
  sourcedWon: number
  influencedWon: number
  overlapWon: number
  /** Won deals counted in sourcedWon (those with an amount in a currency with a rate). */
  wonDeals: number
  costPerMql: number | null
  costPerSql: number | null
  costPerWon: number | null
  /** (sourcedWon − spend) / spend; null when there is no spend to divide by. */
  roi: number | null
}

export interface CampaignRoi extends RoiFigures {
  /** The campaign's name (as its spend or, without one, its leads and deals spell it). */
  campaign: string
  /** The CRM ids it is known by (from a campaign export), which deals may name instead of its name. */
  ids: string[]
}

export interface ChannelRoi extends RoiFigures {
  /** The lead source, spelled as the sources settings spell it when a rule matches. */
  channel: string
  /** What the sources settings map it to; null when no rule matches. */
  sourcedBy: SourcedBy | null
}

/** Spend for a campaign that no lead or deal of the workspace names (by name or by id). */
export interface UnmatchedSpend {
  campaign: string
  ids: string[]
  /** Spend in the period (home currency); null when its rows carry no amount. */
  spend: number | null
}

export const ROI_SORT_KEYS = [
  'name',
  'spend',
  'mqls',
  'sqls',
  'opportunities',
  'pipeline',
  'sourcedWon',
  'influencedWon',
  'overlapWon',
  'costPerMql',
  'costPerSql',
  'costPerWon',
  'roi',
] as const
export type RoiSortKey = (typeof ROI_SORT_KEYS)[number]

export interface RoiReport {
  period: string
  range: DateRange
  asOf: string
  currency: string
  campaigns: CampaignRoi[]
  channels: ChannelRoi[]
  unmatchedSpend: UnmatchedSpend[]
  /** Deals and spend rows left out of the sums because their currency has no rate. */
  unconvertible: number
  unconvertibleCurrencies: { currency: string; count: number }[]
  /** Whether the workspace holds any spend at all (the view says "no spend imported" once, up front). */
  hasSpend: boolean
}

/** What the view receives: the report plus what its period picker needs. */
export interface RoiViewData extends RoiReport {
  today: string
  fiscalYearStartMonth: number
  /** First and last close date of any deal (where the period picker offers periods); null without deals. */
  dataRange: DateRange | null
}
