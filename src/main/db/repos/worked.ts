import type { Database } from 'better-sqlite3'
import { checkSettings, defaultSettings, type Settings } from '@shared/settings'

/**
 * `leads.opp_created_on` (migration 9): the earliest created date of the opportunities a lead names
 * (`opportunity_id`) or that name it (`lead_id`), matched by external id alone, as the handoff metrics
 * read a lead's worked time. It changes when a lead or an opportunity is written or removed, so an import
 * notes the leads its batch can touch once its rows are written, and an undo notes them before it puts
 * the rows back, then `refreshOppFacts` recomputes just those leads (with the funnel's facts of their
 * opportunities, migration 11: see below).
 */

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

/**
 * Recomputes the stored opportunity facts of the noted leads (the created date and the funnel's known and
 * won dates; only the leads whose facts change are written), from both links at once.
 */
export function refreshOppFacts(db: Database): void {
  noted(db)
  db.prepare(
    `UPDATE leads SET opp_created_on = f.created, opp_known_on = f.known, opp_won_on = f.won
       FROM (SELECT n.id, min(o.created_at) AS created,
                    min(CASE WHEN o.id IS NOT NULL THEN coalesce(o.created_at, o.close_date, '') END) AS known,
                    min(CASE WHEN lower(o.stage) IN (SELECT value FROM json_each(@won)) THEN o.close_date END) AS won
               FROM temp.worked_refresh n JOIN leads l ON l.id = n.id
               LEFT JOIN opportunities o ON o.lead_id = l.external_id OR o.external_id = l.opportunity_id
              GROUP BY n.id) AS f
      WHERE leads.id = f.id
        AND (leads.opp_created_on IS NOT f.created OR leads.opp_known_on IS NOT f.known OR leads.opp_won_on IS NOT f.won)`,
  ).run({ won: wonStagesForRefresh(db) })
  db.exec('DELETE FROM temp.worked_refresh')
}

/**
 * Sets the stored opportunity date of every lead linked to an opportunity, driven from the opportunities
 * (far fewer than leads): migration 9's fill-in (which must not touch the later columns).
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

// ---------------------------------------------------------------------------------------------------
// The funnel's facts of a lead's opportunities (migration 11)

/**
 * Besides `opp_created_on`, a lead stores what the funnel needs of the opportunities it names or that name
 * it, as dates (calendar days, so a change of the workspace time zone needs no rewrite), each compared
 * with T's day at read time:
 * - `opp_known_on`: the earliest day one of them is known to exist: its created date, else its close date,
 *   else '' (neither date: it counts from the start); NULL when no opportunity is linked;
 * - `opp_won_on`: the earliest close date of those in a won stage. Which stages are won is a setting:
 *   the stored dates follow the won stages recorded in `meta` under `WON_STAGES_KEY` (their lower-case
 *   names as JSON, as `wonStagesJson` gives them), and a settings save that changes them recomputes the
 *   column (`syncWonStages`). A funnel asked with other won stages does not read the column.
 */
export const WON_STAGES_KEY = 'funnel_won_stages'

/** The won stages of the settings as the funnel matches them: trimmed, lower-case names, as JSON. */
export function wonStagesJson(settings: Pick<Settings, 'stages'>): string {
  return JSON.stringify(settings.stages.filter((s) => s.category === 'won').map((s) => s.match.trim().toLowerCase()))
}

/** The won stages `opp_won_on` was computed with, or undefined when it was not (yet). */
export function storedWonStages(db: Database): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(WON_STAGES_KEY) as { value: string } | undefined)?.value
}

/** The stored won stages, or those of the settings row when none are stored yet (no column to follow). */
function wonStagesForRefresh(db: Database): string {
  const stored = storedWonStages(db)
  if (stored !== undefined) return stored
  return wonStagesOfDoc(db) ?? '[]'
}

/** The won stages of the workspace's settings document; null when the document is damaged. */
function wonStagesOfDoc(db: Database, doc?: string): string | null {
  const text = doc ?? (db.prepare('SELECT doc FROM settings WHERE id = 1').get() as { doc: string } | undefined)?.doc
  if (text === undefined) return wonStagesJson(defaultSettings())
  try {
    const checked = checkSettings(JSON.parse(text))
    return checked.ok ? wonStagesJson(checked.settings) : null
  } catch {
    return null
  }
}

/** One row per link of a lead (`leads` as l) to an opportunity (o), with what the facts take from it. */
const LINK_FACTS = `o.created_at AS created, coalesce(o.created_at, o.close_date, '') AS known,
  CASE WHEN lower(o.stage) IN (SELECT value FROM json_each(@won)) THEN o.close_date END AS won`

/**
 * Sets the funnel's facts and the created date of every lead linked to an opportunity, driven from the
 * opportunities (far fewer than leads): for migration 11 and for rows added with plain SQL (test helpers,
 * benches), which only add links.
 */
export function refreshAllOppLinks(db: Database): void {
  refreshAllOppCreated(db)
  const won = wonStagesForRefresh(db)
  db.prepare(
    `UPDATE leads SET opp_known_on = linked.known, opp_won_on = linked.won
       FROM (SELECT lead, min(known) AS known, min(won) AS won FROM (
               SELECT l.id AS lead, ${LINK_FACTS} FROM opportunities o JOIN leads l ON l.external_id = o.lead_id
                WHERE o.lead_id IS NOT NULL
               UNION ALL
               SELECT l.id, ${LINK_FACTS} FROM opportunities o JOIN leads l ON l.opportunity_id = o.external_id
             ) GROUP BY lead) AS linked
      WHERE leads.id = linked.lead AND (leads.opp_known_on IS NOT linked.known OR leads.opp_won_on IS NOT linked.won)`,
  ).run({ won })
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(WON_STAGES_KEY, won)
}

/**
 * After a settings document is written (same transaction): when its won stages differ from those
 * `opp_won_on` follows, recomputes the column for every linked lead and records the new stages. A
 * damaged document leaves the column as it is and removes the record, so the funnel does not read it.
 */
export function syncWonStages(db: Database, doc: string): void {
  const won = wonStagesOfDoc(db, doc)
  const stored = storedWonStages(db)
  if (won === stored) return
  if (won === null) {
    db.prepare('DELETE FROM meta WHERE key = ?').run(WON_STAGES_KEY)
    return
  }
  db.prepare('UPDATE leads SET opp_won_on = NULL WHERE opp_won_on IS NOT NULL').run()
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(WON_STAGES_KEY, won)
  refreshAllOppLinks(db)
}
