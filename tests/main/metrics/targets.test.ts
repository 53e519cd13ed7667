import { describe, expect, it } from 'vitest'
import { planGap, targetsReport } from '../../../src/main/metrics/targets'
import { getSettings, saveSettings } from '../../../src/main/services/settings'
import { defaultSettings, type Settings } from '../../../src/shared/settings'
import { monthSpans } from '../../../src/shared/targets'
import { testWorkspace, type TestWorkspace } from '../../helpers/import'
import { importLeads, importOpportunities, importTargets } from '../../helpers/targets'

/**
 * Every expected number below is worked out by hand in the comments next to it, from the rows the test
 * imports with the real import engine.
 */

function withSettings(ws: TestWorkspace, change: (s: Settings) => Settings): void {
  saveSettings(ws.db, change(getSettings(ws.db).settings))
}

const report = (ws: TestWorkspace, period: string, asOf: string) => targetsReport(ws.db, getSettings(ws.db).settings, { period, asOf })

describe('targets report: a quarter with every kind of deal', () => {
  async function workspace(): Promise<TestWorkspace> {
    const ws = await testWorkspace()
    // "Discovery" is open without a probability of its own: its weight comes from the exported column.
    withSettings(ws, (s) => ({ ...s, stages: [...s.stages, { match: 'Discovery', category: 'open' }] }))
    await importOpportunities(ws, [
      ['W1', 'Closed Won', '10000', 'USD', '2025-07-01', 'Webinar', null, null], // first day of P, marketing
      ['W2', 'closed won', '5000', 'EUR', '2025-08-15', 'Outbound', null, null], // on D, sales; 5000 × 1.08 = 5400 USD
      ['W3', 'Closed Won', '2000', 'USD', '2025-08-16', 'Webinar', null, null], // after D: not closed-won yet
      ['W4', 'Closed Won', '1000', 'USD', '2025-06-30', 'Webinar', null, null], // before P (in the gap plan's window)
      ['W5', 'Closed Won', '300000', 'JPY', '2025-07-10', 'Partner Referral', null, null], // no JPY rate: left out, counted
      ['O1', 'Negotiation', '20000', 'USD', '2025-09-30', 'PARTNER REFERRAL', null, null], // last day of P, open 60 %; any case
      ['O2', 'Prospecting', '10000', 'USD', '2025-07-05', null, 'LEAD-1', null], // open, dated before D; source from its lead
      ['O3', 'Custom Stage', '7000', 'USD', '2025-08-01', 'Webinar', null, null], // unmapped stage: left out, listed
      ['O4', 'Discovery', '8000', 'USD', '2025-09-01', null, null, '25'], // weight from the probability column: 2000
      ['O5', 'Discovery', '4000', 'USD', '2025-09-02', null, null, null], // no probability anywhere: weight 0
      ['O6', 'Negotiation', '1000', 'USD', '2025-09-10', 'Podcast', null, null], // unmapped source: unknown, listed
      ['L1', 'Closed Lost', '9000', 'USD', '2025-07-20', 'Webinar', null, null],
      ['O7', 'Negotiation', '1000', 'GBP', '2025-10-01', 'Webinar', null, null], // after P
    ])
    await importLeads(ws, [
      ['LEAD-1', 'Trade Show', '2025-06-01 10:00', '2025-06-05 10:00', 'O2'],
      ['LEAD-2', 'Webinar', '2025-07-01 09:00', '2025-07-03 09:00', null],
      ['LEAD-3', 'Webinar', '2025-08-01 09:00', null, null],
      ['LEAD-4', 'Webinar', '2025-08-15 23:30', null, null], // late on D in New York: still D
      ['LEAD-5', 'Webinar', '2024-01-01 09:00', '2024-01-02 09:00', null], // before the window
      ['LEAD-6', 'Webinar', '2025-08-16 00:30', null, null], // after D
    ])
    // No quarter row: 2025-Q3 is the sum of its months.
    await importTargets(ws, [
      ['2025-07', '30000', 'joint', null],
      ['2025-08', '30000', null, null],
      ['2025-09', '40000', null, null],
      ['2025-Q3', '60000', 'sales', null],
      ['2025-Q3', '50000', 'marketing', null],
      ['2025-Q3', '300', 'marketing', 'MQL'],
    ])
    return ws
  }

  it('computes every metric of PRODUCT.md', async () => {
    const ws = await workspace()
    const r = report(ws, '2025-Q3', '2025-08-15')
    expect(r.range).toEqual({ start: '2025-07-01', end: '2025-09-30' })
    expect(r.metrics.target).toBe(100000)
    expect(r.metrics.closedWon).toBe(15400) // W1 10000 + W2 5400
    expect(r.metrics.attainment).toBeCloseTo(0.154, 12)
    // Days elapsed: 31 in July + 15 in August = 46 of 92.
    expect(r.metrics.expectedToDate).toBe(50000)
    expect(r.metrics.pace).toBeCloseTo(15400 / 50000, 12)
    expect(r.metrics.gap).toBe(84600)
    expect(r.metrics.openPipeline).toBe(43000) // O1 20000 + O2 10000 + O4 8000 + O5 4000 + O6 1000
    expect(r.metrics.weightedPipeline).toBe(15600) // 12000 + 1000 + 2000 + 0 + 600
    expect(r.metrics.forecast).toBe(31000)
    expect(r.metrics.coverage).toBeCloseTo(43000 / 84600, 12)
    expect(r.metrics.unconvertible).toBe(1)
    expect(r.unconvertibleCurrencies).toEqual([{ currency: 'JPY', count: 1 }])
    expect(r.metrics.bySource).toEqual({
      marketing: { closedWon: 10000, openPipeline: 10000 }, // O2 through LEAD-1's Trade Show
      sales: { closedWon: 5400, openPipeline: 0 },
      partner: { closedWon: 0, openPipeline: 20000 },
      unknown: { closedWon: 0, openPipeline: 13000 }, // O4, O5 (no source), O6 (Podcast)
    })
    expect(r.marketingShare).toBeCloseTo(10000 / 15400, 12)
    expect(r.unmappedStages).toEqual([{ value: 'Custom Stage', count: 1 }])
    expect(r.unmappedSources).toEqual([{ value: 'Podcast', count: 1 }])
    expect(r.hasTarget).toBe(true)
    expect(r.opportunitiesInPeriod).toBe(11) // all but W4 and O7
    expect(r.dataRange).toEqual({ start: '2025-06-30', end: '2025-10-01' })
  })

  it('plans the gap from the trailing rates', async () => {
    const ws = await workspace()
    const { gapPlan } = report(ws, '2025-Q3', '2025-08-15')
    expect(gapPlan.window).toEqual({ start: '2024-08-16', end: '2025-08-15' })
    // Won in the window: W1, W2, W4, W5 (the JPY deal counts for the win rate, not for the deal size); lost: L1.
    expect([gapPlan.won, gapPlan.lost]).toEqual([4, 1])
    expect(gapPlan.winRate).toBe(0.8)
    expect(gapPlan.averageWonDeal).toBe(5466.67) // (10000 + 5400 + 1000) / 3, to the cent
    // LEAD-1..4 handed off in the window; LEAD-1 and LEAD-2 qualified; LEAD-1 has an opportunity.
    expect([gapPlan.handedOff, gapPlan.qualified, gapPlan.converted]).toEqual([4, 2, 1])
    expect(gapPlan.mqlToSql).toBe(0.5)
    expect(gapPlan.sqlToOpportunity).toBe(0.5)
    // ⌈84600 / (5466.67 × 0.8)⌉ = ⌈19.34⌉ = 20 opportunities; 20 / 0.5 = 40 SQLs; 40 / 0.5 = 80 MQLs.
    expect([gapPlan.opportunities, gapPlan.sqls, gapPlan.mqls]).toEqual([20, 40, 80])
  })

  it("measures each team's own targets", async () => {
    const ws = await workspace()
    const { teams } = report(ws, '2025-Q3', '2025-08-15')
    expect(teams.salesBookings).toEqual({ target: 60000, actual: 15400, missingMonths: [] })
    expect(teams.marketingPipeline).toEqual({ target: 50000, actual: 20000, missingMonths: [] }) // won 10000 + open 10000
    expect(teams.mqls).toEqual({ target: 300, actual: 3, missingMonths: [] }) // LEAD-2, LEAD-3, LEAD-4
  })

  it('splits closed-won and pipeline by source per month, and draws the cumulative line up to D', async () => {
    const ws = await workspace()
    const r = report(ws, '2025-Q3', '2025-08-15')
    expect(r.months.map((m) => m.month)).toEqual(['2025-07', '2025-08', '2025-09'])
    expect(r.months[0]).toEqual({
      month: '2025-07',
      closedWon: { marketing: 10000, sales: 0, partner: 0, unknown: 0 },
      openPipeline: { marketing: 10000, sales: 0, partner: 0, unknown: 0 },
    })
    expect(r.months[1]!.closedWon.sales).toBe(5400)
    expect(r.months[2]!.openPipeline).toEqual({ marketing: 0, sales: 0, partner: 20000, unknown: 13000 })
    expect(r.pace).toHaveLength(92)
    expect(r.pace[0]).toEqual({ date: '2025-07-01', closedWon: 10000, linear: Math.round(100000_00 / 92) / 100, seasonal: null })
    expect(r.pace.find((p) => p.date === '2025-08-15')).toMatchObject({ closedWon: 15400, linear: 50000 })
    expect(r.pace.find((p) => p.date === '2025-08-16')!.closedWon).toBeNull()
    expect(r.pace[91]!.linear).toBe(100000)
    expect(r.seasonal).toBe(false) // the workspace starts in June 2025
  })

  it('reads every amount through the current settings, which can change at any time', async () => {
    const ws = await workspace()
    withSettings(ws, (s) => ({
      ...s,
      fxRates: { ...s.fxRates, JPY: 0.0067 },
      stages: [...s.stages, { match: 'CUSTOM STAGE', category: 'won' }],
      sources: [...s.sources, { match: 'podcast', sourcedBy: 'marketing' }],
    }))
    const r = report(ws, '2025-Q3', '2025-08-15')
    // + W5 300000 JPY × 0.0067 = 2010 USD (JPY has no minor unit), + O3 7000 now won.
    expect(r.metrics.closedWon).toBe(15400 + 2010 + 7000)
    expect(r.metrics.unconvertible).toBe(0)
    expect(r.metrics.bySource.partner.closedWon).toBe(2010)
    expect(r.metrics.bySource.marketing).toEqual({ closedWon: 17000, openPipeline: 11000 })
    expect(r.unmappedStages).toEqual([])
    expect(r.unmappedSources).toEqual([])
  })
})

