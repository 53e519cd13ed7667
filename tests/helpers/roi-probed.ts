import type { Database } from 'better-sqlite3'
import type { CreatedRow, LeadCountRow, NamingLead, WonDealRow } from '../../src/main/db/repos/roi'
import type { RoiReads } from '../../src/main/metrics/roi'

/**
 * The Marketing ROI report's leads and deals read the first way (before migration 12): each deal's
 * linked lead probed in the leads for every report, nothing stored on the deal, and every group sorted
 * over the whole window rather than added up a calendar year at a time. The equivalence tests compare
 * the report over these reads with the report over the repos.
 */
const WON = 'o.close_date BETWEEN @start AND @end AND o.stage IN (SELECT value FROM json_each(@stages))'

export const PROBED_LINKS: RoiReads = {
  handedOff: (db: Database, start: string, end: string) =>
    db
      .prepare(
        `SELECT campaign, lead_source AS source, count(*) AS n FROM leads
          WHERE handed_off_at >= @start AND handed_off_at < @end GROUP BY campaign, lead_source`,
      )
      .all({ start, end }) as LeadCountRow[],
  qualified: (db: Database, start: string, end: string) =>
    db
      .prepare(
        `SELECT campaign, lead_source AS source, count(*) AS n FROM leads
          WHERE qualified_at >= @start AND qualified_at < @end AND qualified_at IS NOT NULL GROUP BY campaign, lead_source`,
      )
      .all({ start, end }) as LeadCountRow[],
  created: (db: Database, start: string, end: string) =>
    db
      .prepare(
        `SELECT coalesce(o.campaign, l.campaign, m.campaign) AS campaign, coalesce(o.lead_source, l.lead_source, m.lead_source) AS source,
                o.stage, o.currency, count(*) AS n, coalesce(sum(o.amount_minor), 0) AS amount
           FROM opportunities o
           LEFT JOIN leads l ON l.source_system = o.source_system AND l.external_id = o.lead_id
           LEFT JOIN leads m ON m.id = CASE WHEN o.lead_id IS NULL
                 THEN (SELECT min(x.id) FROM leads x WHERE x.opportunity_id = o.external_id AND x.source_system = o.source_system) END
          WHERE o.created_at BETWEEN @start AND @end
          GROUP BY 1, 2, o.stage, o.currency`,
      )
      .all({ start, end }) as CreatedRow[],
  // The lead its lead id names (the report takes the first lead that names the deal when this one has
  // neither a campaign nor a source, as it always did), and the leads that name the deal.
  won: (db: Database, start: string, end: string, stages: readonly string[]) => {
    const p = { start, end, stages: JSON.stringify(stages) }
    const links = db
      .prepare(
        `SELECT o.id AS deal, l.id AS lead, l.campaign, l.lead_source AS source
           FROM opportunities o
           JOIN leads l ON l.opportunity_id = o.external_id AND l.source_system = o.source_system
          WHERE ${WON}`,
      )
      .all(p) as (NamingLead & { deal: number })[]
    const deals = db
      .prepare(
        `SELECT o.id, o.currency, o.amount_minor AS amount, o.campaign, o.lead_source AS source,
                l.campaign AS linkedCampaign, l.lead_source AS linkedSource
           FROM opportunities o
           LEFT JOIN leads l ON l.source_system = o.source_system AND l.external_id = o.lead_id
          WHERE ${WON}`,
      )
      .all(p) as Omit<WonDealRow, 'namedBy'>[]
    return deals.map((d) => {
      const namedBy = links.filter((l) => l.deal === d.id).map(({ lead, campaign, source }) => ({ lead, campaign, source }))
      return { ...d, namedBy: namedBy.length > 0 ? namedBy : null }
    })
  },
}
