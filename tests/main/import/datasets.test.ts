import { afterEach, expect, it } from 'vitest'
import { importFile, testWorkspace, type TestWorkspace } from '../../helpers/import'
import { dataset, describeDatasets } from '../../helpers/datasets'

const file = dataset

let ws: TestWorkspace
afterEach(() => ws?.db.close())

describeDatasets('real exports import with the right counts', () => {
  it('Maven sales_pipeline.csv: 8,800 opportunities, and a second import changes nothing', async () => {
    ws = await testWorkspace()
    const path = file('maven-crm-sales-opportunities/sales_pipeline.csv')
    const first = await importFile(ws, path)
    expect(first).toMatchObject({ kind: 'opportunities', rowsRead: 8800, new: 8800, invalid: 0, duplicates: 0 })
    const won = ws.db.prepare("SELECT sum(amount_minor) AS s, count(*) AS n FROM opportunities WHERE stage = 'Won'").get()
    expect(won).toEqual({ s: 10_005_534 * 100, n: 4238 })
    expect(await importFile(ws, path)).toMatchObject({ new: 0, changed: 0, unchanged: 8800 })
  })

  it('Olist: 8,000 MQLs as leads and 842 closed deals as won opportunities linked to them', async () => {
    ws = await testWorkspace()
    const mqls = await importFile(ws, file('olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv'))
    expect(mqls).toMatchObject({ kind: 'leads', new: 8000, invalid: 0 })
    const deals = await importFile(ws, file('olist-marketing-funnel/olist_closed_deals_dataset.csv'))
    expect(deals).toMatchObject({ kind: 'opportunities', new: 842, invalid: 0 })
    const linked = ws.db.prepare('SELECT count(*) AS n FROM opportunities o JOIN leads l ON l.external_id = o.lead_id').get()
    expect(linked).toEqual({ n: 842 })
    expect(ws.db.prepare("SELECT count(*) AS n FROM opportunities WHERE stage = 'Won'").get()).toEqual({ n: 842 })
  })

  it('Salesforce API-name and report-format files', async () => {
    ws = await testWorkspace()
    expect(await importFile(ws, file('salesforce-data-cloud-workshop/Opportunity.csv'))).toMatchObject({
      sourceSystem: 'salesforce',
      new: 50,
    })
    expect(await importFile(ws, file('salesforce-data-cloud-workshop/Lead.csv'))).toMatchObject({ kind: 'leads', new: 60 })
    // Two-digit US dates (02/03/24) and 12-hour times.
    expect(await importFile(ws, file('salesforce-in-powerbi/Opportunity.csv'))).toMatchObject({ new: 36, invalid: 0 })
    expect(await importFile(ws, file('salesforce-in-powerbi/Lead.csv'))).toMatchObject({ kind: 'leads', new: 22, invalid: 0 })
    expect(await importFile(ws, file('salesforce-wave-sales-sample/Quota.csv'))).toMatchObject({ kind: 'targets', new: 408 })
  })

  it('Sales Pipeline.xlsx: header on row 2, key Row ID, 9,994 rows (one Row ID repeats in the file)', async () => {
    ws = await testWorkspace()
    const out = await importFile(ws, file('sales-pipeline-xlsx/Sales Pipeline.xlsx'))
    expect(out).toMatchObject({ kind: 'opportunities', rowsRead: 9994, new: 9993, duplicates: 1, invalid: 0 })
    // The file itself has Row ID 2020 on rows 5627 and 6057: the later one wins and the earlier is reported.
    expect(out.problems).toEqual([
      { kind: 'duplicate', row: 5627, column: 'Row ID', value: '2020', reason: 'same Row ID as row 6057, which replaces it' },
    ])
    const stages = ws.db.prepare('SELECT stage, count(*) AS n FROM opportunities GROUP BY stage ORDER BY stage').all()
    expect(stages.map((s) => (s as { stage: string }).stage)).toEqual(['Closed Lost', 'Closed Won', 'Negotiating', 'Proposing'])
    expect(ws.db.prepare("SELECT close_date FROM opportunities WHERE external_id = '1'").get()).toEqual({
      close_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    })
  })

  it('SuperStore 2022 Budget.xlsx: a wide sheet of monthly targets per segment', async () => {
    ws = await testWorkspace()
    const out = await importFile(ws, file('packt-tableau-targets-xlsx/SuperStore 2022 Budget.xlsx'))
    expect(out).toMatchObject({ kind: 'targets', rowsRead: 3, new: 36, invalid: 0 })
    const segments = ws.db
      .prepare('SELECT segment, count(*) AS n, min(period) AS first, max(period) AS last FROM targets GROUP BY segment ORDER BY segment')
      .all()
    expect(segments).toEqual([
      { segment: 'Furniture', n: 12, first: '2022-01', last: '2022-12' },
      { segment: 'Office Supplies', n: 12, first: '2022-01', last: '2022-12' },
      { segment: 'Technology', n: 12, first: '2022-01', last: '2022-12' },
    ])
  })
})
