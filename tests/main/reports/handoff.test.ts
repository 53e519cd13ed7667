import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli'
import { openWorkspaceDb } from '../../../src/main/db/connection'
import { handoffMetrics, handoffOverview } from '../../../src/main/metrics/handoff'
import { handoffScope } from '../../../src/main/metrics/scope'
import { saveSettings } from '../../../src/main/services/settings'
import { defaultSettings } from '../../../src/shared/settings'
import { insertLeads, insertOpportunities } from '../../helpers/leads'
import { tmpDir } from '../../helpers/tmp'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

const T = Date.parse('2025-08-15T16:00:00.000Z')
const before = (h: number): string => new Date(T - h * 3_600_000).toISOString()

async function workspace(): Promise<string> {
  const path = join(tmpDir(), 'ws.sqlite')
  const db = await openWorkspaceDb(path, { create: true })
  saveSettings(db, { ...defaultSettings(), sla: { ...defaultSettings().sla, clock: 'business' } })
  insertLeads(db, [
    { external_id: 'a', grade: 'A', lead_source: 'Webinar', handed_off_at: before(30) },
    { external_id: 'b', grade: 'B', lead_source: 'Web', handed_off_at: before(3), first_touch_at: before(2), accepted_at: before(1) },
    { external_id: 'c', grade: 'C', lead_source: 'Web', handed_off_at: before(50), rejected_at: before(47), rejection_reason: 'Duplicate' },
    { external_id: 'd', grade: null, handed_off_at: before(300) },
  ])
  insertOpportunities(db, [{ external_id: 'o', stage: 'Closed Won', close_date: '2025-08-14', lead_id: 'b' }])
  db.close()
  return path
}

describe('report handoff', () => {
  it('prints exactly the documented keys, the same numbers as the metric code', async () => {
    const db = await workspace()
    const r = await cli('report', 'handoff', '--db', db, '--as-of', '2025-08-15T12:00:00', '--json')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const printed = JSON.parse(r.stdout) as Record<string, unknown>
    expect(Object.keys(printed)).toEqual([
      'backlog',
      'breached',
      'aging',
      'slaAttainment',
      'medianHoursToFirstTouch',
      'acceptanceRate',
      'rejectionRate',
      'rejectionReasons',
      'slaMeasurable',
      'slaNeeds',
    ])
    expect(Object.keys(printed['aging'] as object)).toEqual(['<4h', '4-24h', '1-3d', '3-7d', '>7d'])
    const opened = await openWorkspaceDb(db)
    const settings = { ...defaultSettings(), sla: { ...defaultSettings().sla, clock: 'business' as const } }
    const direct = handoffMetrics(
      handoffOverview(opened, settings, handoffScope(settings, { asOf: '2025-08-15T12:00:00', from: null, to: null }, new Date())),
    )
    opened.close()
    expect(printed).toEqual(direct)
    expect(printed).toMatchObject({ backlog: 2, acceptanceRate: 0.5, rejectionRate: 0.5, rejectionReasons: { Duplicate: 1 } })
  })

  it('takes a window and prints readable text without --json', async () => {
    const db = await workspace()
    const r = await cli('report', 'handoff', '--db', db, '--as-of', '2025-08-15T12:00:00', '--from', '2025-08-15', '--to', '2025-08-15')
    expect(r.code).toBe(0)
    // a: Thursday 06:00 to Friday 12:00 is 11 business hours (limit 4); d: 75 business hours (limit 72).
    expect(r.stdout).toContain('Backlog                  2 (2 breached)')
    expect(r.stdout).toContain('Acceptance rate          100.0 %')
    expect(r.stdout).toContain('Rejection reasons        none')
  })

  it('refuses bad options with one line and a non-zero status', async () => {
    const db = await workspace()
    let r = await cli('report', 'handoff', '--db', db, '--as-of', 'yesterday', '--json')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('tandem: as-of "yesterday" is not a date and time (write 2025-08-15T12:00:00 or 2025-08-15)')
    r = await cli('report', 'handoff', '--db', db, '--from', '2025-08-01', '--json')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('tandem: give both --from and --to, or neither')
    r = await cli('report', 'handoff', '--db', db, '--window', '30')
    expect(r.code).toBe(2)
    expect(r.stderr.split('\n')).toHaveLength(1)
  })
})

describe('report funnel', () => {
  it('prints the steps, by source and by cohort month', async () => {
    const db = await workspace()
    const r = await cli('report', 'funnel', '--db', db, '--json')
    expect(r.code).toBe(0)
    const f = JSON.parse(r.stdout) as {
      from: string
      to: string
      steps: { step: string; count: number }[]
      bySource: unknown[]
      byCohort: { month: string }[]
    }
    expect(Object.keys(f)).toEqual(['from', 'to', 'asOf', 'steps', 'bySource', 'byCohort'])
    expect(f.steps.map((s) => [s.step, s.count])).toEqual([
      ['handedOff', 4],
      ['accepted', 1],
      ['qualified', 1],
      ['opportunity', 1],
      ['won', 1],
    ])
    expect(f.byCohort.map((c) => c.month)).toEqual(['2025-08'])
    const text = await cli('report', 'funnel', '--db', db, '--from', '2025-08-01', '--to', '2025-08-31')
    expect(text.stdout).toContain('Leads handed off 2025-08-01 – 2025-08-31')
    expect(text.stdout).toMatch(/Won\s+1\s+100\.0 %/)
  })
})