describe('targets report: period edges', () => {
  it('counts the first and last day of a leap February and nothing outside it', async () => {
    const ws = await testWorkspace()
    await importOpportunities(ws, [
      ['A', 'Won', '100', 'USD', '2024-01-31', null, null, null],
      ['B', 'Won', '200', 'USD', '2024-02-01', null, null, null],
      ['C', 'Won', '400', 'USD', '2024-02-29', null, null, null],
      ['D', 'Won', '800', 'USD', '2024-03-01', null, null, null],
    ])
    await importTargets(ws, [['2024-02', '2900', null, null]])
    const last = report(ws, '2024-02', '2024-02-29')
    expect(last.range).toEqual({ start: '2024-02-01', end: '2024-02-29' })
    expect(last.metrics.closedWon).toBe(600)
    expect(last.metrics.expectedToDate).toBe(2900)
    expect(last.metrics.pace).toBeCloseTo(600 / 2900, 12)
    expect(last.pace).toHaveLength(29)
    const first = report(ws, '2024-02', '2024-02-01')
    expect(first.metrics.closedWon).toBe(200)
    expect(first.metrics.expectedToDate).toBe(100) // 2900 × 1 / 29
    expect(first.metrics.pace).toBe(2)
  })

  it('follows a fiscal year that starts in February', async () => {
    const ws = await testWorkspace()
    withSettings(ws, (s) => ({ ...s, fiscalYearStartMonth: 2 }))
    await importOpportunities(ws, [
      ['A', 'Won', '100', 'USD', '2024-01-31', null, null, null], // FY2024
      ['B', 'Won', '200', 'USD', '2024-02-01', null, null, null], // first day of FY2025
      ['C', 'Won', '400', 'USD', '2024-04-30', null, null, null], // last day of 2025-Q1
      ['D', 'Won', '800', 'USD', '2025-01-31', null, null, null], // last day of FY2025
      ['E', 'Won', '1600', 'USD', '2025-02-01', null, null, null], // FY2026
    ])
    // Every month of FY2025 (Feb 2024 – Jan 2025) has a target of 1000; no quarter or year rows.
    const months = [
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
    ]
    await importTargets(
      ws,
      months.map((m) => [m, '1000', null, null]),
    )
    const year = report(ws, 'FY2025', '2025-03-01')
    expect(year.range).toEqual({ start: '2024-02-01', end: '2025-01-31' })
    expect(year.metrics.target).toBe(12000)
    expect(year.metrics.closedWon).toBe(1400)
    expect(year.pace).toHaveLength(366) // 2024 is a leap year
    const quarter = report(ws, '2025-Q1', '2024-03-15')
    expect(quarter.range).toEqual({ start: '2024-02-01', end: '2024-04-30' })
    expect(quarter.metrics.target).toBe(3000)
    expect(quarter.metrics.closedWon).toBe(200)
    // Elapsed: 29 days of February + 15 of March = 44 of 90.
    expect(quarter.metrics.expectedToDate).toBeCloseTo(Math.round((3000_00 * 44) / 90) / 100, 9)
    const midYear = report(ws, 'FY2025', '2024-07-31')
    // Feb 29 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31 = 182 of 366 days.
    expect(midYear.metrics.expectedToDate).toBe(Math.round((12000_00 * 182) / 366) / 100)
  })

  it('has no closed-won and no pace before the period starts, and full expectation after it ends', async () => {
    const ws = await testWorkspace()
    await importOpportunities(ws, [['A', 'Won', '500', 'USD', '2025-05-10', null, null, null]])
    await importTargets(ws, [['2025-05', '1000', null, null]])
    const before = report(ws, '2025-05', '2025-04-30')
    expect(before.metrics).toMatchObject({ closedWon: 0, expectedToDate: 0, pace: null, attainment: 0, gap: 1000 })
    const after = report(ws, '2025-05', '2025-06-20')
    expect(after.metrics).toMatchObject({ closedWon: 500, expectedToDate: 1000, pace: 0.5, attainment: 0.5, gap: 500 })
  })
})

