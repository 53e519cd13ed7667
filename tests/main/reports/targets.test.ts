import Papa from 'papaparse'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli'
import { openWorkspaceDb } from '../../../src/main/db/connection'
import { targetsReport } from '../../../src/main/metrics/targets'
import { getSettings } from '../../../src/main/services/settings'
import { testWorkspace } from '../../helpers/import'
import { importOpportunities, importTargets } from '../../helpers/targets'
import { tmpDir } from '../../helpers/tmp'
import { dataset, describeDatasets } from '../../helpers/datasets'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/** The names PRODUCT.md gives the Targets metrics ("Command line"). */
const PRODUCT_NAMES = [
  'target',
  'closedWon',
  'attainment',
  'expectedToDate',
  'pace',
  'gap',
  'openPipeline',
  'weightedPipeline',
  'forecast',
  'coverage',
  'unconvertible',
  'bySource',
]

async function smallWorkspace(): Promise<string> {
  const ws = await testWorkspace()
  await importOpportunities(ws, [
    ['A', 'Closed Won', '12500.50', 'USD', '2025-07-14', 'Webinar', null, null],
    ['B', 'Closed Won', '1000', 'EUR', '2025-08-02', 'Outbound', null, null],
    ['C', 'Negotiation', '40000', 'USD', '2025-09-30', 'Partner Referral', null, null],
    ['D', 'Closed Won', '5000', 'CHF', '2025-07-20', 'Webinar', null, null],
  ])
  await importTargets(ws, [['2025-Q3', '100000', null, null]])
  ws.db.close()
  return ws.path
}

describe('cli: report targets', () => {
  it('prints one JSON document with the metrics by the names of PRODUCT.md, from the same code as the app', async () => {
    const db = await smallWorkspace()
    const r = await cli('report', 'targets', '--db', db, '--period', '2025-Q3', '--as-of', '2025-08-15', '--json')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const json = JSON.parse(r.stdout) as Record<string, unknown>
    for (const name of PRODUCT_NAMES) expect(json).toHaveProperty(name)
    expect(json).toMatchObject({
      period: '2025-Q3',
      from: '2025-07-01',
      to: '2025-09-30',
      asOf: '2025-08-15',
      currency: 'USD',
      target: 100000,
      closedWon: 13580.5, // 12500.50 + 1000 EUR × 1.08; the CHF deal has no rate
      gap: 86419.5,
      openPipeline: 40000,
      weightedPipeline: 24000,
      forecast: 37580.5,
      unconvertible: 1,
      bySource: {
        marketing: { closedWon: 12500.5, openPipeline: 0 },
        sales: { closedWon: 1080, openPipeline: 0 },
        partner: { closedWon: 0, openPipeline: 40000 },
      },
    })
    // The same numbers as the function behind the Targets view.
    const opened = await openWorkspaceDb(db)
    const view = targetsReport(opened, getSettings(opened).settings, { period: '2025-Q3', asOf: '2025-08-15' })
    opened.close()
    for (const name of PRODUCT_NAMES) expect(json[name]).toEqual(view.metrics[name as keyof typeof view.metrics])
  })

  it('prints readable text without --json', async () => {
    const db = await smallWorkspace()
    const r = await cli('report', 'targets', '--db', db, '--period', '2025-Q3', '--as-of', '2025-08-15')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Targets 2025-Q3 (2025-07-01 to 2025-09-30) as of 2025-08-15, in USD')
    expect(r.stdout).toMatch(/closed-won\s+13,580\.50\s+attainment 13\.6 %/)
    expect(r.stdout).toContain('left out: 1 opportunity in a currency without an exchange rate')
  })

  it.each([
    [['--period', '2025-Q3', '--as-of', '15/08/2025'], /^tandem: "15\/08\/2025" is not a date: write it as YYYY-MM-DD\.$/],
    [['--period', 'Q3'], /^tandem: "Q3" is not a period: write 2025-08, 2025-Q3 or FY2025\.$/],
    [[], /^tandem: report targets needs --period, such as 2025-Q3, 2025-08 or FY2025\.$/],
  ])('refuses %j with one line and exit status 1', async (args, message) => {
    const db = await smallWorkspace()
    const r = await cli('report', 'targets', '--db', db, ...args, '--json')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
  })
})

