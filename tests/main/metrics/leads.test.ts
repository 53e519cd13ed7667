import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { handoffMetrics, handoffOverview } from '../../../src/main/metrics/handoff'
import { leadDetail, leadTable } from '../../../src/main/metrics/leads'
import { gradeHistory } from '../../../src/main/metrics/grade-history'
import { handoffScope } from '../../../src/main/metrics/scope'
import { saveSettings } from '../../../src/main/services/settings'
import { AppError } from '../../../src/main/errors'
import { leadQuery, type LeadQuery } from '../../../src/shared/handoff'
import { defaultSettings } from '../../../src/shared/settings'
import { insertLeads, insertOpportunities, type LeadFields } from '../../helpers/leads'
import { testWorkspace, type TestWorkspace } from '../../helpers/import'

let ws: TestWorkspace
beforeEach(async () => {
  ws = await testWorkspace()
})
afterEach(() => ws.db.close())

const s = defaultSettings()
const asOf = '2025-08-15T12:00:00'
const T = Date.parse('2025-08-15T16:00:00.000Z')
const before = (h: number): string => new Date(T - h * 3_600_000).toISOString()

const query = (over: Partial<LeadQuery> = {}): LeadQuery => leadQuery(asOf, { sort: 'handedOffAt', ...over })

const LEADS: LeadFields[] = [
  {
    external_id: 'A-1',
    name: 'Ada Lovelace',
    company: 'Analytical',
    grade: 'A',
    owner: 'Ana',
    lead_source: 'Webinar',
    handed_off_at: before(10),
  },
  { external_id: 'A-2', name: 'bob stone', company: 'Quarry 50%', grade: 'A', owner: 'Ana', lead_source: 'Web', handed_off_at: before(2) },
  {
    external_id: 'A-3',
    name: 'Cy Young',
    grade: 'B',
    owner: 'Ben',
    lead_source: 'Web',
    handed_off_at: before(30),
    first_touch_at: before(29),
  },
  {
    external_id: 'A-4',
    name: 'Di Prince',
    grade: 'B',
    owner: 'Ben',
    handed_off_at: before(50),
    rejected_at: before(40),
    rejection_reason: 'Not a fit',
  },
  { external_id: 'A-5', name: null, grade: null, owner: null, handed_off_at: before(60), recycled_at: before(5) },
  { external_id: 'A-6', name: 'Eve Future', grade: 'A', owner: 'Ana', handed_off_at: before(-5) },
]