describe('targets report: targets', () => {
  it('has null ratios for a zero target and for none, and a zero gap', async () => {
    const ws = await testWorkspace()
    await importOpportunities(ws, [
      ['A', 'Won', '500', 'USD', '2025-05-10', null, null, null],
      ['B', 'Negotiation', '900', 'USD', '2025-05-20', null, null, null],
    ])
    const none = report(ws, '2025-05', '2025-05-15')
    expect(none.hasTarget).toBe(false)
    expect(none.metrics).toMatchObject({ target: 0, attainment: null, pace: null, gap: 0, coverage: null, expectedToDate: 0 })
    await importTargets(ws, [['2025-05', '0', null, null]])
    const zero = report(ws, '2025-05', '2025-05-15')
    expect(zero.hasTarget).toBe(true)
    expect(zero.metrics).toMatchObject({ target: 0, attainment: null, pace: null, gap: 0, coverage: null, forecast: 500 + 540 })
    expect([zero.gapPlan.opportunities, zero.gapPlan.sqls, zero.gapPlan.mqls]).toEqual([0, 0, 0])
  })

  it('has a zero gap and no coverage once closed-won passes the target', async () => {
    const ws = await testWorkspace()
    await importOpportunities(ws, [
      ['A', 'Won', '1500', 'USD', '2025-05-10', null, null, null],
      ['B', 'Negotiation', '900', 'USD', '2025-05-20', null, null, null],
    ])
    await importTargets(ws, [['2025-05', '1000', null, null]])
    const r = report(ws, '2025-05', '2025-05-31')
    expect(r.metrics).toMatchObject({ attainment: 1.5, gap: 0, coverage: null, openPipeline: 900 })
    expect(r.gapPlan.opportunities).toBe(0)
  })

  it("prefers a period's own targets over its parts, sums segments, and converts currencies", async () => {
    const ws = await testWorkspace()
    await importTargets(ws, [
      ['2025-Q1', '10000', null, null], // Q1 has its own: its months are not added
      ['2025-01', '99999', null, null],
      ['2025-04', '1000', null, 'Furniture'], // Q2 from months, segments summed
      ['2025-04', '2000', null, 'Technology'],
      ['2025-05', '€1,000.00', null, null], // 1000 EUR × 1.08
      ['2025-07', '£100.00', null, null], // GBP × 1.27
      ['2025-10', 'CHF 500', null, null], // no CHF rate: left out and named
    ])
    expect(report(ws, '2025-Q1', '2025-03-01').metrics.target).toBe(10000)
    expect(report(ws, '2025-Q2', '2025-05-01').metrics.target).toBe(4080)
    const year = report(ws, 'FY2025', '2025-05-01')
    expect(year.metrics.target).toBe(10000 + 4080 + 127)
    expect(year.unconvertibleTargetCurrencies).toEqual(['CHF'])
  })

  it('takes the newest write of a target', async () => {
    const ws = await testWorkspace()
    await importTargets(ws, [['2025-05', '1000', null, null]], 'budget')
    await importTargets(ws, [['2025-05', '1500', null, null]], 'tandem')
    expect(report(ws, '2025-05', '2025-05-01').metrics.target).toBe(1500)
    // Re-importing the older source with a new value makes it the newest write again.
    await importTargets(ws, [['2025-05', '1200', null, null]], 'budget')
    expect(report(ws, '2025-05', '2025-05-01').metrics.target).toBe(1200)
  })
})

