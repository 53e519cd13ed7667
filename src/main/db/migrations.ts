import type { Database } from 'better-sqlite3'
import { defaultSettings } from '@shared/settings'

/**
 * Numbered schema migrations. Migration N brings a workspace from user_version N-1 to N. They are
 * append-only: a released migration is never edited, a new one is added. All pending migrations run in
 * one transaction (see connection.ts), after a verified backup of any non-empty workspace.
 */
export interface Migration {
  version: number
  name: string
  up(db: Database, nowIso: string): void
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'workspace metadata and settings',
    up(db, nowIso) {
      db.exec(`
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
        CREATE TABLE settings (
          id         INTEGER PRIMARY KEY CHECK (id = 1),
          doc        TEXT NOT NULL CHECK (json_valid(doc)),
          updated_at TEXT NOT NULL
        ) STRICT;
      `)
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('created_at', nowIso)
      db.prepare('INSERT INTO settings (id, doc, updated_at) VALUES (1, ?, ?)').run(
        JSON.stringify(defaultSettings()),
        nowIso,
      )
    },
  },
]

export const LATEST_SCHEMA_VERSION = migrations.length
