import type { Database } from 'better-sqlite3'

/**
 * `leads.opp_created_on` (migration 9): the earliest created date of the opportunities a lead names
 * (`opportunity_id`) or that name it (`lead_id`), matched by external id alone, as the handoff metrics
 * read a lead's worked time. It changes when a lead or an opportunity is written or removed, so an import
 * notes the leads its batch can touch once its rows are written, and an undo notes them before it puts
 * the rows back, then `refreshOppCreated` recomputes just those leads.
 */

/** The stored date of a lead (`leads` in the outer query) recomputed from its opportunities. */
const OPP_CREATED_OF_LEAD = `(SELECT min(created_at) FROM (
    SELECT created_at FROM opportunities WHERE lead_id = leads.external_id
    UNION ALL
    SELECT created_at FROM opportunities WHERE external_id = leads.opportunity_id))`

function noted(db: Database): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS worked_refresh (id INTEGER PRIMARY KEY)')
}

/** The highest row id of a table (0 when empty): rows an import adds get higher ids. */
export function lastRowId(db: Database, table: 'leads' | 'opportunities'): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) AS n FROM "${table}"`).get() as { n: number }).n
}

/**
 * Notes the leads whose stored opportunity date a batch's rows can change: for a leads batch, the leads
 * it created (ids above `createdAfter`, which lets an import skip a scan) or changed; for an
 * opportunities batch, the leads its rows link to with their values now and with the values they had
 * before the batch (recorded for undo), both ways. Called after an import's writes, and before an undo's.
 */
export function noteLeadsOfBatch(db: Database, kind: 'leads' | 'opportunities', batchId: number, createdAfter = 0): void {
  noted(db)
  const p = { b: batchId, after: createdAfter }
  // A new lead starts without a date and keeps none unless an opportunity is linked to it, and an
  // opportunity can only give its date to a lead that exists: a 1,000,000-row import of leads into a
  // workspace without opportunities (or the reverse) noted and recomputed every row, ~1.9 s (profiled).
  const other = kind === 'leads' ? 'opportunities' : 'leads'
  const linkable = db.prepare(`SELECT 1 FROM "${other}" LIMIT 1`).get() !== undefined
  if (kind === 'leads') {
    db.prepare(
      `INSERT OR IGNORE INTO temp.worked_refresh (id)
         SELECT id FROM leads WHERE @linkable AND id > @after AND created_batch_id = @b
           AND (opportunity_id IS NOT NULL OR EXISTS (SELECT 1 FROM opportunities o WHERE o.lead_id = leads.external_id))
         UNION SELECT row_id FROM import_changes WHERE batch_id = @b AND entity = 'leads'`,
    ).run({ ...p, linkable: linkable ? 1 : 0 })
    return
  }
  if (!linkable) return
  db.prepare(
    `WITH rows AS (
       SELECT external_id, lead_id FROM opportunities WHERE id > @after AND created_batch_id = @b
       UNION ALL
       SELECT o.external_id, o.lead_id FROM import_changes c JOIN opportunities o ON o.id = c.row_id
        WHERE c.batch_id = @b AND c.entity = 'opportunities'
       UNION ALL
       SELECT NULL, json_extract(prior, '$.lead_id') FROM import_changes WHERE batch_id = @b AND entity = 'opportunities'
     )
     INSERT OR IGNORE INTO temp.worked_refresh (id)
       SELECT l.id FROM rows r JOIN leads l ON l.external_id = r.lead_id WHERE r.lead_id IS NOT NULL
       UNION SELECT l.id FROM rows r JOIN leads l ON l.opportunity_id = r.external_id WHERE r.external_id IS NOT NULL`,
  ).run(p)
}

/** Recomputes the stored opportunity date of the noted leads (only those whose date changes are written). */
export function refreshOppCreated(db: Database): void {
  noted(db)
  db.prepare(
    `UPDATE leads SET opp_created_on = ${OPP_CREATED_OF_LEAD}
      WHERE id IN (SELECT id FROM temp.worked_refresh) AND opp_created_on IS NOT ${OPP_CREATED_OF_LEAD}`,
  ).run()
  db.exec('DELETE FROM temp.worked_refresh')
}

/**
 * Sets the stored opportunity date of every lead linked to an opportunity, driven from the opportunities
 * (far fewer than leads): for rows added with plain SQL (test helpers, benches), which only add links.
 */
export function refreshAllOppCreated(db: Database): void {
  db.prepare(
    `UPDATE leads SET opp_created_on = linked.day
       FROM (SELECT lead, min(day) AS day FROM (
               SELECT l.id AS lead, o.created_at AS day FROM opportunities o JOIN leads l ON l.external_id = o.lead_id
                WHERE o.lead_id IS NOT NULL AND o.created_at IS NOT NULL
               UNION ALL
               SELECT l.id, o.created_at FROM opportunities o JOIN leads l ON l.opportunity_id = o.external_id
                WHERE o.created_at IS NOT NULL
             ) GROUP BY lead) AS linked
      WHERE leads.id = linked.lead AND leads.opp_created_on IS NOT linked.day`,
  ).run()
}