describe('targets report: a target for part of the period (issue #14, 1)', () => {
  async function workspace(): Promise<TestWorkspace> {
    const ws = await testWorkspace()
    await importOpportunities(ws, [
      ['Q1-WON', 'Closed Won', '50000', 'USD', '2025-02-10', 'Webinar', null, null], // a month without a target
      ['Q1-OPEN', 'Negotiation', '7000', 'USD', '2025-03-10', 'Webinar', null, null], // idem
      ['Q2-WON', 'Closed Won', '20000', 'USD', '2025-05-10', 'Outbound', null, null],
      ['Q4-WON', 'Closed Won', '6000', 'USD', '2025-11-10', 'Webinar', null, null],
      ['Q4-OPEN', 'Negotiation', '10000', 'USD', '2025-12-10', 'Webinar', null, null], // 60 %: 6000 weighted
    ])
    await importLeads(ws, [
      ['M-OCT', 'Webinar', '2025-10-05 10:00', null, null],
      ['M-NOV', 'Webinar', '2025-11-05 10:00', null, null],
      ['M-DEC-1', 'Webinar', '2025-12-05 10:00', null, null],
      ['M-DEC-2', 'Webinar', '2025-12-06 10:00', null, null],
    ])
    await importTargets(ws, [
      // Joint targets for Q2-Q4 only: nothing for January-March.
      ['2025-Q2', '30000', null, null],
      ['2025-Q3', '30000', null, null],
      ['2025-Q4', '30000', null, null],
      // Team targets for Q4 only; an MQL target for December only.
      ['2025-Q4', '12000', 'sales', null],
      ['2025-Q4', '20000', 'marketing', null],
      ['2025-12', '3', 'marketing', 'MQL'],
    ])
    return ws
  }

  it('compares the target with the months that have one, and names the months without', async () => {
    const ws = await workspace()
    const r = report(ws, 'FY2025', '2025-12-31')
    expect(r.targetMissingMonths).toEqual(['2025-01', '2025-02', '2025-03'])
    // Closed-won of April-December only: 20000 + 6000, not the 76000 of the whole year.
    expect(r.metrics).toMatchObject({
      target: 90000,
      closedWon: 26000,
      attainment: 26000 / 90000,
      gap: 64000,
      openPipeline: 10000,
      forecast: 26000 + 6000,
    })
    expect(r.metrics.coverage).toBeCloseTo(10000 / 64000, 12)
    expect(r.wholePeriod).toEqual({ closedWon: 76000, openPipeline: 17000 })
    // The by-source split adds up to the closed-won it splits.
    expect(r.metrics.bySource.marketing.closedWon + r.metrics.bySource.sales.closedWon).toBe(26000)
    // The linear pace runs over April-December: nothing is expected in the first quarter.
    expect(r.pace.find((p) => p.date === '2025-03-31')!.linear).toBe(0)
    expect(r.pace[r.pace.length - 1]!.linear).toBe(90000)
  })

  it('expects the target over the days with one: pace at the end of June is over April-June', async () => {
    const ws = await workspace()
    const r = report(ws, 'FY2025', '2025-06-30')
    // 91 of the 275 days of April-December have passed: expected 90000 × 91 / 275.
    expect(r.metrics.expectedToDate).toBeCloseTo((90000 * 91) / 275, 2)
    expect(r.metrics.pace).toBeCloseTo(20000 / ((90000 * 91) / 275), 12)
  })

  it("measures each team's target over the months it covers", async () => {
    const ws = await workspace()
    const { teams } = report(ws, 'FY2025', '2025-12-31')
    expect(teams.salesBookings).toEqual({
      target: 12000,
      actual: 6000,
      missingMonths: ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09'],
    })
    expect(teams.marketingPipeline).toMatchObject({ target: 20000, actual: 16000 }) // Q4 marketing: won 6000 + open 10000
    const q4 = report(ws, '2025-Q4', '2025-12-31')
    expect(q4.teams.mqls).toEqual({ target: 3, actual: 2, missingMonths: ['2025-10', '2025-11'] }) // December's two, not all four
    expect(q4.targetMissingMonths).toEqual([])
  })

  it('spans months for the view', () => {
    expect(monthSpans(['2025-03', '2025-01', '2025-02', '2025-06', '2025-12', '2026-01'])).toEqual([
      ['2025-01', '2025-03'],
      ['2025-06', '2025-06'],
      ['2025-12', '2026-01'],
    ])
  })
})

