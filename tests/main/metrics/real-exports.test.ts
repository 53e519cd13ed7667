import { afterEach, expect, it } from 'vitest'
import { handoffOverview } from '../../../src/main/metrics/handoff'
import { handoffScope } from '../../../src/main/metrics/scope'
import { targetsReport } from '../../../src/main/metrics/targets'
import { getSettings } from '../../../src/main/services/settings'
import { dataset, describeDatasets } from '../../helpers/datasets'
import { importFile, testWorkspace, type TestWorkspace } from '../../helpers/import'

/**
 * The cases of issue #14 that the real, partial exports show (see ../shared/datasets/SOURCES.md). The
 * datasets are never copied into the repository: without them these tests are skipped, and say why.
 */
const file = dataset

let ws: TestWorkspace | undefined
afterEach(() => ws?.db.close())

describeDatasets('real exports: numbers that say what they cannot know', () => {
  it('Maven: the 2,089 open deals without a close date are counted, not silently dropped from every period', async () => {
    ws = await testWorkspace()
    await importFile(ws, file('maven-crm-sales-opportunities/sales_pipeline.csv'))
    const settings = getSettings(ws.db).settings
    const r = targetsReport(ws.db, settings, { period: 'FY2017', asOf: '2017-12-31' })
    expect(r.metrics.openPipeline).toBe(0)
    // Prospecting (500) is an open stage by default; Engaging (1,589) is Maven's own, listed as unmapped.
    expect(r.undated.open.count + r.undated.unmappedStage).toBe(2089)
    expect(r.undated.open.count).toBe(500)
    expect(r.undated.open.amount).toBe(0) // open deals in this export carry no value yet
    expect(r.undated.won.count + r.undated.lost.count).toBe(0)
    const raw = ws.db.prepare('SELECT count(*) AS n FROM opportunities WHERE close_date IS NULL').get() as { n: number }
    expect(raw.n).toBe(2089)
  })
})

describeDatasets('real exports: what an import leaves out of the metrics (issue #14, 6)', () => {
  it('Salesforce Wave leads: the import counts the 1,307 rows without a hand-off date and names the likely column; Handoff says so', async () => {
    ws = await testWorkspace()
    const out = await importFile(ws, file('salesforce-wave-sales-sample/Lead.csv'))
    expect(out).toMatchObject({ kind: 'leads', new: 1307 })
    expect(out.missingFields).toEqual([
      { field: 'handed_off_at', what: 'hand-off date', rows: 1307, mapped: false, likelyColumn: 'CreatedDate__c' },
    ])
    const settings = getSettings(ws.db).settings
    const o = handoffOverview(ws.db, settings, handoffScope(settings, { asOf: '2017-12-31', from: null, to: null }, new Date()))
    expect(o.dataRange).toBeNull()
    expect(o.withoutHandoff).toBe(1307)
  })
})
