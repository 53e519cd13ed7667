import type { Database, Statement } from 'better-sqlite3'
import { perConnection, queryPlans } from './statements'

/**
 * The SQL of the Marketing ROI report. Leads are counted by (campaign, lead source) over a range of
 * `leads_by_handoff` / `leads_roi_qualified`; deals created in the period are aggregated over a range of
 * `opportunities_by_created`, and the won deals of the period come one per row (each needs its links to
 * leads) over a range of `opportunities_roi_close`. Links to leads are probes of covering indexes
 * (`leads_source_by_key`, `leads_by_opportunity`). Raw campaign, source, stage and currency values come
 * back as they are: the caller maps them with the settings and the campaign records of the moment.
 *
 * A deal's *linked lead* (for the campaign and source a deal without its own takes) is the lead its
 * `lead_id` names, else, for a deal without a lead id, the first lead (by row) that names the deal as its
 * converted opportunity; both of the deal's source system, as in the Targets report.
 */
/** Leads of a range by raw campaign and lead source. */
export interface LeadCountRow {
  campaign: string | null
  source: string | null
  n: number
}

/** Deals created in the period by effective campaign, source, stage and currency (minor units). */
export interface CreatedRow {
  campaign: string | null
  source: string | null
  stage: string | null
  currency: string | null
  n: number
  amount: number
}

/** One won deal of the period: its own campaign and source, and those of the lead its lead id names. */
export interface WonDealRow {
  id: number
  currency: string | null
  amount: number | null
  campaign: string | null
  source: string | null
  leadCampaign: string | null
  leadSource: string | null
}

/** A lead that names a won deal of the period as its converted opportunity (`lead` orders them). */
export interface WonLinkRow {
  deal: number
  lead: number
  campaign: string | null
  source: string | null
}

/** A stored spend row (a sheet's campaign and period, or a campaign record with dates and an id). */
export interface SpendRow {
  campaign: string | null
  campaignId: string | null
  channel: string | null
  period: string | null
  startDate: string | null
  endDate: string | null
  amountMinor: number | null
  currency: string | null
}

class RoiQueries {
  readonly handedOff: Statement
  readonly qualified: Statement
  readonly created: Statement
  readonly won: Statement
  readonly wonLinks: Statement
  readonly spend: Statement
  readonly stages: Statement
  readonly named: Statement

