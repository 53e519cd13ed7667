import type { Database, Statement } from 'better-sqlite3'
import { perConnection, queryPlans } from './statements'

/**
 * The SQL of the Marketing ROI report. Leads handed off and qualified are counted by (campaign, lead
 * source), deals created by (campaign, source, stage, currency): each a calendar year at a time over an
 * index in that order (`leads_roi_handoff`, `leads_roi_qualified`, `opportunities_roi_created`), so SQLite
 * adds up each group as it walks instead of sorting every row of the window; a short window sorts its
 * own rows, read from a range of `leads_by_handoff` or `opportunities_by_created`. The won deals of the period
 * come one per row (each needs its links to leads) over a range of `opportunities_roi_won`. Raw campaign, source, stage and currency values come
 * back as they are: the caller maps them with the settings and the campaign records of the moment.
 *
 * A deal's *linked lead* (for the campaign and source a deal without its own takes) is the lead its
 * `lead_id` names, else, for a deal without a lead id, the first lead (by row) that names the deal as its
 * converted opportunity; both of the deal's source system. Its campaign and source are stored on the
 * deal (`linked_campaign`, `linked_source`, with `named_by_lead`: repos/deal-links.ts), so both indexes
 * cover their queries; only the won deals that some lead names probe `leads_by_opportunity`.
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

/**
 * One won deal of the period: its own campaign and source, those of its linked lead (none: both null),
 * and the leads that name it as their converted opportunity (null: none). `roiReport` reads a deal
 * whose linked lead has neither campaign nor source as if it had no linked lead, and then takes the
 * first lead that names it, as the first version of the report did.
 */
export interface WonDealRow {
  id: number
  currency: string | null
  amount: number | null
  campaign: string | null
  source: string | null
  linkedCampaign: string | null
  linkedSource: string | null
  namedBy: NamingLead[] | null
}

/** A lead that names a won deal as its converted opportunity (`lead`, its row id, orders them). */
export interface NamingLead {
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
  readonly handedOffRange: Statement
  readonly qualified: Statement
  readonly created: Statement
  readonly createdRange: Statement
  readonly won: Statement
  readonly wonLinks: Statement
  readonly spend: Statement
  readonly stages: Statement
  readonly named: Statement

  constructor(db: Database) {
    // Leads by calendar year in the order of the groups (leads_roi_handoff, leads_roi_qualified): no sort.
    // A short window (a month, a quarter so far) rather sorts its own rows than walks its year.
    this.handedOffRange = db.prepare(
      `SELECT campaign, lead_source AS source, count(*) AS n FROM leads INDEXED BY leads_by_handoff
        WHERE handed_off_at >= @start AND handed_off_at < @end GROUP BY campaign, lead_source`,
    )
    this.handedOff = db.prepare(
      `SELECT campaign, lead_source AS source, count(*) AS n FROM leads
        WHERE substr(handed_off_at, 1, 4) = @year AND handed_off_at >= @start AND handed_off_at < @end
        GROUP BY campaign, lead_source`,
    )
    this.qualified = db.prepare(
      `SELECT campaign, lead_source AS source, count(*) AS n FROM leads
        WHERE substr(qualified_at, 1, 4) = @year AND qualified_at >= @start AND qualified_at < @end AND qualified_at IS NOT NULL
        GROUP BY campaign, lead_source`,
    )
    // Deals created in the window by the campaign and source they count for: their own, else their
    // linked lead's (stored on the deal: repos/deal-links.ts). One calendar year of
    // opportunities_roi_created at a time, read in the order of the groups: SQLite adds up each group as
    // it walks, instead of sorting every deal of the window into its group (a fiscal year's 177,000
    // deals in 17,000 groups took ~250 ms to sort; the walk of the year takes ~35 ms).
    this.created = db.prepare(
      `SELECT coalesce(campaign, linked_campaign) AS campaign, coalesce(lead_source, linked_source) AS source,
              stage, currency, count(*) AS n, coalesce(sum(amount_minor), 0) AS amount
         FROM opportunities o INDEXED BY opportunities_roi_created
        WHERE substr(created_at, 1, 4) = @year AND created_at BETWEEN @start AND @end
        GROUP BY 1, 2, stage, currency`,
    )
    this.createdRange = db.prepare(
      `SELECT coalesce(campaign, linked_campaign) AS campaign, coalesce(lead_source, linked_source) AS source,
              stage, currency, count(*) AS n, coalesce(sum(amount_minor), 0) AS amount
         FROM opportunities o INDEXED BY opportunities_by_created
        WHERE created_at BETWEEN @start AND @end
        GROUP BY 1, 2, stage, currency`,
    )
    // The won deals of the window from opportunities_roi_won alone, and the leads that name those that
    // some lead names (named_by_lead, in the index): only these probe the leads. The index leads with
    // the stage, so only the won deals of the window are read; `named_by_lead >= 0` (true of every deal)
    // is its condition.
    const won = 'o.named_by_lead >= 0 AND o.stage IN (SELECT value FROM json_each(@stages)) AND o.close_date BETWEEN @start AND @end'
    this.won = db.prepare(
      `SELECT o.id, o.currency, o.amount_minor AS amount, o.campaign, o.lead_source AS source,
              o.linked_campaign AS linkedCampaign, o.linked_source AS linkedSource, NULL AS namedBy
         FROM opportunities o INDEXED BY opportunities_roi_won
        WHERE ${won}`,
    )
    this.wonLinks = db.prepare(
      `SELECT o.id AS deal, l.id AS lead, l.campaign, l.lead_source AS source
         FROM opportunities o INDEXED BY opportunities_roi_won
         CROSS JOIN leads l ON l.opportunity_id = o.external_id AND l.source_system = o.source_system
        WHERE ${won} AND o.named_by_lead = 1`,
    )
    // The distinct stages of the deals closed in the window: each stage of opportunities_roi_won in
    // turn (one probe each, skipping over its deals), kept when one of its deals closed in the window.
    this.stages = db
      .prepare(
        `WITH RECURSIVE s(stage) AS (
           SELECT min(stage) FROM opportunities INDEXED BY opportunities_roi_won WHERE named_by_lead >= 0
           UNION ALL
           SELECT (SELECT min(stage) FROM opportunities INDEXED BY opportunities_roi_won WHERE named_by_lead >= 0 AND stage > s.stage)
             FROM s WHERE s.stage IS NOT NULL
         )
         SELECT stage FROM s WHERE stage IS NOT NULL AND EXISTS (
           SELECT 1 FROM opportunities INDEXED BY opportunities_roi_won
            WHERE named_by_lead >= 0 AND stage = s.stage AND close_date BETWEEN @start AND @end)`,
      )
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
    const { handedOff, handedOffRange, qualified, created, createdRange, won, wonLinks, stages, spend, named } = this
    return { handedOff, handedOffRange, qualified, created, createdRange, won, wonLinks, stages, spend, named }
  }
}

