import type { Database } from 'better-sqlite3'
import { afterEach, beforeEach, expect, it, describe } from 'vitest'
import { undoBatch } from '../../../src/main/db/repos/undo'
import { funnelReport } from '../../../src/main/metrics/funnel'
import { handoffMetrics, handoffOverview } from '../../../src/main/metrics/handoff'
import { leadTable } from '../../../src/main/metrics/leads'
import { handoffScope } from '../../../src/main/metrics/scope'
import { getSettings } from '../../../src/main/services/settings'
import { leadQuery } from '../../../src/shared/handoff'
import { instantOf, isoOf } from '../../../src/shared/time/zones'
import { dataset, describeDatasets } from '../../helpers/datasets'
import { joinedFunnel } from '../../helpers/funnel'
import { importFile, testWorkspace, writeCsv, type TestWorkspace } from '../../helpers/import'

/**
 * A lead is worked at the earliest of its own dates and the created date of its opportunity (issue #14).
 * The opportunity's date is stored on the lead (migration 9) and kept by imports and undos, so the
 * handoff queries no longer join every opportunity to its leads. These tests compare what the metrics
 * read with the definition worked out here from the raw rows, after each import and undo, in both orders
 * (opportunities before or after their leads), on a seeded workspace and on a real export.
 */

let ws: TestWorkspace
beforeEach(async () => {
  ws = await testWorkspace()
})
afterEach(() => ws.db.close())

interface RawLead {
  id: number
  external_id: string
  handed_off_at: string | null
  first_touch_at: string | null
  accepted_at: string | null
  rejected_at: string | null
  qualified_at: string | null
  recycled_at: string | null
  opportunity_id: string | null
}

/** The worked time of every lead by PRODUCT.md's definition, from the raw rows (null: never worked). */
function expectedWorked(db: Database): Map<number, string | null> {
  const tz = getSettings(db).settings.timezone
  const leads = db.prepare('SELECT * FROM leads').all() as RawLead[]
  const opps = db.prepare('SELECT external_id, lead_id, created_at FROM opportunities WHERE created_at IS NOT NULL').all() as {
    external_id: string
    lead_id: string | null
    created_at: string
  }[]
  const out = new Map<number, string | null>()
  for (const l of leads) {
    const dates = [l.first_touch_at, l.accepted_at, l.rejected_at, l.qualified_at].filter((d): d is string => d !== null)
    for (const o of opps)
      if (o.lead_id === l.external_id || o.external_id === l.opportunity_id) dates.push(isoOf(instantOf(o.created_at, null, tz)))
    out.set(l.id, dates.length === 0 ? null : dates.sort()[0]!)
  }
  return out
}

/** What the lead table says of every handed-off lead's worked time, page by page. */
function tableWorked(db: Database, asOf: string): Map<number, string | null> {
  const settings = getSettings(db).settings
  const out = new Map<number, string | null>()
  for (let offset = 0; ; offset += 500) {
    const page = leadTable(db, settings, leadQuery(asOf, { limit: 500, offset }), new Date(0))
    for (const r of page.rows) out.set(r.id, r.workedAt)
    if (page.rows.length < 500) return out
  }
}

/** The backlog at T by the definition, from the raw rows. */
function expectedBacklog(db: Database, asOf: string): number {
  const worked = expectedWorked(db)
  const leads = db.prepare('SELECT * FROM leads').all() as RawLead[]
  return leads.filter(
    (l) =>
      l.handed_off_at !== null &&
      l.handed_off_at <= asOf &&
      (worked.get(l.id) === null || worked.get(l.id)! > asOf) &&
      (l.recycled_at === null || l.recycled_at > asOf),
  ).length
}

/**
 * Checks the table, the backlog and the stored dates against the definition, and the funnel from the
 * stored facts against the one that joins the opportunities (issue #19, 2), as of T.
 */
