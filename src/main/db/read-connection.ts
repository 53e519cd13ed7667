import Database, { type Database as Db } from 'better-sqlite3'

/**
 * A read-only connection to a workspace that the app already has open (the read worker's, see
 * services/reads.ts): no migration, no creating, no writing. In WAL mode it reads the last committed state
 * while the app's own connection writes; a report that tried to write would fail here rather than write
 * behind the app's back.
 */
export function openReadConnection(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    // A moment's wait instead of BUSY while a checkpoint or a migration holds the file.
    db.pragma('busy_timeout = 5000')
  } catch (e) {
    db.close()
    throw e
  }
  return db
}
