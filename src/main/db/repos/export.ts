import type { Database } from 'better-sqlite3'

/** A table of the workspace as the export writes it: its name and its columns in schema order. */
export interface TableShape {
  name: string
  columns: string[]
}

/** An identifier read from the schema itself (never from input), quoted for SQL. */
const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`

/** Every table of the workspace (SQLite's own excepted), by name. */
export function workspaceTables(db: Database): TableShape[] {
  const names = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[]
  return names.map((name) => ({
    name,
    columns: db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(name) as string[],
  }))
}

/** A table's rows as arrays in the order of `table.columns`, streamed (in key order). */
export function tableRows(db: Database, table: TableShape): IterableIterator<unknown[]> {
  return db
    .prepare(`SELECT ${table.columns.map(quoted).join(', ')} FROM ${quoted(table.name)}`)
    .raw()
    .iterate() as IterableIterator<unknown[]>
}

/** The schema version of the workspace (its migrations' count). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Starts a read transaction: every read until `endRead` sees the workspace as it was at the first. */
export function beginRead(db: Database): void {
  db.exec('BEGIN')
}

export function endRead(db: Database): void {
  if (db.inTransaction) db.exec('COMMIT')
}
