import type { Database } from 'better-sqlite3'
import type { UndoOutcome } from '@shared/import/outcome'
import { AppError } from '../../errors'
import { getBatch, markUndone } from './imports'
import { ENTITIES, columnsFor } from '../entities'
import { noteDealsOfBatch, refreshDealLinks } from './deal-links'
import { noteLeadsOfBatch, refreshOppFacts } from './worked'

/**
 * Undoes an import batch exactly: deletes the rows it created and puts back the values it overwrote
 * (recorded in import_changes), in one transaction. When a later batch has since changed some of those
 * rows, undoing this one would lose or corrupt that later change, so it is refused, naming the batch to
 * undo first.
 */
export function undoBatch(db: Database, batchId: number, now = new Date()): UndoOutcome {
  const batch = getBatch(db, batchId)
  if (!batch) throw new AppError('NOT_FOUND', `There is no import #${batchId}.`)
  if (batch.undoneAt) throw new AppError('UNDO_BLOCKED', `Import #${batchId} (${batch.fileName}) was already undone.`)
  const { table } = ENTITIES[batch.kind]

  const later = db
    .prepare(
      `SELECT batch_id AS id, count(*) AS n FROM (
         SELECT batch_id FROM "${table}" WHERE created_batch_id = ? AND batch_id <> ?
         UNION ALL
         SELECT t.batch_id FROM import_changes c JOIN "${table}" t ON t.id = c.row_id
          WHERE c.batch_id = ? AND c.entity = ? AND t.batch_id <> ?
       ) GROUP BY batch_id ORDER BY batch_id DESC`,
    )
    .all(batchId, batchId, batchId, table, batchId) as { id: number; n: number }[]
  if (later.length > 0) {
    const first = later[0] as { id: number; n: number }
    const other = getBatch(db, first.id)
    const rows = later.reduce((sum, l) => sum + l.n, 0)
    const more = later.length > 1 ? ` (and ${later.length - 1} other later import${later.length > 2 ? 's' : ''})` : ''
    throw new AppError(
      'UNDO_BLOCKED',
      `Undo import #${first.id}${other ? ` (${other.fileName})` : ''} first${more}: it changed ${rows} of the rows import #${batchId} wrote.`,
    )
  }

  const columns = columnsFor(batch.kind, Object.keys(batch.options.mapping))
  const sets = [...columns.map((c) => `"${c}" = json_extract(c.prior, '$.${c}')`), `batch_id = json_extract(c.prior, '$.batch_id')`]
  const linksLeads = batch.kind === 'leads' || batch.kind === 'opportunities' ? batch.kind : null
  return db.transaction((): UndoOutcome => {
    // The leads this batch's rows link to now and will link to once undone learn their opportunity date again.
    // So do the deals they link to, for the campaign and source of their linked lead.
    if (linksLeads !== null) {
      noteLeadsOfBatch(db, linksLeads, batchId)
      noteDealsOfBatch(db, linksLeads, batchId)
    }
    const restored = db
      .prepare(
        `UPDATE "${table}" AS t SET ${sets.join(', ')}
           FROM import_changes AS c WHERE c.batch_id = ? AND c.entity = ? AND t.id = c.row_id`,
      )
      .run(batchId, table).changes
    const removed = db.prepare(`DELETE FROM "${table}" WHERE created_batch_id = ?`).run(batchId).changes
    if (linksLeads !== null) {
      refreshOppFacts(db)
      refreshDealLinks(db)
    }
    markUndone(db, batchId, now.toISOString())
    return { batchId, removed, restored }
  })()
}