  constructor(db: Database) {
    this.handedOff = db.prepare(
      `SELECT campaign, lead_source AS source, count(*) AS n FROM leads
        WHERE handed_off_at >= @start AND handed_off_at < @end GROUP BY campaign, lead_source`,
    )
    this.qualified = db.prepare(
      `SELECT campaign, lead_source AS source, count(*) AS n FROM leads
        WHERE qualified_at >= @start AND qualified_at < @end AND qualified_at IS NOT NULL GROUP BY campaign, lead_source`,
    )
    // Deals created in the window by the campaign and source they count for: their own, else their
    // linked lead's (a probe of a covering index; the reverse link only for the few deals without a
    // lead id that need it; SQLite would rather take the unique key, which is not covering). The CASEs keep SQLite from probing for deals that need no lead: a join's
    // key is computed before the rest of its ON clause is tested.
    this.created = db.prepare(
      `SELECT coalesce(o.campaign, l.campaign, m.campaign) AS campaign, coalesce(o.lead_source, l.lead_source, m.lead_source) AS source,
              o.stage, o.currency, count(*) AS n, coalesce(sum(o.amount_minor), 0) AS amount
         FROM opportunities o
         LEFT JOIN leads l INDEXED BY leads_source_by_key ON l.source_system = o.source_system
               AND l.external_id = CASE WHEN o.campaign IS NULL OR o.lead_source IS NULL THEN o.lead_id END
         LEFT JOIN leads m ON m.id = CASE WHEN (o.campaign IS NULL OR o.lead_source IS NULL) AND o.lead_id IS NULL
               THEN (SELECT min(x.id) FROM leads x WHERE x.opportunity_id = o.external_id AND x.source_system = o.source_system) END
        WHERE o.created_at BETWEEN @start AND @end
        GROUP BY 1, 2, o.stage, o.currency`,
    )
    const won = 'o.close_date BETWEEN @start AND @end AND o.stage IN (SELECT value FROM json_each(@stages))'
    this.won = db.prepare(
      `SELECT o.id, o.currency, o.amount_minor AS amount, o.campaign, o.lead_source AS source, l.campaign AS leadCampaign, l.lead_source AS leadSource
         FROM opportunities o
         LEFT JOIN leads l INDEXED BY leads_source_by_key ON l.source_system = o.source_system AND l.external_id = o.lead_id
        WHERE ${won}`,
    )
    this.wonLinks = db.prepare(
      `SELECT o.id AS deal, l.id AS lead, l.campaign, l.lead_source AS source
         FROM opportunities o
         JOIN leads l ON l.opportunity_id = o.external_id AND l.source_system = o.source_system
        WHERE ${won}`,
    )
    // A range of opportunities_by_close, distinct on its second column.
    this.stages = db
      .prepare('SELECT DISTINCT stage FROM opportunities WHERE close_date BETWEEN @start AND @end AND stage IS NOT NULL')
      .pluck()
    this.spend = db.prepare(
      `SELECT campaign, campaign_id AS campaignId, channel, period, start_date AS startDate, end_date AS endDate,
              amount_minor AS amountMinor, currency
         FROM campaign_spend ORDER BY id`,
    )
    // One probe of leads_by_campaign and opportunities_by_campaign (both case-insensitive).
    this.named = db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM leads WHERE campaign = @campaign COLLATE NOCASE)
           OR EXISTS (SELECT 1 FROM opportunities WHERE campaign = @campaign COLLATE NOCASE)`,
      )
      .pluck()
  }

  all(): Record<string, Statement> {
    const { handedOff, qualified, created, won, wonLinks, stages, spend, named } = this
    return { handedOff, qualified, created, won, wonLinks, stages, spend, named }
  }
}

const queries = perConnection((db) => new RoiQueries(db))

/** How SQLite runs each statement (EXPLAIN QUERY PLAN), by name: checked by the tests and the bench. */
export function roiQueryPlans(db: Database): Record<string, string> {
  return queryPlans(db, queries(db).all(), { start: '2025-01-01', end: '2025-12-31', stages: '[]', campaign: 'x' })
}

/** Leads handed off in [start, end) (UTC instants), by campaign and lead source. */
export function handedOffByCampaign(db: Database, start: string, end: string): LeadCountRow[] {
  return queries(db).handedOff.all({ start, end }) as LeadCountRow[]
}

/** Leads qualified (SQL) in [start, end) (UTC instants), by campaign and lead source. */
export function qualifiedByCampaign(db: Database, start: string, end: string): LeadCountRow[] {
  return queries(db).qualified.all({ start, end }) as LeadCountRow[]
}

/** Deals created on the dates start..end (inclusive), by effective campaign, source, stage and currency. */
export function createdByCampaign(db: Database, start: string, end: string): CreatedRow[] {
  return queries(db).created.all({ start, end }) as CreatedRow[]
}

/** Deals at one of `stages` (the won ones) closed on the dates start..end, one row each. */
export function wonDeals(db: Database, start: string, end: string, stages: readonly string[]): WonDealRow[] {
  return queries(db).won.all({ start, end, stages: JSON.stringify(stages) }) as WonDealRow[]
}

/** The leads that name those deals as their converted opportunity. */
export function wonDealLinks(db: Database, start: string, end: string, stages: readonly string[]): WonLinkRow[] {
  return queries(db).wonLinks.all({ start, end, stages: JSON.stringify(stages) }) as WonLinkRow[]
}

/** The raw stages of the deals closed on the dates start..end. */
export function stagesClosedIn(db: Database, start: string, end: string): string[] {
  return queries(db).stages.all({ start, end }) as string[]
}

export function spendRows(db: Database): SpendRow[] {
  return queries(db).spend.all() as SpendRow[]
}

/** Whether any lead or deal names this campaign (a name or an id, case-insensitively). */
export function campaignNamed(db: Database, campaign: string): boolean {
  return (queries(db).named.get({ campaign }) as number) === 1
}
