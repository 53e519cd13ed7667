import type { Database } from 'better-sqlite3'
import type { DataSource } from '@shared/presentation'

/** The deck's settings live in the workspace's `meta` table under one key, as a JSON document. */
const DECK_KEY = 'presentation_deck'

export function readDeckDoc(db: Database): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(DECK_KEY) as { value: string } | undefined
  return row?.value
}

export function writeDeckDoc(db: Database, doc: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(DECK_KEY, doc)
}

/** When the newest import of a kind that is still in effect (not undone) was committed; undefined when none. */
export function newestImportOf(db: Database, kind: DataSource): string | undefined {
  const row = db.prepare('SELECT max(committed_at) AS at FROM import_batches WHERE kind = ? AND undone_at IS NULL').get(kind) as {
    at: string | null
  }
  return row.at ?? undefined
}

/**
 * Every name a profile may hide, as written in the data: the owners (reps) of leads, deals and action
 * items, and the accounts of deals and the companies of leads. Free text on a slide (an item's title, a
 * meeting's title) is searched for them.
 */
export function knownNames(db: Database): { reps: string[]; accounts: string[] } {
  const column = (sql: string): string[] => (db.prepare(sql).pluck().all() as (string | null)[]).filter((v): v is string => !!v)
  return {
    reps: column(
      `SELECT owner FROM leads WHERE owner IS NOT NULL
       UNION SELECT owner FROM opportunities WHERE owner IS NOT NULL
       UNION SELECT owner FROM action_items WHERE owner <> ''`,
    ),
    accounts: column(
      `SELECT account FROM opportunities WHERE account IS NOT NULL
       UNION SELECT company FROM leads WHERE company IS NOT NULL`,
    ),
  }
}
