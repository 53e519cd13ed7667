import type { Database } from 'better-sqlite3'
import { toTimestamp } from '@shared/import/values'
import { addDays, daysBetween, type DateRange } from '@shared/time/calendar'
import { periodRange } from '@shared/time/periods'
import type { CampaignRoi, ChannelRoi, RoiFigures, RoiReport, UnmatchedSpend } from '@shared/roi'
import type { Settings, SourcedBy } from '@shared/settings'
import {
  campaignNamed,
  createdByCampaign,
  handedOffByCampaign,
  qualifiedByCampaign,
  spendRows,
  stagesClosedIn,
  wonDeals,
  type CreatedRow,
  type LeadCountRow,
  type SpendRow,
  type WonDealRow,
} from '../db/repos/roi'
import { checkQuery, converterOf, fold, mappingOf, memo, type Converter, type TargetsQuery } from './targets'

/**
 * The Marketing ROI metrics of PRODUCT.md for a period P and an as-of date D, per campaign and per
 * channel (lead source). The app (IPC) and the CLI (`report campaigns`) both call `roiReport`.
 *
 * Everything counts what had happened by D: the report's window is P up to D (the whole of P once D is
 * past its end), for spend (spread evenly over the days of its period or date range), MQLs, SQLs,
 * deals created and closed-won alike.
 *
 * Campaigns are told apart by name, case-insensitively; a campaign record's CRM id is another name of
 * the same campaign (deals exported with `CampaignId` name it so). Two records with the same name are
 * one campaign. Channels are lead sources, spelled as the sources settings spell them when a rule
 * matches; spend counts for the channel its campaign's type names (a Salesforce campaign's `Type`, a
 * sheet's `channel` column).
 */

/** Sums of money by currency, in minor units (spread spend is fractional until converted). */
class Money {
  private readonly sums = new Map<string | null, number>()
  add(currency: string | null, minor: number): void {
    this.sums.set(currency, (this.sums.get(currency) ?? 0) + minor)
  }
  /** Home minor units (an integer); currencies without a rate are left out (and counted by the caller). */
  home(convert: Converter): number {
    let total = 0
    for (const [currency, minor] of this.sums) {
      const converted = convert(currency, minor)
      if (converted !== null) total += Math.round(converted)
    }
    return total
  }
}

interface Tally {
  /** The campaign's or channel's name as shown. */
  name: string
  ids: Set<string>
  /** A spend row names it (with or without an amount). */
  recorded: boolean
  /** A spend row that names it covers a day of the window. */
  spentInWindow: boolean
  /** null while no spend row with an amount names it: "no spend imported", never 0. */
  spend: Money | null
  mqls: number
  sqls: number
  opportunities: number
  pipeline: Money
  sourced: Money
  influenced: Money
  overlap: Money
  wonDeals: number
}

const newTally = (name: string): Tally => ({
  name,
  ids: new Set(),
  recorded: false,
  spentInWindow: false,
  spend: null,
  mqls: 0,
  sqls: 0,
  opportunities: 0,
  pipeline: new Money(),
  sourced: new Money(),
  influenced: new Money(),
  overlap: new Money(),
  wonDeals: 0,
})

/** Tallies by a folded key, made on first use with the display name they are first met by. */
class Tallies {
  readonly byKey = new Map<string, Tally>()
  get(key: string, name: string): Tally {
    let t = this.byKey.get(key)
    if (!t) {
      t = newTally(name)
      this.byKey.set(key, t)
    }
    return t
  }
}

/** The days of `range` inside `window`, both inclusive (0 when they do not meet). */
function overlapDays(range: DateRange, window: DateRange): number {
  const start = range.start > window.start ? range.start : window.start
  const end = range.end < window.end ? range.end : window.end
  return start > end ? 0 : daysBetween(start, end) + 1
}

/** The dates a spend row covers: its start and end dates, else its period. */
function spendRange(row: SpendRow, fiscalYearStartMonth: number): DateRange | null {
  if (row.startDate !== null) return { start: row.startDate, end: row.endDate ?? row.startDate }
  return row.period === null ? null : periodRange(row.period, fiscalYearStartMonth)
}

/** Where the report reads its leads and deals from (the repos; a test compares them with other ways). */
export interface RoiReads {
  handedOff(db: Database, start: string, end: string): LeadCountRow[]
  qualified(db: Database, start: string, end: string): LeadCountRow[]
  created(db: Database, start: string, end: string): CreatedRow[]
  won(db: Database, start: string, end: string, stages: readonly string[]): WonDealRow[]
}

