import { describe, expect, it } from 'vitest'
import { undoBatch } from '../../../src/main/db/repos/undo'
import { roiReport } from '../../../src/main/metrics/roi'
import { getSettings } from '../../../src/main/services/settings'
import type { RoiReport } from '../../../src/shared/roi'
import { addDays } from '../../../src/shared/time/calendar'
import { testWorkspace, type TestWorkspace } from '../../helpers/import'
import { seededRandom } from '../../helpers/random'
import { PROBED_LINKS } from '../../helpers/roi-probed'
import { importTable } from '../../helpers/targets'

/**
 * The ROI report over the linked leads' campaign and source stored on each deal (migration 12) against the
 * same report with every deal's leads probed at report time (the first way, `roi-probed.ts`), on generated
 * data with the awkward links: lead ids that name no lead, leads without campaign or source, several
 * leads naming one deal, a deal named from another source system, campaigns by CRM id and in other
 * cases, currencies without a rate. The data reaches the workspace through real imports, in the orders
 * that change links: deals before their leads, leads changed and added later, deals re-linked, and undos
 * of each.
 */

type Cell = string | null
const LEADS = ['external_id', 'campaign', 'lead_source', 'handed_off_at', 'qualified_at', 'opportunity_id']
const DEALS = ['external_id', 'stage', 'amount', 'currency', 'created_at', 'close_date', 'campaign', 'lead_source', 'lead_id']
const SPEND = ['campaign', 'campaign_id', 'channel', 'period', 'amount', 'currency']
const CAMPAIGNS = ['Webinar Q3', 'webinar q3', 'Trade Show', 'Paid Ads', '701PA', 'Podcast Spring', 'Unlisted']
const SOURCES = ['Webinar', 'webinar', 'Trade Show', 'Paid Search', 'Podcast', 'Outbound']
const STAGES = ['Closed Won', 'Closed Won', 'Closed Lost', 'Negotiation', 'Prospecting']
const CURRENCIES = ['USD', 'USD', 'EUR', 'GBP', 'JPY']
const DEAL_COUNT = 400
const LEAD_COUNT = 300

const r = seededRandom(20)
const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T
const maybe = <T>(p: number, v: T): T | null => (r() < p ? v : null)
const day = (): string => addDays('2024-10-01', Math.floor(r() * 450))

function deal(i: number): Cell[] {
  const created = day()
  return [
    `D${i}`,
    pick(STAGES),
    r() < 0.05 ? null : String(100 + Math.floor(r() * 9900)),
    pick(CURRENCIES),
    created,
    addDays(created, Math.floor(r() * 120)),
    maybe(0.5, pick(CAMPAIGNS)),
    maybe(0.5, pick(SOURCES)),
    // Some name a lead that is never imported.
    maybe(0.6, `L${Math.floor(r() * (LEAD_COUNT + 40))}`),
  ]
}

function lead(i: number): Cell[] {
  const handedOff = `${day()} 10:00`
  return [
    `L${i}`,
    maybe(0.8, pick(CAMPAIGNS)),
    maybe(0.8, pick(SOURCES)),
    handedOff,
    maybe(0.4, `${addDays(handedOff.slice(0, 10), 3)} 09:00`),
    // Several leads name the same few deals; some name a deal that does not exist.
    maybe(0.45, `D${Math.floor(r() * (DEAL_COUNT / 4 + 20))}`),
  ]
}

const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i)
const QUERIES = [
  { period: '2025-08', asOf: '2025-08-20' },
  { period: '2025-Q3', asOf: '2025-08-15' },
  { period: '2025-Q3', asOf: '2025-09-30' },
  { period: 'FY2025', asOf: '2025-06-30' },
  { period: 'FY2025', asOf: '2026-06-30' },
  { period: 'FY2026', asOf: '2026-06-30' },
]

function reports(ws: TestWorkspace): { stored: RoiReport[]; probed: RoiReport[] } {
  const settings = getSettings(ws.db).settings
  // A fiscal year from April spans two calendar years (leads and deals are read a year at a time), and
  // so does a year that starts in Auckland on the UTC instants of the leads.
  const each = [settings, { ...settings, fiscalYearStartMonth: 4 }, { ...settings, timezone: 'Pacific/Auckland' }].flatMap((s) =>
    QUERIES.map((q) => [s, q] as const),
  )
  return {
    stored: each.map(([s, q]) => roiReport(ws.db, s, q)),
    probed: each.map(([s, q]) => roiReport(ws.db, s, q, PROBED_LINKS)),
  }
}

/** The stored report equals the probed one, and has deals to show (a test of nothing would pass too). */
function expectSame(ws: TestWorkspace): RoiReport[] {
  const { stored, probed } = reports(ws)
  expect(stored).toEqual(probed)
  return stored
}

const total = (rs: RoiReport[], figure: 'opportunities' | 'sourcedWon' | 'influencedWon'): number =>
  rs.reduce((sum, r) => sum + r.campaigns.reduce((s, c) => s + c[figure], 0), 0)

