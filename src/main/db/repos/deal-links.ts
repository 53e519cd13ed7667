import type { Database } from 'better-sqlite3'

/**
 * What the Marketing ROI report needs of each deal's leads, stored on the deal (migration 12) instead of
 * probed for every deal of every report:
 * - `linked_campaign`, `linked_source`: the campaign and lead source of the deal's *linked lead*: the
 *   lead its `lead_id` names, else, for a deal without a lead id, the first lead (by row) that names the
 *   deal as its converted opportunity; both of the deal's source system. Null when there is no such lead.
 *   A deal without a campaign (or source) of its own belongs to these.
 * - `named_by_lead`: 1 when some lead of its source system names the deal as its converted opportunity
 *   (those leads influence it too, so only such deals need their links read).
 *
 * They change when a lead or a deal is written or removed, so an import notes the deals its batch can
 * touch once its rows are written, and an undo notes them before it puts the rows back (with the values
 * the rows had before the batch), then `refreshDealLinks` recomputes just those deals, as `worked.ts`
 * does for the leads.
 */

/** The stored values of a deal (`o`) recomputed from its leads. */
const LINKS_OF_DEAL = `SELECT o.id, coalesce(l.campaign, m.campaign) AS campaign, coalesce(l.lead_source, m.lead_source) AS source,
         EXISTS (SELECT 1 FROM leads x WHERE x.opportunity_id = o.external_id AND x.source_system = o.source_system) AS named
    FROM opportunities o
    LEFT JOIN leads l ON l.source_system = o.source_system AND l.external_id = o.lead_id
    LEFT JOIN leads m ON m.id = CASE WHEN o.lead_id IS NULL
          THEN (SELECT min(x.id) FROM leads x WHERE x.opportunity_id = o.external_id AND x.source_system = o.source_system) END`

const CHANGED = `opportunities.linked_campaign IS NOT linked.campaign OR opportunities.linked_source IS NOT linked.source
      OR opportunities.named_by_lead IS NOT linked.named`

function noted(db: Database): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS deal_links_refresh (id INTEGER PRIMARY KEY)')
}

/**
 * Notes the deals whose stored links a batch's rows can change. For an opportunities batch: the deals it
 * changed, and those it created that link to a lead (a new deal without one already holds the right
 * values: none). For a leads batch: the deals its leads (created ones above `createdAfter`, or changed
 * ones) link to either way, with the values the leads have now and had before the batch. Called after an
 * import's writes, and before an undo's.
 */
export function noteDealsOfBatch(db: Database, kind: 'leads' | 'opportunities', batchId: number, createdAfter = 0): void {
  noted(db)
  // Without a row on the other side no deal has a linked lead, and none can get one: a million deals
  // imported before any lead (or the reverse) need no look-up each.
  const other = kind === 'leads' ? 'opportunities' : 'leads'
  if (db.prepare(`SELECT 1 FROM "${other}" LIMIT 1`).get() === undefined) return
  const p = { b: batchId, after: createdAfter }
  if (kind === 'opportunities') {
    db.prepare(
      `INSERT OR IGNORE INTO temp.deal_links_refresh (id)
         SELECT row_id FROM import_changes WHERE batch_id = @b AND entity = 'opportunities'
         UNION SELECT o.id FROM opportunities o JOIN leads l ON l.source_system = o.source_system AND l.external_id = o.lead_id
          WHERE o.id > @after AND o.created_batch_id = @b
         UNION SELECT o.id FROM opportunities o JOIN leads l ON l.opportunity_id = o.external_id AND l.source_system = o.source_system
          WHERE o.id > @after AND o.created_batch_id = @b`,
    ).run(p)
    return
  }
  db.prepare(
    `WITH rows AS (
       SELECT source_system, external_id, opportunity_id FROM leads WHERE id > @after AND created_batch_id = @b
       UNION ALL
       SELECT l.source_system, l.external_id, l.opportunity_id FROM import_changes c JOIN leads l ON l.id = c.row_id
        WHERE c.batch_id = @b AND c.entity = 'leads'
       UNION ALL
       SELECT l.source_system, NULL, json_extract(c.prior, '$.opportunity_id') FROM import_changes c JOIN leads l ON l.id = c.row_id
        WHERE c.batch_id = @b AND c.entity = 'leads'
     )
     INSERT OR IGNORE INTO temp.deal_links_refresh (id)
       SELECT o.id FROM rows r JOIN opportunities o ON o.lead_id = r.external_id AND o.source_system = r.source_system
        WHERE r.external_id IS NOT NULL
       UNION SELECT o.id FROM rows r JOIN opportunities o ON o.source_system = r.source_system AND o.external_id = r.opportunity_id
        WHERE r.opportunity_id IS NOT NULL`,
  ).run(p)
}

/** Recomputes the stored links of the noted deals (only the deals whose values change are written). */
export function refreshDealLinks(db: Database): void {
  noted(db)
  db.prepare(
    `UPDATE opportunities SET linked_campaign = linked.campaign, linked_source = linked.source, named_by_lead = linked.named
       FROM (${LINKS_OF_DEAL} WHERE o.id IN (SELECT id FROM temp.deal_links_refresh)) AS linked
      WHERE opportunities.id = linked.id AND (${CHANGED})`,
  ).run()
  db.exec('DELETE FROM temp.deal_links_refresh')
}

/**
 * Sets the stored links of every deal linked to a lead, driven from the leads: for the migration and for
 * rows added with plain SQL (test helpers, benches), which only add links.
 */
export function refreshAllDealLinks(db: Database): void {
  noted(db)
  db.exec(
    `INSERT OR IGNORE INTO temp.deal_links_refresh (id)
       SELECT o.id FROM leads l JOIN opportunities o ON o.lead_id = l.external_id AND o.source_system = l.source_system
       UNION SELECT o.id FROM leads l JOIN opportunities o ON o.source_system = l.source_system AND o.external_id = l.opportunity_id
        WHERE l.opportunity_id IS NOT NULL`,
  )
  refreshDealLinks(db)
}