describe('lead table', () => {
  it('lists the leads handed off by T with the statuses of the metrics', () => {
    insertLeads(ws.db, LEADS)
    const page = leadTable(ws.db, s, query(), new Date(0))
    expect(page.total).toBe(5)
    expect(page.rows.map((r) => [r.externalId, r.status, r.elapsedHours, r.limitHours])).toEqual([
      ['A-5', 'recycled', 55, 72], // waited until it was recycled
      ['A-4', 'rejected', 10, 24],
      ['A-3', 'worked', 1, 24],
      ['A-1', 'breached', 10, 4],
      ['A-2', 'waiting', 2, 4],
    ])
    const o = handoffMetrics(handoffOverview(ws.db, s, handoffScope(s, { asOf, from: null, to: null }, new Date(0))))
    expect(leadTable(ws.db, s, query({ status: 'breached' }), new Date(0)).total).toBe(o.breached)
    expect(leadTable(ws.db, s, query({ status: 'backlog' }), new Date(0)).total).toBe(o.backlog)
  })

  it('filters by status, owner, grade and source, "" meaning none', () => {
    insertLeads(ws.db, LEADS)
    const ids = (q: Partial<LeadQuery>): string[] => leadTable(ws.db, s, query(q), new Date(0)).rows.map((r) => r.externalId)
    expect(ids({ status: 'worked' })).toEqual(['A-3'])
    expect(ids({ status: 'rejected' })).toEqual(['A-4'])
    expect(ids({ status: 'recycled' })).toEqual(['A-5'])
    expect(ids({ owner: 'Ana' })).toEqual(['A-1', 'A-2'])
    expect(ids({ owner: '' })).toEqual(['A-5'])
    expect(ids({ grade: 'B', source: 'Web' })).toEqual(['A-3'])
    expect(ids({ source: '' })).toEqual(['A-5', 'A-4'])
  })

  it('filters by rejection reason (a board link to a reason opens exactly those leads), "" meaning rejected without one', () => {
    insertLeads(ws.db, [
      ...LEADS,
      { external_id: 'A-7', name: 'Gil', owner: 'Ben', handed_off_at: before(20), rejected_at: before(19), rejection_reason: 'No budget' },
      { external_id: 'A-8', name: 'Hal', owner: 'Ben', handed_off_at: before(25), rejected_at: before(24) },
    ])
    const ids = (q: Partial<LeadQuery>): string[] => leadTable(ws.db, s, query(q), new Date(0)).rows.map((r) => r.externalId)
    expect(ids({ status: 'rejected' })).toEqual(['A-4', 'A-8', 'A-7'])
    expect(ids({ reason: 'Not a fit' })).toEqual(['A-4'])
    expect(ids({ reason: 'No budget' })).toEqual(['A-7'])
    expect(ids({ reason: '' })).toEqual(['A-8'])
    expect(ids({ reason: null })).toHaveLength(7)
  })

  it('searches name, company, email and id, with % and _ taken literally', () => {
    insertLeads(ws.db, LEADS)
    const ids = (search: string): string[] => leadTable(ws.db, s, query({ search }), new Date(0)).rows.map((r) => r.externalId)
    expect(ids('ADA')).toEqual(['A-1'])
    expect(ids('50%')).toEqual(['A-2'])
    expect(ids('%')).toEqual(['A-2'])
    expect(ids('a-3')).toEqual(['A-3'])
    expect(ids('nobody')).toEqual([])
  })

  it('sorts by any column both ways, empty values last, and pages without overlap', () => {
    insertLeads(ws.db, LEADS)
    const ids = (q: Partial<LeadQuery>): string[] => leadTable(ws.db, s, query(q), new Date(0)).rows.map((r) => r.externalId)
    expect(ids({ sort: 'name' })).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5'])
    expect(ids({ sort: 'name', descending: true })).toEqual(['A-4', 'A-3', 'A-2', 'A-1', 'A-5'])
    expect(ids({ sort: 'status' })).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5'])
    expect(ids({ sort: 'workedAt' })).toEqual(['A-4', 'A-3', 'A-1', 'A-2', 'A-5'])
    expect(ids({ sort: 'handedOffAt', descending: true, offset: 1, limit: 2 })).toEqual(['A-1', 'A-3'])
    expect(ids({ sort: 'handedOffAt', descending: true, offset: 3, limit: 2 })).toEqual(['A-4', 'A-5'])
  })
})

describe('lead table and breach counts agree', () => {
  it('gives every lead the same limit in SQL and in code, whatever its grade is written like', () => {
    const odd = { ...s, sla: { ...s.sla, clock: 'business' as const, firstTouchHours: { A: 4, é: 2, É: 30, b: 24, '*': 72 } } }
    const grades = ['A', ' a', 'b', 'B ', 'é', 'É', 'Z', null]
    insertLeads(
      ws.db,
      Array.from({ length: 160 }, (_, i) => ({
        external_id: `Q${i}`,
        grade: grades[i % grades.length] ?? null,
        handed_off_at: before(i * 1.5),
      })),
    )
    // One worked lead: the export carries worked dates, so the SLA can be measured.
    insertLeads(ws.db, [{ external_id: 'W', grade: 'A', handed_off_at: before(2), first_touch_at: before(1) }])
    const rows = leadTable(ws.db, odd, query({ limit: 500 }), new Date(0)).rows
    expect(rows).toHaveLength(161)
    for (const r of rows) expect(r.status === 'breached').toBe((r.elapsedHours as number) > r.limitHours)
    expect(new Set(rows.filter((r) => r.grade === 'é').map((r) => r.limitHours))).toEqual(new Set([2]))
    expect(new Set(rows.filter((r) => r.grade === ' a').map((r) => r.limitHours))).toEqual(new Set([4]))
    expect(new Set(rows.filter((r) => r.grade === 'B ').map((r) => r.limitHours))).toEqual(new Set([24]))
    const o = handoffOverview(ws.db, odd, handoffScope(odd, { asOf, from: null, to: null }, new Date(0)))
    expect(o.breached).toBe(rows.filter((r) => r.status === 'breached').length)
  })
})