const queries = perConnection((db) => new RoiQueries(db))

/** How SQLite runs each statement (EXPLAIN QUERY PLAN), by name: checked by the tests and the bench. */
export function roiQueryPlans(db: Database): Record<string, string> {
  return queryPlans(db, queries(db).all(), { start: '2025-01-01', end: '2025-12-31', year: '2025', stages: '[]', campaign: 'x' })
}

/**
 * The rows of a statement grouped within a calendar year (`@year`), for each year from `start` to `end`
 * (dates or ISO instants): a group can come once per year.
 */
function byYear<T>(statement: Statement, start: string, end: string, params: Record<string, string> = {}): T[] {
  const rows: T[] = []
  for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
    rows.push(...(statement.all({ ...params, year: String(year).padStart(4, '0'), start, end }) as T[]))
  }
  return rows
}

/**
 * Windows up to this many days sort their rows into groups: walking the calendar year in the order of
 * the groups costs about what the year holds, so it pays only for longer windows (1,000,000 deals, a
 * month: ~10 ms to sort, ~50–100 ms to walk its year from a cold cache; a fiscal year: ~250 ms against
 * ~35 ms).
 */
const SHORT_WINDOW_DAYS = 62
const isShort = (start: string, end: string): boolean => Date.parse(end) - Date.parse(start) <= SHORT_WINDOW_DAYS * 86_400_000

/** Leads handed off in [start, end) (UTC instants), by campaign and lead source. */
export function handedOffByCampaign(db: Database, start: string, end: string): LeadCountRow[] {
  const q = queries(db)
  return isShort(start, end) ? (q.handedOffRange.all({ start, end }) as LeadCountRow[]) : byYear(q.handedOff, start, end)
}

/** Leads qualified (SQL) in [start, end) (UTC instants), by campaign and lead source. */
export function qualifiedByCampaign(db: Database, start: string, end: string): LeadCountRow[] {
  return byYear(queries(db).qualified, start, end)
}

/**
 * Deals created on the dates start..end (inclusive), by effective campaign, source, stage and currency:
 * the groups of each calendar year the dates span (a group can come once per year).
 */
export function createdByCampaign(db: Database, start: string, end: string): CreatedRow[] {
  const q = queries(db)
  return isShort(start, end) ? (q.createdRange.all({ start, end }) as CreatedRow[]) : byYear(q.created, start, end)
}

/** Deals at one of `stages` (the won ones) closed on the dates start..end, one each, with the leads that name them. */
export function wonDeals(db: Database, start: string, end: string, stages: readonly string[]): WonDealRow[] {
  const p = { start, end, stages: JSON.stringify(stages) }
  const namedBy = new Map<number, NamingLead[]>()
  for (const { deal, ...lead } of queries(db).wonLinks.all(p) as (NamingLead & { deal: number })[]) {
    const list = namedBy.get(deal)
    if (list) list.push(lead)
    else namedBy.set(deal, [lead])
  }
  const deals = queries(db).won.all(p) as WonDealRow[]
  if (namedBy.size > 0) for (const d of deals) d.namedBy = namedBy.get(d.id) ?? null
  return deals
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