const MAVEN = dataset('maven-crm-sales-opportunities/sales_pipeline.csv')

describeDatasets('cli: report targets on the Maven CRM sales pipeline', () => {
  /** Closed-won of the file, summed here straight from the CSV (not through the import). */
  function wonBetween(from: string, to: string): number {
    const rows = Papa.parse<Record<string, string>>(readFileSync(MAVEN, 'utf8'), { header: true, skipEmptyLines: true }).data
    let sum = 0
    for (const r of rows) {
      const close = r['close_date'] ?? ''
      if (r['deal_stage'] === 'Won' && close >= from && close <= to) sum += Number(r['close_value'])
    }
    return sum
  }

  it('computes closed-won for 2017-Q2 and the whole of 2017 as the file says', async () => {
    const db = join(tmpDir(), 'maven.sqlite')
    const imported = await cli('import', MAVEN, '--db', db, '--json')
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ kind: 'opportunities', new: 8800, invalid: 0 })

    const q2 = JSON.parse((await cli('report', 'targets', '--db', db, '--period', '2017-Q2', '--as-of', '2017-12-31', '--json')).stdout)
    const expectedQ2 = wonBetween('2017-04-01', '2017-06-30')
    expect(expectedQ2).toBeGreaterThan(0)
    expect(q2.closedWon).toBe(expectedQ2)
    expect(q2.bySource.unknown.closedWon).toBe(expectedQ2) // the file has no lead source
    expect(q2.openPipeline).toBe(0) // open deals (Engaging, Prospecting) have no close date

    const year = JSON.parse((await cli('report', 'targets', '--db', db, '--period', 'FY2017', '--as-of', '2017-12-31', '--json')).stdout)
    expect(year.closedWon).toBe(10005534)
    expect(year.closedWon).toBe(wonBetween('2017-01-01', '2017-12-31'))
    // Half-way through the second quarter, only what closed by then counts.
    const mid = JSON.parse((await cli('report', 'targets', '--db', db, '--period', '2017-Q2', '--as-of', '2017-05-15', '--json')).stdout)
    expect(mid.closedWon).toBe(wonBetween('2017-04-01', '2017-05-15'))
    expect(mid.gapPlan.winRate).toBeGreaterThan(0)
  })
})

const BUDGET = dataset('packt-tableau-targets-xlsx/SuperStore 2022 Budget.xlsx')

describeDatasets('cli: report targets on a wide budget sheet (SuperStore 2022 Budget.xlsx)', () => {
  it('adds up the months and segments of the imported sheet for a quarter and the year', async () => {
    const db = join(tmpDir(), 'budget.sqlite')
    const imported = await cli('import', BUDGET, '--db', db, '--json')
    expect(JSON.parse(imported.stdout)).toMatchObject({ kind: 'targets', new: 36, invalid: 0 })
    const opened = await openWorkspaceDb(db)
    const stored = (where: string) =>
      (opened.prepare(`SELECT sum(amount_minor) AS s FROM targets WHERE ${where}`).get() as { s: number }).s / 100
    const year = stored("period LIKE '2022-%'")
    const q1 = stored("period IN ('2022-01', '2022-02', '2022-03')")
    opened.close()
    expect(year).toBeGreaterThan(q1)
    const report = async (period: string) =>
      JSON.parse((await cli('report', 'targets', '--db', db, '--period', period, '--as-of', '2022-02-14', '--json')).stdout) as {
        target: number
        expectedToDate: number
      }
    expect((await report('FY2022')).target).toBe(year)
    const quarter = await report('2022-Q1')
    expect(quarter.target).toBe(q1)
    // 45 of the quarter's 90 days have passed on 14 February.
    expect(quarter.expectedToDate).toBe(Math.round((q1 * 100 * 45) / 90) / 100)
  })
})
