import type { Database } from 'better-sqlite3'
import { syncWonStages } from './worked'

export interface StoredSettings {
  doc: string
  updatedAt: string
}

export function readSettingsRow(db: Database): StoredSettings | undefined {
  const row = db.prepare('SELECT doc, updated_at AS updatedAt FROM settings WHERE id = 1').get() as StoredSettings | undefined
  return row
}

export function writeSettingsRow(db: Database, doc: string, updatedAt: string): void {
  db.transaction(() => {
    db.prepare(
      'INSERT INTO settings (id, doc, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at',
    ).run(doc, updatedAt)
    db.prepare('INSERT INTO settings_history (saved_at, doc) VALUES (?, ?)').run(updatedAt, doc)
    // The funnel's stored won dates follow the won stages (repos/worked.ts).
    syncWonStages(db, doc)
  })()
}

export interface SettingsVersion {
  savedAt: string
  doc: string
}

/** Saved settings documents, newest first. */
export function settingsHistory(db: Database, limit = 200): SettingsVersion[] {
  return db.prepare('SELECT saved_at AS savedAt, doc FROM settings_history ORDER BY id DESC LIMIT ?').all(limit) as SettingsVersion[]
}
