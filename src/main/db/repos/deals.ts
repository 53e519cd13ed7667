import type { Database } from 'better-sqlite3'
import type { DealDetail } from '@shared/targets'

/** One opportunity as a board link opens it, and the leads linked to it. */

/** The stored deal: the fields DealDetail shows as they are, and the raw amount and currency it derives from. */
export type DealRow = Pick<
  DealDetail,
  'id' | 'sourceSystem' | 'externalId' | 'name' | 'account' | 'owner' | 'stage' | 'createdAt' | 'closeDate' | 'campaign' | 'leadSource'
> & {
  amountMinor: number | null
  currency: string | null
  leadId: string | null
}

export function dealById(db: Database, id: number): DealRow | undefined {
  return db
    .prepare(
      `SELECT id, source_system AS sourceSystem, external_id AS externalId, name, account, owner, stage,
              amount_minor AS amountMinor, currency, created_at AS createdAt, close_date AS closeDate,
              campaign, lead_source AS leadSource, lead_id AS leadId
         FROM opportunities WHERE id = ?`,
    )
    .get(id) as DealRow | undefined
}

export interface DealLeadRow {
  id: number
  externalId: string
  name: string | null
  company: string | null
  owner: string | null
  handedOffAt: string | null
}

/**
 * The leads linked to a deal: those that name it (`opportunity_id`) and the one it names (`lead_id`),
 * matched by external id as the lead detail matches its opportunities, oldest handoff first (never handed off last). Two indexed
 * probes (leads_by_opportunity, leads_by_external_id) instead of an OR that would scan the table.
 */
export function leadsOfDeal(
  db: Database,
  externalId: string,
  leadId: string | null,
  limit: number,
): { rows: DealLeadRow[]; total: number } {
  const union = `SELECT id FROM leads WHERE opportunity_id = @opp UNION SELECT id FROM leads WHERE external_id = @lead`
  const params = { opp: externalId, lead: leadId, limit }
  const rows = db
    .prepare(
      `SELECT id, external_id AS externalId, name, company, owner, handed_off_at AS handedOffAt
         FROM leads WHERE id IN (${union}) ORDER BY handed_off_at IS NULL, handed_off_at, id LIMIT @limit`,
    )
    .all(params) as DealLeadRow[]
  const total = (db.prepare(`SELECT count(*) AS n FROM (${union})`).get({ opp: externalId, lead: leadId }) as { n: number }).n
  return { rows, total }
}
