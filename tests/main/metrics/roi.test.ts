import { describe, expect, it } from 'vitest'
import { roiReport } from '../../../src/main/metrics/roi'
import { getSettings } from '../../../src/main/services/settings'
import type { CampaignRoi, ChannelRoi, RoiReport } from '../../../src/shared/roi'
import { testWorkspace, type TestWorkspace } from '../../helpers/import'
import { importTable } from '../../helpers/targets'

/**
 * A hand-computed workspace for the Marketing ROI report. Default settings: USD at home, EUR 1.08, GBP
 * 1.27, no JPY rate; "Closed Won" won, "Negotiation" open, "Closed Lost" lost; Webinar, Trade Show and
 * Paid Search map to marketing, Podcast to nothing. Every expected number is worked out in the comments.
 */

const SPEND = ['campaign', 'campaign_id', 'channel', 'period', 'start_date', 'end_date', 'amount', 'currency']
const LEADS = ['external_id', 'campaign', 'lead_source', 'handed_off_at', 'qualified_at', 'opportunity_id']
const DEALS = ['external_id', 'stage', 'amount', 'currency', 'created_at', 'close_date', 'campaign', 'lead_source', 'lead_id']

async function workspace(): Promise<TestWorkspace> {
  const ws = await testWorkspace()
  const spend = await importTable(
    ws,
    'spend',
    SPEND,
    [
      ['Webinar Q3', null, 'webinar', '2025-Q3', null, null, '9200', 'USD'], // 92 days: 100 a day
      ['Trade Show', null, 'Trade Show', null, '2025-06-16', '2025-07-15', '3000', 'USD'], // 30 days, 15 of them in July
      ['Paid Ads', '701PA', 'Paid Search', '2025-08', null, null, '1000', 'EUR'], // 1080 USD
      ['PAID ADS', null, 'Paid Search', '2025-09', null, null, '10000', 'JPY'], // the same campaign; no rate: left out
      ['Print', null, null, '2025-08', null, null, '700', 'USD'], // no lead or deal names it
    ],
    'sheet',
  )
  expect(spend.invalid).toBe(0)
  await importTable(
    ws,
    'opportunities',
    DEALS,
    [
      // sourced by Trade Show (its own campaign), influenced by Webinar Q3 (LA1 names it)
      ['D1', 'Closed Won', '10000', 'USD', '2025-07-05', '2025-08-10', 'Trade Show', 'Trade Show', null],
      // no campaign: belongs to its linked lead LA2's (Webinar Q3), which also influences it
      ['D2', 'Closed Won', '5000', 'EUR', '2025-07-20', '2025-09-01', null, null, 'LA2'],
      // open; no campaign and no lead id, but LA2 names it as its opportunity: Webinar Q3's pipeline
      ['D3', 'Negotiation', '20000', 'USD', '2025-08-01', null, null, null, null],
      // names Paid Ads by its CRM id; created before the quarter
      ['D4', 'Closed Won', '8000', 'USD', '2025-06-01', '2025-07-20', '701PA', 'Paid Search', null],
      // closed after the quarter
      ['D5', 'Closed Won', '3000', 'USD', '2025-09-20', '2025-10-05', 'Webinar Q3', 'Webinar', null],
      // 2000 GBP = 2540 USD
      ['D6', 'Closed Won', '2000', 'GBP', '2025-09-01', '2025-09-15', 'Webinar Q3', 'Webinar', null],
      // no JPY rate: left out, counted
      ['D7', 'Closed Won', '1000', 'JPY', '2025-08-10', '2025-08-20', 'Trade Show', 'Trade Show', null],
      ['D8', 'Closed Lost', '4000', 'USD', '2025-08-05', '2025-08-25', 'Trade Show', 'Trade Show', null],
    ],
    'crm',
  )
  await importTable(
    ws,
    'leads',
    LEADS,
    [
      ['LA1', 'Webinar Q3', 'Webinar', '2025-07-02 10:00', null, 'D1'],
      // handed off before the quarter, qualified in it; linked to two deals (D2 names it, it names D3)
      ['LA2', 'webinar q3', 'Webinar', '2025-06-28 10:00', '2025-07-15 10:00', 'D3'],
      ['LA3', 'Trade Show', 'Trade Show', '2025-07-03 09:00', '2025-07-04 09:00', null],
      ['LA4', 'Trade Show', 'Trade Show', '2025-08-01 09:00', null, null],
      ['LA5', 'Webinar Q3', 'Webinar', '2025-10-01 09:00', null, null],
      ['LA6', 'Podcast', 'Podcast', '2025-08-01 09:00', null, null],
    ],
    'crm',
  )
  return ws
}

const report = (ws: TestWorkspace, period: string, asOf: string): RoiReport =>
  roiReport(ws.db, getSettings(ws.db).settings, { period, asOf })
const campaign = (r: RoiReport, name: string): CampaignRoi | undefined => r.campaigns.find((c) => c.campaign === name)
const channel = (r: RoiReport, name: string): ChannelRoi | undefined => r.channels.find((c) => c.channel === name)