function check(db: Database, asOfLocal: string): void {
  const settings = getSettings(db).settings
  const asOf = isoOf(instantOf(asOfLocal.slice(0, 10), asOfLocal.slice(11, 16), settings.timezone))
  const expected = expectedWorked(db)
  const handedOff = new Set((db.prepare('SELECT id FROM leads WHERE handed_off_at <= ?').pluck().all(asOf) as number[]).values())
  const table = tableWorked(db, asOfLocal)
  expect(new Map([...expected].filter(([id]) => handedOff.has(id)))).toEqual(table)
  const m = handoffMetrics(handoffOverview(db, settings, handoffScope(settings, { asOf: asOfLocal, from: null, to: null }, new Date(0))))
  if (m.slaMeasurable) expect(m.backlog).toBe(expectedBacklog(db, asOf))
  const query = { from: null, to: null, asOf: asOfLocal }
  expect(funnelReport(db, settings, query, new Date(0))).toEqual(joinedFunnel(db, settings, query, new Date(0)))
}

const LEADS = [
  ['Lead ID', 'Handed off', 'First touch', 'Qualified', 'Converted Opportunity ID'],
  ['L1', '2025-08-01 09:00', '', '', ''],
  ['L2', '2025-08-01 10:00', '2025-08-12 10:00', '', ''],
  ['L3', '2025-08-02 10:00', '', '2025-08-09 10:00', 'O3'],
  ['L4', '2025-08-03 10:00', '', '', 'O4'],
  ['L5', '2025-08-03 11:00', '', '', ''],
]

describe('the opportunity date kept on leads', () => {
  it('follows imports and undos of opportunities and of leads, in either order', async () => {
    const leadsCsv = writeCsv(ws.dir, 'leads.csv', LEADS)
    const leads = await importFile(ws, leadsCsv, { overrides: { kind: 'leads' } })
    expect(leads).toMatchObject({ new: 5, invalid: 0 })
    check(ws.db, '2025-08-10T12:00')

    // L1 and L2 by lead id; L3 and L4 through their converted opportunity. O2 was created after L2's touch.
    const opps1 = writeCsv(ws.dir, 'opps1.csv', [
      ['Opportunity ID', 'Stage', 'Created', 'Close date', 'Lead ID'],
      ['O1', 'Closed Won', '2025-08-05', '2025-08-09', 'L1'],
      ['O2', 'Prospecting', '2025-08-20', '2025-09-30', 'L2'],
      ['O3', 'Closed Won', '2025-08-07', '2025-08-24', ''],
      ['O4', 'Prospecting', '', '2025-09-30', ''],
      ['O9', 'Prospecting', '2025-08-04', '2025-09-30', 'L1'],
    ])
    const first = await importFile(ws, opps1, { overrides: { kind: 'opportunities' } })
    expect(first).toMatchObject({ new: 5, invalid: 0 })
    expect(ws.db.prepare('SELECT external_id, opp_created_on FROM leads ORDER BY id').raw().all()).toEqual([
      ['L1', '2025-08-04'],
      ['L2', '2025-08-20'],
      ['L3', '2025-08-07'],
      ['L4', null], // its opportunity has no created date
      ['L5', null],
    ])
    for (const t of ['2025-08-04T00:00', '2025-08-06T12:00', '2025-08-10T12:00', '2025-08-25T12:00']) check(ws.db, t)
    // The funnel's facts: O1 and O3 won (by close date), L4's opportunity known from its close date.
    expect(ws.db.prepare('SELECT external_id, opp_known_on, opp_won_on FROM leads ORDER BY id').raw().all()).toEqual([
      ['L1', '2025-08-04', '2025-08-09'],
      ['L2', '2025-08-20', null],
      ['L3', '2025-08-07', '2025-08-24'],
      ['L4', '2025-09-30', null],
      ['L5', null, null],
    ])
    // Worked from the start of 4 August in the workspace zone (New York), not from UTC midnight.
    expect(tableWorked(ws.db, '2025-08-10T12:00').get(1)).toBe('2025-08-04T04:00:00.000Z')

    // A later file moves O9 to L5 and O1's creation later: L1 now takes O1's date, L5 O9's.
    const opps2 = writeCsv(ws.dir, 'opps2.csv', [
      ['Opportunity ID', 'Stage', 'Created', 'Close date', 'Lead ID'],
      ['O1', 'Closed Lost', '2025-08-06', '2025-09-30', 'L1'],
      ['O9', 'Prospecting', '2025-08-04', '2025-09-30', 'L5'],
    ])
    const second = await importFile(ws, opps2, { overrides: { kind: 'opportunities' } })
    expect(second).toMatchObject({ changed: 2 })
    expect(ws.db.prepare("SELECT opp_created_on FROM leads WHERE external_id IN ('L1', 'L5') ORDER BY id").pluck().all()).toEqual([
      '2025-08-06',
      '2025-08-04',
    ])
    expect(ws.db.prepare("SELECT opp_won_on FROM leads WHERE external_id = 'L1'").pluck().get()).toBeNull()
    check(ws.db, '2025-08-05T12:00')
    check(ws.db, '2025-08-12T12:00')

    undoBatch(ws.db, second.batchId!)
    expect(ws.db.prepare("SELECT opp_won_on FROM leads WHERE external_id = 'L1'").pluck().get()).toBe('2025-08-09')
    expect(ws.db.prepare("SELECT opp_created_on FROM leads WHERE external_id IN ('L1', 'L5') ORDER BY id").pluck().all()).toEqual([
      '2025-08-04',
      null,
    ])
    check(ws.db, '2025-08-05T12:00')

    // Leads arriving after their opportunities: a new lead named by an opportunity, and L4 now converted into O3.
    const moreLeads = writeCsv(ws.dir, 'leads2.csv', [
      ['Lead ID', 'Handed off', 'First touch', 'Qualified', 'Converted Opportunity ID'],
      ['L4', '2025-08-03 10:00', '', '', 'O3'],
      ['L6', '2025-08-01 12:00', '', '', 'O2'],
    ])
    const third = await importFile(ws, moreLeads, { overrides: { kind: 'leads' } })
    expect(third).toMatchObject({ new: 1, changed: 1 })
    expect(ws.db.prepare("SELECT opp_created_on FROM leads WHERE external_id IN ('L4', 'L6') ORDER BY id").pluck().all()).toEqual([
      '2025-08-07',
      '2025-08-20',
    ])
    check(ws.db, '2025-08-08T12:00')
    undoBatch(ws.db, third.batchId!)
    expect(ws.db.prepare("SELECT opp_created_on FROM leads WHERE external_id = 'L4'").pluck().get()).toBeNull()
    check(ws.db, '2025-08-08T12:00')

    undoBatch(ws.db, first.batchId!)
    expect(
      ws.db.prepare('SELECT count(*) FROM leads WHERE coalesce(opp_created_on, opp_known_on, opp_won_on) IS NOT NULL').pluck().get(),
    ).toBe(0)
    check(ws.db, '2025-08-10T12:00')
  })

  it('is not written by a preview', async () => {
    await importFile(ws, writeCsv(ws.dir, 'leads.csv', LEADS), { overrides: { kind: 'leads' } })
    const opps = writeCsv(ws.dir, 'opps.csv', [
      ['Opportunity ID', 'Stage', 'Created', 'Close date', 'Lead ID'],
      ['O1', 'Prospecting', '2025-08-05', '2025-09-30', 'L1'],
    ])
    await importFile(ws, opps, { mode: 'preview', overrides: { kind: 'opportunities' } })
    expect(ws.db.prepare('SELECT count(*) FROM leads WHERE opp_created_on IS NOT NULL').pluck().get()).toBe(0)
  })
})

