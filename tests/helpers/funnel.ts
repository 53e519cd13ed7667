import type { Database } from 'better-sqlite3'
import { storedWonStages, WON_STAGES_KEY } from '../../src/main/db/repos/worked'
import { funnelReport } from '../../src/main/metrics/funnel'
import type { FunnelQuery, FunnelReport } from '../../src/shared/handoff'
import type { Settings } from '../../src/shared/settings'

/**
 * The funnel as the version that joins every opportunity to its leads computes it: the report takes that
 * way when the won stages the stored facts follow are not recorded, so they are removed for the call and
 * put back after.
 */
export function joinedFunnel(db: Database, settings: Settings, query: FunnelQuery, now: Date): FunnelReport {
  const stored = storedWonStages(db)
  db.prepare('DELETE FROM meta WHERE key = ?').run(WON_STAGES_KEY)
  try {
    return funnelReport(db, settings, query, now)
  } finally {
    if (stored !== undefined) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(WON_STAGES_KEY, stored)
  }
}
