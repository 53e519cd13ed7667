import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION, openWorkspaceDb } from '../../../src/main/db/connection'
import { migrations } from '../../../src/main/db/migrations'
import { handoffMetrics, handoffOverview } from '../../../src/main/metrics/handoff'
import { handoffScope } from '../../../src/main/metrics/scope'
import { defaultSettings } from '../../../src/shared/settings'
import { tmpDir } from '../../helpers/tmp'

describe('migration 9 (the opportunity date on leads)', () => {
  it('fills in each lead’s earliest opportunity date, both ways, and the backlog reads it', async () => {
    const path = join(tmpDir(), 'ws.sqlite')
    const v8 = await openWorkspaceDb(path, { create: true, migrations: migrations.filter((m) => m.version <= 8) })
    v8.exec(`
      INSERT INTO import_batches (kind, source_system, file_name, file_path, file_hash, file_size, format, options, started_at, committed_at,
                                  rows_read, new_count, changed_count, unchanged_count, invalid_count, duplicate_count)
        VALUES ('leads', 'crm', 'x.csv', '/x.csv', '', 0, 'csv', '{}', '', '', 0, 0, 0, 0, 0, 0);
      INSERT INTO leads (source_system, external_id, handed_off_at, opportunity_id, created_batch_id, batch_id) VALUES
        ('crm', 'L1', '2025-08-01T12:00:00.000Z', NULL, 1, 1),
        ('crm', 'L2', '2025-08-01T12:00:00.000Z', 'O2', 1, 1),
        ('crm', 'L3', '2025-08-01T12:00:00.000Z', 'O3', 1, 1),
        ('crm', 'L4', '2025-08-01T12:00:00.000Z', NULL, 1, 1);
      INSERT INTO opportunities (source_system, external_id, stage, created_at, lead_id, created_batch_id, batch_id) VALUES
        ('crm', 'O1', 'Prospecting', '2025-08-09', 'L1', 1, 1),
        ('crm', 'O1b', 'Prospecting', '2025-08-05', 'L1', 1, 1),
        ('crm', 'O2', 'Prospecting', '2025-08-07', NULL, 1, 1),
        ('crm', 'O3', 'Prospecting', '2025-08-20', 'L2', 1, 1),
        ('crm', 'O4', 'Prospecting', NULL, 'L4', 1, 1);
    `)
    v8.close()

    const db = await openWorkspaceDb(path)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    // L2 names O2 (7 August) and O3 names L2 (20 August): the earlier. O4 has no created date.
    expect(db.prepare('SELECT external_id, opp_created_on FROM leads ORDER BY id').raw().all()).toEqual([
      ['L1', '2025-08-05'],
      ['L2', '2025-08-07'],
      ['L3', '2025-08-20'],
      ['L4', null],
    ])
    const s = defaultSettings()
    const backlog = (asOf: string): number | null =>
      handoffMetrics(handoffOverview(db, s, handoffScope(s, { asOf, from: null, to: null }, new Date(0)))).backlog
    expect([backlog('2025-08-04T12:00'), backlog('2025-08-06T12:00'), backlog('2025-08-08T00:00'), backlog('2025-08-21T00:00')]).toEqual([
      4, 3, 2, 1,
    ])
    db.close()
  })
})