describe('targets report: deals without a close date (issue #14, 2)', () => {
  it('counts them by stage category, with their amounts, outside every period', async () => {
    const ws = await testWorkspace()
    await importOpportunities(ws, [
      ['D1', 'Negotiation', '1000', 'USD', '2025-05-10', null, null, null],
      ['U1', 'Negotiation', '2000', 'USD', null, null, null, null],
      ['U2', 'Prospecting', '3000', 'EUR', null, null, null, null], // 3000 × 1.08
      ['U3', 'Closed Won', '500', 'USD', null, null, null, null],
      ['U4', 'Closed Lost', '700', 'USD', null, null, null, null],
      ['U5', 'Mystery', '900', 'USD', null, null, null, null], // unmapped stage: not counted as any category
    ])
    const r = report(ws, '2025-Q2', '2025-06-30')
    expect(r.metrics.openPipeline).toBe(1000)
    expect(r.undated).toEqual({
      open: { count: 2, amount: 2000 + 3240 },
      won: { count: 1, amount: 500 },
      lost: { count: 1, amount: 700 },
      unmappedStage: 1,
    })
  })
})

describe('targets report: seasonal pace', () => {
  /** Last year's Q3 closed 30,000.01 / 10,000 / 60,000; `fromJuly`: the data begins in July 2024, else in August. */
  async function withHistory(fromJuly: boolean): Promise<TestWorkspace> {
    const ws = await testWorkspace()
    await importOpportunities(ws, [
      ['H0', 'Won', '0.01', 'USD', fromJuly ? '2024-07-31' : '2024-08-01', null, null, null],
      ['H1', 'Won', '30000', 'USD', fromJuly ? '2024-07-15' : '2024-08-02', null, null, null],
      ['H2', 'Won', '10000', 'USD', '2024-08-15', null, null, null],
      ['H3', 'Won', '60000', 'USD', '2024-09-15', null, null, null],
      ['H4', 'Lost', '70000', 'USD', '2024-09-16', null, null, null],
      ['N1', 'Won', '5000', 'USD', '2025-07-02', null, null, null],
    ])
    await importTargets(ws, [['2025-Q3', '100000', null, null]])
    return ws
  }

  it("follows last year's monthly shares when the workspace holds the 12 months before the period", async () => {
    // July 2024 is the first of the 12 months before 2025-Q3; July's share is 30000.01 of 100000.01.
    const ws = await withHistory(true)
    const r = report(ws, '2025-Q3', '2025-08-15')
    expect(r.seasonal).toBe(true)
    const total = 100000.01
    const at = (date: string) => r.pace.find((p) => p.date === date)!
    expect(at('2025-07-31').seasonal).toBeCloseTo((100000 * 30000.01) / total, 2)
    expect(at('2025-08-15').seasonal).toBeCloseTo(100000 * (30000.01 / total + (10000 / total) * (15 / 31)), 2)
    expect(at('2025-09-30').seasonal).toBe(100000)
    expect(at('2025-08-15').linear).toBe(50000)
  })

  it('draws only the linear pace with less than a year of history', async () => {
    // The data begins in August 2024: 11 of the 12 months.
    const ws = await withHistory(false)
    const r = report(ws, '2025-Q3', '2025-08-15')
    expect(r.seasonal).toBe(false)
    expect(r.pace.every((p) => p.seasonal === null)).toBe(true)
  })
})

