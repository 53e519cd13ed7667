import type { Database } from 'better-sqlite3'
import { refreshAllDealLinks } from '../../src/main/db/repos/deal-links'
import { refreshAllOppLinks } from '../../src/main/db/repos/worked'

/** Fields of a lead row as stored (timestamps as UTC ISO text). */
export interface LeadFields {
  external_id: string
  name?: string | null
  company?: string | null
  email?: string | null
  lead_source?: string | null
  grade?: string | null
  owner?: string | null
  handed_off_at?: string | null
  accepted_at?: string | null
  first_touch_at?: string | null
  rejected_at?: string | null
  rejection_reason?: string | null
  recycled_at?: string | null
  qualified_at?: string | null
  opportunity_id?: string | null
}

export interface OpportunityFields {
  external_id: string
  name?: string | null
  stage: string
  created_at?: string | null
  close_date?: string | null
  lead_id?: string | null
}

function batch(db: Database, kind: 'leads' | 'opportunities'): number {
  return Number(
    db
      .prepare(
        `INSERT INTO import_batches (kind, source_system, file_name, file_path, file_hash, file_size, format, options,
           started_at, committed_at, rows_read, new_count, changed_count, unchanged_count, invalid_count, duplicate_count)
         VALUES (?, 'test', 'test.csv', '/test.csv', 'x', 1, 'csv', '{"mapping":{}}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 0, 0, 0, 0, 0, 0)`,
      )
      .run(kind).lastInsertRowid,
  )
}

const LEAD_COLUMNS = [
  'external_id',
  'name',
  'company',
  'email',
  'lead_source',
  'grade',
  'owner',
  'handed_off_at',
  'accepted_at',
  'first_touch_at',
  'rejected_at',
  'rejection_reason',
  'recycled_at',
  'qualified_at',
  'opportunity_id',
] as const

/** Inserts leads as an import would store them (one batch, with their opportunities' date), for hand-computed metric cases. */
export function insertLeads(db: Database, leads: readonly LeadFields[]): void {
  const b = batch(db, 'leads')
  const stmt = db.prepare(
    `INSERT INTO leads (source_system, ${LEAD_COLUMNS.join(', ')}, created_batch_id, batch_id)
     VALUES ('test', ${LEAD_COLUMNS.map(() => '?').join(', ')}, ?, ?)`,
  )
  db.transaction(() => {
    for (const l of leads) stmt.run(...LEAD_COLUMNS.map((c) => l[c] ?? null), b, b)
    refreshAllOppLinks(db)
    refreshAllDealLinks(db)
  })()
}

export function insertOpportunities(db: Database, opps: readonly OpportunityFields[]): void {
  const b = batch(db, 'opportunities')
  const stmt = db.prepare(
    `INSERT INTO opportunities (source_system, external_id, name, stage, created_at, close_date, lead_id, created_batch_id, batch_id)
     VALUES ('test', ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  db.transaction(() => {
    for (const o of opps)
      stmt.run(o.external_id, o.name ?? null, o.stage, o.created_at ?? null, o.close_date ?? null, o.lead_id ?? null, b, b)
    // What an import keeps on the leads the opportunities link to (their worked time).
    refreshAllOppLinks(db)
    refreshAllDealLinks(db)
  })()
}