describe('marketing ROI: a quarter with sourced, influenced and overlapping deals', () => {
  it('credits sourced, influenced and overlap per campaign, with costs and return on spend', async () => {
    const ws = await workspace()
    const r = report(ws, '2025-Q3', '2025-09-30')
    expect(campaign(r, 'Webinar Q3')).toEqual({
      campaign: 'Webinar Q3',
      ids: [],
      spend: 9200,
      mqls: 1, // LA1 (LA2 was handed off in June, LA5 in October)
      sqls: 1, // LA2
      opportunities: 4, // D2 and D3 through LA2, D5 (created in September, won in October) and D6 its own
      pipeline: 20000, // D3, the open one
      sourcedWon: 7940, // D2 5400 + D6 2540
      influencedWon: 15400, // D1 10000 (LA1) + D2 5400 (LA2)
      overlapWon: 5400, // D2
      wonDeals: 2,
      costPerMql: 9200,
      costPerSql: 9200,
      costPerWon: 4600,
      roi: (7940 - 9200) / 9200,
    })
    expect(campaign(r, 'Trade Show')).toEqual({
      campaign: 'Trade Show',
      ids: [],
      spend: 1500, // 3000 × 15 / 30
      mqls: 2,
      sqls: 1,
      opportunities: 3, // D1, D7, D8
      pipeline: 0,
      sourcedWon: 10000, // D1; D7 (JPY) left out
      influencedWon: 0,
      overlapWon: 0,
      wonDeals: 1,
      costPerMql: 750,
      costPerSql: 1500,
      costPerWon: 1500,
      roi: (10000 - 1500) / 1500,
    })
    expect(campaign(r, 'Paid Ads')).toMatchObject({
      ids: ['701PA'],
      spend: 1080, // 1000 EUR; the JPY row left out
      opportunities: 0, // D4 was created in June
      sourcedWon: 8000, // D4 names it by its id
      costPerMql: null,
      costPerSql: null,
      costPerWon: 1080,
      roi: (8000 - 1080) / 1080,
    })
    // Leads and no spend: named, not counted as 0, and nothing divides by it.
    expect(campaign(r, 'Podcast')).toMatchObject({ spend: null, mqls: 1, costPerMql: null, costPerWon: null, roi: null })
    expect(r.campaigns.map((c) => c.campaign)).toEqual(['Trade Show', 'Paid Ads', 'Webinar Q3', 'Podcast'])
    expect(r.unmatchedSpend).toEqual([{ campaign: 'Print', ids: [], spend: 700 }])
    // The JPY spend row and D7.
    expect(r.unconvertible).toBe(2)
    expect(r.unconvertibleCurrencies).toEqual([{ currency: 'JPY', count: 2 }])
    expect(r.hasSpend).toBe(true)
  })

  it('gives the same figures per channel, spelled as the settings spell the source', async () => {
    const ws = await workspace()
    const r = report(ws, '2025-Q3', '2025-09-30')
    expect(channel(r, 'Webinar')).toMatchObject({
      sourcedBy: 'marketing',
      spend: 9200, // its campaign's type is "webinar"
      mqls: 1,
      sqls: 1,
      opportunities: 4,
      pipeline: 20000,
      sourcedWon: 7940,
      influencedWon: 15400,
      overlapWon: 5400,
    })
    expect(channel(r, 'Trade Show')).toMatchObject({ spend: 1500, mqls: 2, sourcedWon: 10000, influencedWon: 0 })
    expect(channel(r, 'Paid Search')).toMatchObject({ spend: 1080, sourcedWon: 8000 })
    expect(channel(r, 'Podcast')).toMatchObject({ sourcedBy: null, spend: null, mqls: 1, roi: null })
  })

  it('spreads spend over the days of its period or date range', async () => {
    const ws = await workspace()
    const spendOf = (period: string, asOf: string): Record<string, number | null> =>
      Object.fromEntries(report(ws, period, asOf).campaigns.map((c) => [c.campaign, c.spend]))
    // July: 31 of Webinar Q3's 92 days, Trade Show's 15 July days.
    expect(spendOf('2025-07', '2025-07-31')).toMatchObject({ 'Webinar Q3': 3100, 'Trade Show': 1500 })
    // June: Trade Show's other 15 days; Webinar Q3 has not started.
    expect(spendOf('2025-06', '2025-06-30')).toMatchObject({ 'Trade Show': 1500 })
    expect(spendOf('2025-09', '2025-09-30')).toMatchObject({ 'Webinar Q3': 3000 })
    // As of 15 July: the quarter's first 15 days only.
    expect(spendOf('2025-Q3', '2025-07-15')).toMatchObject({ 'Webinar Q3': 1500, 'Trade Show': 1500 })
  })

  it('counts only what had happened by the as-of date', async () => {
    const ws = await workspace()
    const r = report(ws, '2025-Q3', '2025-08-15')
    // D1 and D4 closed by then; D2 and D6 not yet. LA1, LA3, LA4, LA6 handed off; LA2, LA3 qualified.
    expect(campaign(r, 'Webinar Q3')).toMatchObject({ mqls: 1, sqls: 1, sourcedWon: 0, influencedWon: 10000, overlapWon: 0 })
    expect(campaign(r, 'Trade Show')).toMatchObject({ mqls: 2, opportunities: 3, sourcedWon: 10000 })
  })

  it('is null where there is nothing to divide by, and empty before the period starts', async () => {
    const ws = await workspace()
    // October: Webinar Q3's spend is imported, none of it falls there (0, not unknown): no return on 0.
    const oct = report(ws, '2025-10', '2025-10-31')
    expect(campaign(oct, 'Webinar Q3')).toMatchObject({ spend: 0, mqls: 1, sourcedWon: 3000, roi: null, costPerWon: 0 })
    const before = report(ws, '2025-Q3', '2025-06-30')
    expect(before.campaigns).toEqual([])
    expect(before.unmatchedSpend).toEqual([])
  })

  it('refuses a bad period or as-of date with one line', async () => {
    const ws = await testWorkspace()
    expect(() => report(ws, '2025-13', '2025-08-15')).toThrow(/"2025-13" is not a period/)
    expect(() => report(ws, '2025-Q3', 'tomorrow')).toThrow(/"tomorrow" is not a date/)
    expect(report(ws, '2025-Q3', '2025-08-15')).toMatchObject({ campaigns: [], channels: [], unmatchedSpend: [], hasSpend: false })
  })
})