describe('targets report: bad input', () => {
  it('refuses a period or date it cannot read, in one line', async () => {
    const ws = await testWorkspace()
    expect(() => report(ws, '2025-13', '2025-01-01')).toThrow(/"2025-13" is not a period: write 2025-08, 2025-Q3 or FY2025\./)
    expect(() => report(ws, '2025-Q3', '2025-02-30')).toThrow(/"2025-02-30" is not a date/)
  })

  it('answers an empty workspace with zeros', async () => {
    const ws = await testWorkspace()
    const r = report(ws, '2025-Q3', '2025-08-15')
    expect(r.metrics.closedWon).toBe(0)
    expect(r.dataRange).toBeNull()
    expect(r.opportunitiesInPeriod).toBe(0)
    expect(r.gapPlan.opportunities).toBe(0)
    expect(defaultSettings().currency).toBe(r.currency)
  })
})

describe('planGap', () => {
  const window = { start: '2024-08-16', end: '2025-08-15' }
  const base = { window, handedOff: 100, qualified: 25, converted: 10, won: 3, lost: 1, averageWonDeal: 1000 }

  it('needs nothing more when there is no gap', () => {
    expect(planGap(0, { ...base, won: 0, lost: 0, averageWonDeal: null })).toMatchObject({
      opportunities: 0,
      sqls: 0,
      mqls: 0,
      winRate: null,
    })
  })

  it('rounds each step up, exactly at whole numbers', () => {
    // 6000 / (1000 × 0.75) = 8 exactly; 8 / 0.4 = 20; 20 / 0.25 = 80.
    expect(planGap(6000, base)).toMatchObject({
      opportunities: 8,
      sqls: 20,
      mqls: 80,
      winRate: 0.75,
      sqlToOpportunity: 0.4,
      mqlToSql: 0.25,
    })
    expect(planGap(6001, base)).toMatchObject({ opportunities: 9, sqls: 23, mqls: 92 })
  })

  it('stops where a rate is 0 or unknown: not enough history', () => {
    expect(planGap(6000, { ...base, won: 0, lost: 0 })).toMatchObject({ opportunities: null, sqls: null, mqls: null, winRate: null })
    expect(planGap(6000, { ...base, won: 0, lost: 4 })).toMatchObject({ opportunities: null, winRate: 0 })
    expect(planGap(6000, { ...base, converted: 0 })).toMatchObject({ opportunities: 8, sqls: null, mqls: null, sqlToOpportunity: 0 })
    expect(planGap(6000, { ...base, handedOff: 0, qualified: 0, converted: 0 })).toMatchObject({
      opportunities: 8,
      sqls: null,
      mqls: null,
      mqlToSql: null,
    })
  })
})
