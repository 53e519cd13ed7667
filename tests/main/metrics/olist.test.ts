import { afterEach, beforeEach, expect, it } from 'vitest'
import { funnelReport } from '../../../src/main/metrics/funnel'
import { handoffMetrics, handoffOverview } from '../../../src/main/metrics/handoff'
import { handoffScope } from '../../../src/main/metrics/scope'
import { getSettings } from '../../../src/main/services/settings'
import { importFile, testWorkspace, type TestWorkspace } from '../../helpers/import'
import { dataset, describeDatasets } from '../../helpers/datasets'

/**
 * The real Olist marketing funnel (8,000 MQLs, 842 closed deals linked by mql_id), imported with the
 * real engine and detection, as a user would drop the two files in. Skipped where the shared datasets
 * are not present (they are never copied into the repository).
 */
const MQLS = dataset('olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv')
const DEALS = dataset('olist-marketing-funnel/olist_closed_deals_dataset.csv')

let ws: TestWorkspace
beforeEach(async () => {
  ws = await testWorkspace()
})
afterEach(() => ws.db.close())

describeDatasets('Olist marketing funnel', () => {
  it('imports the MQLs and closed deals and produces a funnel from 8,000 handed off to 842 won', async () => {
    const leads = await importFile(ws, MQLS)
    expect(leads).toMatchObject({ kind: 'leads', new: 8000, invalid: 0 })
    const deals = await importFile(ws, DEALS)
    expect(deals).toMatchObject({ kind: 'opportunities', new: 842, invalid: 0 })

    const settings = getSettings(ws.db).settings
    const f = funnelReport(ws.db, settings, { from: null, to: null })
    expect(f.from).toBe('2017-06-14')
    expect(f.to).toBe('2018-05-31')
    // Olist records no acceptance or qualification: the deals carry those steps (they went further).
    expect(f.steps.map((s) => [s.step, s.count])).toEqual([
      ['handedOff', 8000],
      ['accepted', 842],
      ['qualified', 842],
      ['opportunity', 842],
      ['won', 842],
    ])
    expect(f.steps[4]!.medianDaysFromHandoff).toBeGreaterThan(0)
    expect(f.byCohort.map((c) => c.month)).toHaveLength(12)
    expect(f.byCohort.reduce((n, c) => n + c.steps[0]!.count, 0)).toBe(8000)
    expect(f.bySource.reduce((n, s) => n + s.steps[4]!.count, 0)).toBe(842)
    expect(f.bySource.map((s) => s.source)).toContain('organic_search')

    // Nothing was ever touched in the export: every MQL is in the backlog, past any limit.
    const m = handoffMetrics(handoffOverview(ws.db, settings, handoffScope(settings, { asOf: '2018-06-10', from: null, to: null }, new Date())))
    expect(m).toMatchObject({ backlog: 8000, breached: 8000, slaAttainment: 0, acceptanceRate: null })
  })
})