describe('lead timeline', () => {
  it('lists every dated step and the linked opportunities in order', () => {
    insertLeads(ws.db, [
      {
        external_id: 'T-1',
        name: 'Tim',
        grade: 'A',
        handed_off_at: '2025-07-01T14:00:00.000Z',
        first_touch_at: '2025-07-01T15:00:00.000Z',
        accepted_at: '2025-07-02T14:00:00.000Z',
        qualified_at: '2025-07-03T14:00:00.000Z',
        opportunity_id: 'OPP-1',
      },
    ])
    insertOpportunities(ws.db, [
      { external_id: 'OPP-1', name: 'Tim deal', stage: 'Closed Won', created_at: '2025-07-04', close_date: '2025-07-30' },
      { external_id: 'OPP-2', stage: 'Closed Lost', close_date: '2025-08-02', lead_id: 'T-1' },
    ])
    const id = (ws.db.prepare("SELECT id FROM leads WHERE external_id = 'T-1'").get() as { id: number }).id
    const d = leadDetail(ws.db, s, id, asOf, new Date(0))
    expect(d.events.map((e) => [e.kind, e.at, e.detail])).toEqual([
      ['handedOff', '2025-07-01T14:00:00.000Z', undefined],
      ['firstTouch', '2025-07-01T15:00:00.000Z', undefined],
      ['accepted', '2025-07-02T14:00:00.000Z', undefined],
      ['qualified', '2025-07-03T14:00:00.000Z', undefined],
      ['opportunity', '2025-07-04', 'Tim deal · OPP-1 (Closed Won)'],
      ['won', '2025-07-30', 'Tim deal · OPP-1'],
      ['lost', '2025-08-02', 'OPP-2'],
    ])
    expect(d).toMatchObject({ status: 'worked', elapsedHours: 1, limitHours: 4 })
  })

  it('says so when the lead is gone', () => {
    expect(() => leadDetail(ws.db, s, 999, asOf, new Date(0))).toThrow(AppError)
  })
})

describe('grade history', () => {
  it('shows when each grade limit changed, newest first', () => {
    const base = defaultSettings()
    const sla = (firstTouchHours: Record<string, number>) => ({ ...base, sla: { ...base.sla, firstTouchHours } })
    saveSettings(ws.db, sla({ A: 8, B: 24, '*': 72 }), new Date('2026-01-10T09:00:00Z'))
    saveSettings(ws.db, { ...sla({ A: 8, B: 24, '*': 72 }), currency: 'EUR' }, new Date('2026-02-01T09:00:00Z'))
    saveSettings(ws.db, sla({ A: 4, B: 24, D: 96, '*': 72 }), new Date('2026-03-01T09:00:00Z'))
    const h = Object.fromEntries(gradeHistory(ws.db).map((g) => [g.grade, g.periods]))
    // The workspace started with the defaults (A 4, B 24, C 48, * 72).
    expect(h['A']).toEqual([
      { hours: 4, since: '2026-03-01T09:00:00.000Z' },
      { hours: 8, since: '2026-01-10T09:00:00.000Z' },
      { hours: 4, since: null },
    ])
    expect(h['B']).toEqual([{ hours: 24, since: null }])
    expect(h['C']).toEqual([
      { hours: null, since: '2026-01-10T09:00:00.000Z' },
      { hours: 48, since: null },
    ])
    expect(h['D']).toEqual([
      { hours: 96, since: '2026-03-01T09:00:00.000Z' },
      { hours: null, since: null },
    ])
    expect(gradeHistory(ws.db).map((g) => g.grade)).toEqual(['A', 'B', 'C', 'D', '*'])
  })
})