const READS: RoiReads = { handedOff: handedOffByCampaign, qualified: qualifiedByCampaign, created: createdByCampaign, won: wonDeals }

export function roiReport(db: Database, settings: Settings, query: TargetsQuery, reads: RoiReads = READS): RoiReport {
  checkQuery(query)
  const fy = settings.fiscalYearStartMonth
  const range = periodRange(query.period, fy)
  const window: DateRange = { start: range.start, end: query.asOf < range.end ? query.asOf : range.end }
  const open = window.start <= window.end
  const map = mappingOf(settings)
  const { convert, homeDigits } = converterOf(settings)
  const major = (minor: number): number => minor / 10 ** homeDigits
  const hasRate = memo((currency) => currency === null || convert(currency, 1) !== null)
  const unconvertible = new Map<string, number>()
  const noteCurrency = (currency: string | null): void => {
    if (currency !== null && !hasRate(currency)) unconvertible.set(currency, (unconvertible.get(currency) ?? 0) + 1)
  }

  // ---- campaigns by name, their CRM ids as other names; channels by source rule or raw value
  const campaigns = new Tallies()
  const aliases = new Map<string, string>()
  const spend = spendRows(db)
  for (const row of spend) {
    if (row.campaign === null) continue
    const key = fold(row.campaign)
    const t = campaigns.get(key, row.campaign)
    if (row.campaignId !== null) {
      t.ids.add(row.campaignId)
      aliases.set(fold(row.campaignId), key)
    }
  }
  const campaignKey = memo((raw) => (raw === null || raw.trim() === '' ? null : (aliases.get(fold(raw)) ?? fold(raw))))
  const campaignOf = (raw: string | null): Tally | null => {
    const key = campaignKey(raw)
    return key === null ? null : campaigns.get(key, raw!.trim())
  }
  const rules = new Map(settings.sources.map((s) => [fold(s.match), s]))
  const channels = new Tallies()
  const channelOf = (raw: string | null): Tally | null => {
    if (raw === null || raw.trim() === '') return null
    const key = fold(raw)
    return channels.get(key, rules.get(key)?.match ?? raw.trim())
  }

  // ---- spend in the window, spread evenly over the days each row covers
  for (const row of spend) {
    const c = campaignOf(row.campaign)
    const ch = channelOf(row.channel)
    const covers = spendRange(row, fy)
    const days = covers === null || !open ? 0 : overlapDays(covers, window)
    for (const t of [c, ch]) {
      if (!t) continue
      t.recorded = true
      t.spentInWindow ||= days > 0
      if (row.amountMinor !== null) t.spend ??= new Money()
    }
    if (row.amountMinor === null || covers === null || days === 0) continue
    const share = (row.amountMinor * days) / (daysBetween(covers.start, covers.end) + 1)
    noteCurrency(row.currency)
    for (const t of [c, ch]) t?.spend?.add(row.currency, share)
  }

  if (open) {
    // ---- MQLs and SQLs: leads handed off / qualified in the window (instants of the workspace zone)
    const dayStart = (date: string): string => toTimestamp({ date, time: null, offsetMinutes: null }, settings.timezone)
    const from = dayStart(window.start)
    const until = dayStart(addDays(window.end, 1))
    for (const r of reads.handedOff(db, from, until)) {
      const c = campaignOf(r.campaign)
      if (c) c.mqls += r.n
      const ch = channelOf(r.source)
      if (ch) ch.mqls += r.n
    }
    for (const r of reads.qualified(db, from, until)) {
      const c = campaignOf(r.campaign)
      if (c) c.sqls += r.n
      const ch = channelOf(r.source)
      if (ch) ch.sqls += r.n
    }

    // ---- opportunities created in the window and the open amount among them
    for (const r of reads.created(db, window.start, window.end)) {
      const isOpen = map.stage(r.stage)?.category === 'open'
      if (isOpen && r.currency !== null && !hasRate(r.currency)) unconvertible.set(r.currency, (unconvertible.get(r.currency) ?? 0) + r.n)
      for (const t of [campaignOf(r.campaign), channelOf(r.source)]) {
        if (!t) continue
        t.opportunities += r.n
        if (isOpen) t.pipeline.add(r.currency, r.amount)
      }
    }

    // ---- closed-won in the window: sourced (the deal belongs to it), influenced (a linked lead is of it)
    const won = stagesClosedIn(db, window.start, window.end).filter((s) => map.stage(s)?.category === 'won')
    // Credits a won deal to the tally it belongs to, and as influenced to each of its influencers (once).
    const credit = (own: Tally | null, influencers: readonly (Tally | null)[], currency: string | null, amount: number): void => {
      if (own) {
        own.sourced.add(currency, amount)
        own.wonDeals++
      }
      influencers.forEach((t, i) => {
        if (t === null || influencers.indexOf(t) !== i) return
        t.influenced.add(currency, amount)
        if (t === own) t.overlap.add(currency, amount)
      })
    }
    if (won.length > 0) {
      for (const d of reads.won(db, window.start, window.end, won)) {
        const amount = d.amount
        if (amount === null) continue
        if (!hasRate(d.currency)) {
          noteCurrency(d.currency)
          continue
        }
        // Its linked lead (when that has a campaign or source), else the first lead that names it.
        let linkedCampaign = d.linkedCampaign
        let linkedSource = d.linkedSource
        if (linkedCampaign === null && linkedSource === null && d.namedBy !== null) {
          const first = d.namedBy.reduce((a, b) => (b.lead < a.lead ? b : a))
          linkedCampaign = first.campaign
          linkedSource = first.source
        }
        // Influenced by its linked lead's campaign and channel and those of every lead that names it.
        const campaigns = [campaignOf(d.linkedCampaign)]
        const channels = [channelOf(d.linkedSource)]
        for (const l of d.namedBy ?? []) {
          campaigns.push(campaignOf(l.campaign))
          channels.push(channelOf(l.source))
        }
        credit(campaignOf(d.campaign ?? linkedCampaign), campaigns, d.currency, amount)
        credit(channelOf(d.source ?? linkedSource), channels, d.currency, amount)
      }
    }
  }

  // ---- figures
  const figures = (t: Tally): RoiFigures => {
    const spendMinor = t.spend === null ? null : t.spend.home(convert)
    const sourcedWon = t.sourced.home(convert)
    const per = (n: number): number | null => (spendMinor === null || n === 0 ? null : major(spendMinor) / n)
    return {
      spend: spendMinor === null ? null : major(spendMinor),
      mqls: t.mqls,
      sqls: t.sqls,
      opportunities: t.opportunities,
      pipeline: major(t.pipeline.home(convert)),
      sourcedWon: major(sourcedWon),
      influencedWon: major(t.influenced.home(convert)),
      overlapWon: major(t.overlap.home(convert)),
      wonDeals: t.wonDeals,
      costPerMql: per(t.mqls),
      costPerSql: per(t.sqls),
      costPerWon: per(t.wonDeals),
      roi: spendMinor === null || spendMinor === 0 ? null : (sourcedWon - spendMinor) / spendMinor,
    }
  }
  const active = (f: RoiFigures): boolean =>
    (f.spend ?? 0) !== 0 || f.mqls + f.sqls + f.opportunities > 0 || f.sourcedWon !== 0 || f.influencedWon !== 0 || f.wonDeals > 0
  const byWon =
    <T extends RoiFigures>(name: (row: T) => string) =>
    (a: T, b: T): number =>
      b.sourcedWon - a.sourcedWon || (b.spend ?? 0) - (a.spend ?? 0) || name(a).localeCompare(name(b))

  const campaignRows: CampaignRoi[] = []
  const unmatchedSpend: UnmatchedSpend[] = []
  for (const t of campaigns.byKey.values()) {
    const f = figures(t)
    const ids = [...t.ids].sort()
    if (t.recorded && ![t.name, ...ids].some((name) => campaignNamed(db, name))) {
      if (t.spentInWindow) unmatchedSpend.push({ campaign: t.name, ids, spend: f.spend })
      continue
    }
    if (active(f)) campaignRows.push({ campaign: t.name, ids, ...f })
  }
  const channelRows: ChannelRoi[] = []
  for (const t of channels.byKey.values()) {
    const f = figures(t)
    const sourcedBy: SourcedBy | null = map.source(t.name) ?? null
    if (active(f)) channelRows.push({ channel: t.name, sourcedBy, ...f })
  }

  return {
    period: query.period,
    range,
    asOf: query.asOf,
    currency: settings.currency,
    campaigns: campaignRows.sort(byWon((r) => r.campaign)),
    channels: channelRows.sort(byWon((r) => r.channel)),
    unmatchedSpend: unmatchedSpend.sort((a, b) => (b.spend ?? 0) - (a.spend ?? 0) || a.campaign.localeCompare(b.campaign)),
    unconvertible: [...unconvertible.values()].reduce((a, b) => a + b, 0),
    unconvertibleCurrencies: [...unconvertible].map(([currency, count]) => ({ currency, count })).sort((a, b) => b.count - a.count),
    hasSpend: spend.length > 0,
  }
}
