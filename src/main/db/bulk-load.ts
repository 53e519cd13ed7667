import type { Database } from 'better-sqlite3'
import { availableParallelism } from 'node:os'
import { busyError } from './connection'

/**
 * The SQL of a bulk load (an import's one transaction): how it begins and ends, the pragmas that make it
 * fast, and the index drops and rebuilds. The import engine decides when; this module says how.
 */

/**
 * Begins the import's write transaction. BEGIN IMMEDIATE takes the write lock now, so a busy workspace
 * is reported before any row is read.
 */
export function beginLoad(db: Database): void {
  try {
    db.exec('BEGIN IMMEDIATE')
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      throw busyError(db.name)
    }
    throw e
  }
}

/** Ends the load: COMMIT for a commit, ROLLBACK for a preview (a preview is a rolled-back import). */
export function endLoad(db: Database, commit: boolean): void {
  db.exec(commit ? 'COMMIT' : 'ROLLBACK')
}

/** Undoes whatever the load wrote when it fails. */
export function abandonLoad(db: Database): void {
  if (db.inTransaction) db.exec('ROLLBACK')
}

/**
 * Whether a source system has no rows yet in an entity's table: then no key needs a lookup per row.
 * Asked inside the load's transaction, so no other connection can add rows of it meanwhile.
 */
export function isFreshSource(db: Database, table: string, sourceSystem: string): boolean {
  return db.prepare(`SELECT 1 FROM "${table}" WHERE source_system = ? LIMIT 1`).get(sourceSystem) === undefined
}

/**
 * Settings that make a large load several times faster, all undone when the import ends:
 * - a bigger page cache for the transaction's index pages;
 * - foreign keys unchecked: every row references the batch inserted in the same transaction;
 * - for a file that is large next to the table, the table's secondary indexes are dropped inside the
 *   transaction and rebuilt at its end (one sort instead of a B-tree insert per row; PITFALLS: 12 s vs
 *   5.5 s + 1.5 s at a million rows). A rollback brings them back untouched. An XLSX file kept its
 *   indexes up to date while its slow reader ran (100,000 rows 2.1 s instead of 2.4 s, with the indexes
 *   of November); with the funnel and ROI indexes of migrations 11 and 12 the writer became the slow side
 *   (December 5, quiet host: 9.5 s with them kept, 4.0 s dropped and rebuilt, the reader alone 2.9–3.1 s);
 * - a bulk load on the only connection to the workspace (the CLI) runs with a rollback journal instead
 *   of the WAL: each page is then written once, not into the WAL and again into the file at the
 *   checkpoint (1M rows: commit 0.15 s instead of 1.3 s, and the inserts and index builds faster too).
 *   The commit is as atomic and durable (synchronous stays FULL; a killed import leaves a journal that
 *   the next open rolls back). When anything else has the workspace open, such as the app, whose
 *   imports run on a connection of their own, SQLite keeps the WAL and the load runs as before.
 */
export function tuneForBulkLoad(db: Database, table: string, fileRows: number) {
  const cache = db.pragma('cache_size', { simple: true }) as number
  const fk = db.pragma('foreign_keys', { simple: true }) as number
  db.pragma(`cache_size = ${LOAD_CACHE}`)
  db.pragma('foreign_keys = OFF')
  const rows = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
  const bulk = fileRows >= BULK_ROWS && fileRows >= rows / 2
  const journal = db.pragma('journal_mode', { simple: true }) as string
  const ownJournal = bulk && journal === 'wal' && leaveWal(db)
  return {
    /** Drops the secondary indexes (inside the transaction) when a load is bulk; returns their SQL. */
    dropIndexes(): string[] {
      if (!bulk) return []
      const indexes = db
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
        .all(table) as { name: string; sql: string }[]
      for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`)
      return indexes.map((i) => i.sql)
    },
    /**
     * Builds the dropped indexes again. SQLite sorts an index's entries on helper threads when they
     * overflow the page cache, so the cache is made small for it and the reader's core (idle by now)
     * sorts too: 0.7 s instead of 1.4 s for the six-column index at 1M rows (bench: import).
     */
    rebuildIndexes(sqls: readonly string[]): void {
      if (sqls.length === 0) return
      const threads = db.pragma('threads', { simple: true }) as number
      db.pragma(`threads = ${Math.min(4, availableParallelism())}`)
      db.pragma(`cache_size = ${SORT_CACHE}`)
      try {
        for (const sql of sqls) db.exec(sql)
      } finally {
        db.pragma(`threads = ${threads}`)
        db.pragma(`cache_size = ${LOAD_CACHE}`)
      }
    },
    restore(): void {
      db.pragma(`cache_size = ${cache}`)
      db.pragma(`foreign_keys = ${fk}`)
      if (ownJournal) {
        try {
          db.pragma('journal_mode = WAL')
        } catch {
          // Someone opened the workspace meanwhile and is reading it: it stays in rollback mode until
          // the next open, which sets the WAL again (connection.ts). Nothing is lost either way.
        }
      }
    },
  }
}

/** Switches to a rollback journal if this is the only connection using the workspace (else: false). */
function leaveWal(db: Database): boolean {
  try {
    return db.pragma('journal_mode = DELETE', { simple: true }) === 'delete'
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return false
    throw e
  }
}

/** The page cache during a load (64 MiB, in KiB as `PRAGMA cache_size` takes it). */
const LOAD_CACHE = -65536
/** The page cache while indexes are rebuilt (KiB, as `PRAGMA cache_size` takes it): the sorter's run size. */
const SORT_CACHE = -8192

/** From this many rows (and half the table) a load rebuilds the table's indexes instead of updating them. */
const BULK_ROWS = 50_000
