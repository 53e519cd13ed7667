import type { Database } from 'better-sqlite3'
import type { MqlTarget } from '@shared/handoff'

export function listMqlTargets(db: Database): MqlTarget[] {
  return db.prepare('SELECT month, mqls FROM mql_targets ORDER BY month').all() as MqlTarget[]
}

/** Targets of the months from..to (YYYY-MM, inclusive). */
export function mqlTargetsBetween(db: Database, from: string, to: string): MqlTarget[] {
  return db.prepare('SELECT month, mqls FROM mql_targets WHERE month >= ? AND month <= ? ORDER BY month').all(from, to) as MqlTarget[]
}

/** Sets a month's MQL target, or removes it (null). */
export function setMqlTarget(db: Database, month: string, mqls: number | null, at: string): void {
  if (mqls === null) db.prepare('DELETE FROM mql_targets WHERE month = ?').run(month)
  else {
    db.prepare(
      'INSERT INTO mql_targets (month, mqls, updated_at) VALUES (?, ?, ?) ON CONFLICT (month) DO UPDATE SET mqls = excluded.mqls, updated_at = excluded.updated_at',
    ).run(month, mqls, at)
  }
}
