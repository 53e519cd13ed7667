import type { Database } from 'better-sqlite3'

export function readMeta(db: Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
  return row?.value
}

/** Names of the tables that hold imported data; a workspace with rows in none of them is "empty". */
export function hasImportedData(db: Database, tables: readonly string[]): boolean {
  const present = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  )
  // Table names come from code, never from input; they are checked against the schema before use.
  return tables.some((t) => present.has(t) && db.prepare(`SELECT 1 FROM "${t}" LIMIT 1`).get() !== undefined)
}