describe('marketing ROI over the stored linked leads', () => {
  it('equals the report that probes the leads, through imports of deals and leads in either order and their undos', async () => {
    const ws = await testWorkspace()
    await importTable(
      ws,
      'spend',
      SPEND,
      [
        ['Webinar Q3', null, 'Webinar', '2025-Q3', '9200', 'USD'],
        ['Paid Ads', '701PA', 'Paid Search', '2025-08', '1000', 'EUR'],
        ['Trade Show', null, 'Trade Show', 'FY2025', '12000', 'USD'],
      ],
      'sheet',
    )
    const deals = range(DEAL_COUNT).map(deal)
    await importTable(ws, 'opportunities', DEALS, deals, 'crm')
    // A few deals of another system, whose ids the leads of 'crm' also use.
    await importTable(ws, 'opportunities', DEALS, range(30).map(deal), 'erp')
    const beforeLeads = expectSame(ws)

    // Leads after their deals: the deals take their linked leads' campaigns and sources.
    const leads = range(LEAD_COUNT).map(lead)
    const leadBatch = await importTable(ws, 'leads', LEADS, leads, 'crm')
    const withLeads = expectSame(ws)
    expect(total(withLeads, 'opportunities')).toBeGreaterThan(0)
    expect(total(withLeads, 'influencedWon')).toBeGreaterThan(total(beforeLeads, 'influencedWon'))
    expect(withLeads).not.toEqual(beforeLeads)

    // Leads changed (campaign, source, the deal they name) and added.
    const changed = leads.map((l, i) => (i % 3 === 0 ? [l[0] as string, ...lead(i).slice(1)] : l))
    const leadChange = await importTable(ws, 'leads', LEADS, [...changed, ...range(30, LEAD_COUNT).map(lead)], 'crm')
    expect(leadChange.changed).toBeGreaterThan(0)
    const afterLeadChange = expectSame(ws)
    expect(afterLeadChange).not.toEqual(withLeads)

    // Deals re-linked, stripped of their own campaign, and added (naming leads that exist by now).
    const relinked = deals.map((d, i) => (i % 4 === 0 ? [...d.slice(0, 6), null, null, `L${(i * 7) % (LEAD_COUNT + 30)}`] : d))
    const dealChange = await importTable(ws, 'opportunities', DEALS, [...relinked, ...range(40, DEAL_COUNT).map(deal)], 'crm')
    expect(dealChange.changed).toBeGreaterThan(0)
    expect(expectSame(ws)).not.toEqual(afterLeadChange)

    undoBatch(ws.db, dealChange.batchId as number)
    expect(expectSame(ws)).toEqual(afterLeadChange)
    undoBatch(ws.db, leadChange.batchId as number)
    expect(expectSame(ws)).toEqual(withLeads)
    undoBatch(ws.db, leadBatch.batchId as number)
    expect(expectSame(ws)).toEqual(beforeLeads)
    ws.db.close()
  })

  it('moves a deal to its lead when the lead arrives after it, and back when that import is undone', async () => {
    const ws = await testWorkspace()
    // D1 has no campaign of its own and names L1; D2 names no lead, but L2 (and later L3) name it.
    await importTable(
      ws,
      'opportunities',
      DEALS,
      [
        ['D1', 'Negotiation', '1000', 'USD', '2025-07-02', null, null, null, 'L1'],
        ['D2', 'Negotiation', '2000', 'USD', '2025-07-03', null, null, null, null],
      ],
      'crm',
    )
    const campaigns = (): Record<string, number> =>
      Object.fromEntries(
        roiReport(ws.db, getSettings(ws.db).settings, { period: '2025-Q3', asOf: '2025-09-30' }).campaigns.map((c) => [
          c.campaign,
          c.pipeline,
        ]),
      )
    expect(campaigns()).toEqual({})
    const first = await importTable(
      ws,
      'leads',
      LEADS,
      [
        ['L1', 'Webinar', 'Webinar', '2025-06-01 10:00', null, null],
        ['L2', 'Trade Show', 'Trade Show', '2025-06-01 10:00', null, 'D2'],
      ],
      'crm',
    )
    expect(campaigns()).toEqual({ Webinar: 1000, 'Trade Show': 2000 })
    // L2 now names nothing and L3 names D2: D2 follows L3.
    const second = await importTable(
      ws,
      'leads',
      LEADS,
      [
        ['L2', 'Trade Show', 'Trade Show', '2025-06-01 10:00', null, null],
        ['L3', 'Podcast', 'Podcast', '2025-06-02 10:00', null, 'D2'],
      ],
      'crm',
    )
    expect(campaigns()).toEqual({ Webinar: 1000, Podcast: 2000 })
    undoBatch(ws.db, second.batchId as number)
    expect(campaigns()).toEqual({ Webinar: 1000, 'Trade Show': 2000 })
    undoBatch(ws.db, first.batchId as number)
    expect(campaigns()).toEqual({})
    ws.db.close()
  })
})