describeDatasets('the opportunity date kept on leads, real Olist export', () => {
  it('matches the definition with the deals imported before or after the leads', async () => {
    // 842 deals linked to their MQLs by mql_id, without a created date: linked, and never worked by them.
    const mqls = dataset('olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv')
    const deals = dataset('olist-marketing-funnel/olist_closed_deals_dataset.csv')
    const opps = await importFile(ws, deals)
    const leads = await importFile(ws, mqls)
    expect([opps.kind, leads.kind]).toEqual(['opportunities', 'leads'])
    expect(ws.db.prepare('SELECT count(*) FROM leads l JOIN opportunities o ON o.lead_id = l.external_id').pluck().get()).toBe(842)
    for (const t of ['2017-12-01T12:00', '2018-06-30T12:00']) check(ws.db, t)
    const stored = (): unknown[] =>
      ws.db.prepare('SELECT external_id, opp_created_on, opp_known_on, opp_won_on FROM leads ORDER BY external_id').raw().all()
    const before = stored()
    undoBatch(ws.db, leads.batchId!)
    undoBatch(ws.db, opps.batchId!)
    await importFile(ws, mqls)
    await importFile(ws, deals)
    expect(stored()).toEqual(before)
    check(ws.db, '2018-06-30T12:00')
  })
})
