import type { Database } from 'better-sqlite3'

/** A minimal import batch and one lead in it: enough for a workspace to count as holding data. */
export function seedLead(db: Database, externalId = 'L-1'): void {
  const batch = db
    .prepare(
      `INSERT INTO import_batches (kind, source_system, file_name, file_path, file_hash, file_size, format, options,
         started_at, committed_at, rows_read, new_count, changed_count, unchanged_count, invalid_count, duplicate_count)
       VALUES ('leads', 'test', 'seed.csv', '/seed.csv', 'x', 1, 'csv', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1, 1, 0, 0, 0, 0)`,
    )
    .run().lastInsertRowid
  db.prepare('INSERT INTO leads (source_system, external_id, created_batch_id, batch_id) VALUES (?, ?, ?, ?)').run(
    'test',
    externalId,
    batch,
    batch,
  )
}
