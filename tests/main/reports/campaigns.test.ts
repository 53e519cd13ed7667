import Papa from 'papaparse'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli'
import { openWorkspaceDb } from '../../../src/main/db/connection'
import { roiReport } from '../../../src/main/metrics/roi'
import { getSettings } from '../../../src/main/services/settings'
import { dataset, describeDatasets } from '../../helpers/datasets'
import { writeCsv } from '../../helpers/import'
import { tmpDir } from '../../helpers/tmp'

async function cli(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/** The names the issue gives the figures of each campaign and channel. */
const FIGURES = [
  'spend',
  'mqls',
  'sqls',
  'opportunities',
  'pipeline',
  'sourcedWon',
  'influencedWon',
  'overlapWon',
  'costPerMql',
  'costPerSql',
  'costPerWon',
  'roi',
]

/** A workspace made with the CLI from a hand-made spend sheet of `campaign, period, amount` and a few deals and leads. */
async function sheetWorkspace(): Promise<string> {
  const dir = tmpDir()
  const db = join(dir, 'w.sqlite')
  const spend = writeCsv(dir, 'spend.csv', [
    ['Campaign', 'Period', 'Spend'],
    ['Spring Webinar', '2025-07', '$2,000.00'],
    ['Spring Webinar', '2025-08', '$1,000.00'],
    ['Radio', '2025-08', '$500.00'],
  ])
  const deals = writeCsv(dir, 'deals.csv', [
    ['Opportunity ID', 'Stage', 'Amount', 'Created Date', 'Close Date', 'Campaign', 'Lead Source'],
    ['O1', 'Closed Won', '9000', '2025-07-02', '2025-08-20', 'Spring Webinar', 'Webinar'],
    ['O2', 'Negotiation', '4000', '2025-07-10', '2025-09-20', 'Spring Webinar', 'Webinar'],
    ['O3', 'Closed Won', '1000', '2025-07-11', '2025-07-30', 'Trade Fair', 'Trade Show'],
  ])
  const leads = writeCsv(dir, 'leads.csv', [
    ['Lead ID', 'Campaign', 'Lead Source', 'MQL Date', 'Converted Opportunity ID'],
    ['L1', 'Spring Webinar', 'Webinar', '2025-07-01', 'O3'],
    ['L2', 'Spring Webinar', 'Webinar', '2025-07-05', null],
  ])
  for (const [file, kind, extra] of [
    [spend, 'spend', []],
    [deals, 'opportunities', []],
    [leads, 'leads', ['--map', 'handed_off_at=MQL Date']],
  ] as const) {
    const r = await cli('import', file, '--db', db, '--kind', kind, ...extra, '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ kind, invalid: 0 })
  }
  return db
}

describe('report campaigns', () => {
  it('prints per campaign and per channel the figures by their names, from the same code as the view', async () => {
    const db = await sheetWorkspace()
    const r = await cli('report', 'campaigns', '--db', db, '--period', '2025-Q3', '--as-of', '2025-09-30', '--json')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json).toMatchObject({
      period: '2025-Q3',
      from: '2025-07-01',
      to: '2025-09-30',
      asOf: '2025-09-30',
      currency: 'USD',
      unconvertible: 0,
    })
    for (const row of [...json.campaigns, ...json.channels]) for (const name of FIGURES) expect(row).toHaveProperty(name)
    // Most sourced closed-won first. O3 is sourced by Trade Fair and influenced by Spring Webinar through L1.
    expect(json.campaigns).toEqual([
      expect.objectContaining({
        campaign: 'Spring Webinar',
        spend: 3000,
        mqls: 2,
        opportunities: 2,
        pipeline: 4000,
        sourcedWon: 9000,
        influencedWon: 1000,
        overlapWon: 0,
        costPerMql: 1500,
        costPerSql: null,
        costPerWon: 3000,
        roi: 2,
      }),
      expect.objectContaining({ campaign: 'Trade Fair', spend: null, sourcedWon: 1000, influencedWon: 0, roi: null, costPerWon: null }),
    ])
    expect(json.unmatchedSpend).toEqual([{ campaign: 'Radio', ids: [], spend: 500 }])

    const ws = await openWorkspaceDb(db, { create: false })
    const same = roiReport(ws, getSettings(ws).settings, { period: '2025-Q3', asOf: '2025-09-30' })
    ws.close()
    expect(json.campaigns).toEqual(same.campaigns)
    expect(json.channels).toEqual(same.channels)

    const text = await cli('report', 'campaigns', '--db', db, '--period', '2025-Q3', '--as-of', '2025-09-30')
    expect(text.stdout).toContain('Trade Fair: no spend imported')
    expect(text.stdout).toContain('Spend for campaigns no lead or deal names\n  Radio: 500.00')
  })

  it('refuses a missing or bad period with one line and exit status 1', async () => {
    const db = await sheetWorkspace()
    const missing = await cli('report', 'campaigns', '--db', db, '--json')
    expect(missing).toMatchObject({ code: 1, stdout: '' })
    expect(missing.stderr).toMatch(/^tandem: report campaigns needs --period/)
    const bad = await cli('report', 'campaigns', '--db', db, '--period', '2025-Q5', '--json')
    expect(bad).toMatchObject({ code: 1, stdout: '' })
    expect(bad.stderr.split('\n')).toHaveLength(1)
  })
})

describeDatasets('the real Salesforce Campaign, Lead and Opportunity exports', () => {
  const folder = 'salesforce-data-cloud-workshop'
  const read = (name: string): Record<string, string>[] =>
    Papa.parse<Record<string, string>>(readFileSync(dataset(`${folder}/${name}`), 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data

  it('import as campaign records (id, type, dates, no cost yet), leads and deals; the export links no deal', async () => {
    const dir = tmpDir()
    const db = join(dir, 'w.sqlite')
    for (const name of ['Campaign.csv', 'Lead.csv', 'Opportunity.csv']) {
      const r = await cli('import', dataset(`${folder}/${name}`), '--db', db, '--json')
      expect(JSON.parse(r.stdout)).toMatchObject({ sourceSystem: 'salesforce', invalid: 0 })
    }
    const ws = await openWorkspaceDb(db, { create: false })
    const records = ws
      .prepare(
        'SELECT campaign, campaign_id AS id, channel, start_date AS start, end_date AS end, amount_minor AS amount FROM campaign_spend ORDER BY campaign_id',
      )
      .all()
    expect(records).toHaveLength(8)
    expect(records[0]).toEqual({
      campaign: 'Credit Card Rewards - June 2023',
      id: '701Ec00000GJDl7IAH',
      channel: 'social media',
      start: '2023-06-15',
      end: '2023-06-19',
      amount: null,
    })
    // ActualCost is empty in every record, and CampaignId in every deal of this export.
    expect(ws.prepare('SELECT count(*) FROM campaign_spend WHERE amount_minor IS NOT NULL').pluck().get()).toBe(0)
    expect(ws.prepare('SELECT count(*) FROM opportunities WHERE campaign IS NOT NULL').pluck().get()).toBe(0)
    ws.close()
    const r = JSON.parse((await cli('report', 'campaigns', '--db', db, '--period', 'FY2023', '--as-of', '2023-12-31', '--json')).stdout)
    // Every record covering a day of 2023 is named as spend no deal names (the two July "Home Loan Special"
    // records are one campaign by name); none has an amount.
    expect(r.campaigns).toEqual([])
    expect(r.unmatchedSpend).toHaveLength(6)
    expect(r.unmatchedSpend.find((u: { campaign: string }) => u.campaign === 'Home Loan Special - July 2023')).toEqual({
      campaign: 'Home Loan Special - July 2023',
      ids: ['701Ec00000GJDl8IAH', '701Ec00000GJDlAIAX'],
      spend: null,
    })
  })

  it('link the deals that carry a CampaignId to their campaign records', async () => {
    const campaigns = read('Campaign.csv')
    const deals = read('Opportunity.csv')
    // The export's deals carry no CampaignId: give each the campaign running on its close date, as a CRM would.
    const running = (day: string): Record<string, string> | undefined =>
      campaigns.find((c) => c['StartDate']! <= day && day <= c['EndDate']!)
    const linked: Record<string, string>[] = deals.map((d) => ({ ...d, CampaignId: running(d['CloseDate']!)?.['Id'] ?? '' }))
    const dir = tmpDir()
    const file = join(dir, 'Opportunity.csv')
    writeFileSync(file, Papa.unparse(linked))
    const db = join(dir, 'w.sqlite')
    for (const path of [dataset(`${folder}/Campaign.csv`), file]) expect((await cli('import', path, '--db', db, '--json')).code).toBe(0)

    // Closed-won per campaign name in 2023, computed from the files themselves.
    const expected = new Map<string, number>()
    for (const d of linked) {
      const c = campaigns.find((x) => x['Id'] === d['CampaignId'])
      if (!c || d['StageName'] !== 'Closed Won' || !d['CloseDate']!.startsWith('2023')) continue
      expected.set(c['Name']!, Math.round(((expected.get(c['Name']!) ?? 0) + Number(d['Amount'])) * 100) / 100)
    }
    expect(expected.size).toBeGreaterThan(0)
    const r = JSON.parse((await cli('report', 'campaigns', '--db', db, '--period', 'FY2023', '--as-of', '2023-12-31', '--json')).stdout)
    const won = new Map<string, number>(
      r.campaigns
        .filter((c: { sourcedWon: number }) => c.sourcedWon > 0)
        .map((c: { campaign: string; sourcedWon: number }) => [c.campaign, c.sourcedWon]),
    )
    expect(won).toEqual(expected)
    // No cost in the export: named, not 0.
    for (const c of r.campaigns) expect(c).toMatchObject({ spend: null, roi: null, costPerWon: null })
  })
})
