import AxeBuilder from '@axe-core/playwright'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli'
import type { CampaignsJson } from '../../src/main/reports/campaigns'
import { startApp, type RunningApp } from './harness/app'
import { dropFile as dropOn } from './harness/drop'
import { writeCsv } from '../helpers/import'
import { importTable } from '../helpers/targets'
import { tmpDir } from '../helpers/tmp'

let app: RunningApp

beforeAll(async () => {
  app = await startApp({ width: 1280, height: 720 })
})

afterAll(async () => {
  await app?.close()
})

const CAMPAIGNS = ['Spring Webinar', 'Trade Show Berlin', 'Paid Search Q3', 'Partner Summit', 'Podcast']
const SOURCES = ['Webinar', 'Trade Show', 'Paid Search', 'Partner Referral', 'Podcast']

/** Deals and leads of the third quarter of 2025, each campaign with its own volume; imported with the real engine. */
async function importDealsAndLeads(into: RunningApp): Promise<void> {
  const ws = { dir: tmpDir(), path: into.loop.workspace.path, db: into.loop.workspace.db }
  const deals: (string | null)[][] = []
  const leads: (string | null)[][] = []
  for (let i = 0; i < 60; i++) {
    const c = i % CAMPAIGNS.length
    const day = String(1 + (i % 28)).padStart(2, '0')
    const month = ['07', '08', '09'][i % 3]!
    const lead = `L${i}`
    // A third of the deals carry no campaign and take their lead's; every fourth lead is another campaign's.
    const leadCampaign = i % 4 === 0 ? CAMPAIGNS[(c + 1) % CAMPAIGNS.length]! : CAMPAIGNS[c]!
    leads.push([lead, leadCampaign, SOURCES[c]!, `2025-${month}-${day} 10:00`, i % 2 === 0 ? `2025-${month}-${day} 15:00` : null, `D${i}`])
    const stage = i % 3 === 0 ? 'Negotiation' : i % 5 === 0 ? 'Closed Lost' : 'Closed Won'
    deals.push([
      `D${i}`,
      stage,
      String(4000 + 1500 * c + 100 * i),
      'USD',
      `2025-${month}-${day}`,
      `2025-09-${day}`,
      i % 3 === 1 ? null : CAMPAIGNS[c]!,
      SOURCES[c]!,
      lead,
    ])
  }
  await importTable(
    ws,
    'opportunities',
    ['external_id', 'stage', 'amount', 'currency', 'created_at', 'close_date', 'campaign', 'lead_source', 'lead_id'],
    deals,
    'crm',
  )
  await importTable(
    ws,
    'leads',
    ['external_id', 'campaign', 'lead_source', 'handed_off_at', 'qualified_at', 'opportunity_id'],
    leads,
    'crm',
  )
  into.loop.emit('dataChanged', null)
}

/** Drops a file on the drop zone the way a user drags one from the desktop. */
const dropFile = (name: string, bytes: Buffer): Promise<void> => dropOn(app.page, name, bytes)

async function cliReport(period: string, asOf: string): Promise<CampaignsJson> {
  const out: string[] = []
  const code = await runCli(['report', 'campaigns', '--db', app.loop.workspace.path, '--period', period, '--as-of', asOf, '--json'], {
    out: (t) => out.push(t),
    err: () => undefined,
  })
  expect(code).toBe(0)
  return JSON.parse(out.join('')) as CampaignsJson
}

const nav = (name: string) => app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name })
const campaignOrder = async (): Promise<string[]> =>
  (await app.page.getByTestId('roi-campaigns').locator('tbody th').allTextContents()).map((t) => t.trim())

describe('Marketing ROI in Chromium', () => {
  it('says that no spend is imported, then imports a spend sheet through the Import view', async () => {
    await importDealsAndLeads(app)
    await nav('Marketing ROI').click()
    await app.page.getByRole('heading', { name: 'Marketing ROI', level: 1 }).waitFor()
    await app.page.getByTestId('no-spend').waitFor()

    const dir = tmpDir()
    const file = writeCsv(dir, 'campaign spend.csv', [
      ['Campaign', 'Channel', 'Month', 'Spend'],
      ['Spring Webinar', 'Webinar', '2025-07', '$4,000.00'],
      ['Spring Webinar', 'Webinar', '2025-08', '$2,500.00'],
      ['Trade Show Berlin', 'Trade Show', '2025-09', '$30,000.00'],
      ['Paid Search Q3', 'Paid Search', '2025-Q3', '$12,000.00'],
      ['Partner Summit', 'Partner Referral', '2025-08', '$9,000.00'],
      ['Print Ads', '', '2025-08', '$1,500.00'],
    ])
    await nav('Import').click()
    await dropFile('campaign spend.csv', readFileSync(file))
    await app.page.getByRole('heading', { name: 'How to read this file' }).waitFor()
    expect(await app.page.getByLabel('The file holds').inputValue()).toBe('spend')
    await app.page.getByRole('button', { name: 'Check the whole file' }).click()
    await app.page.getByRole('button', { name: 'Import 6 rows' }).click()
    await app.page.getByRole('heading', { name: /Imported campaign spend\.csv as/ }).waitFor()
  })

  it('shows per campaign and channel the figures of `report campaigns`, sorts, and explains them', async () => {
    await nav('Marketing ROI').click()
    await app.page.locator('#period-select').selectOption('2025-Q3')
    await app.page.getByLabel('As of').fill('2025-09-30')
    await app.page.getByLabel('As of').blur()
    await app.page.waitForFunction(() => (document.getElementById('as-of') as HTMLInputElement | null)?.value === '2025-09-30')
    const table = app.page.getByTestId('roi-campaigns')
    await table.waitFor()
    expect(await app.page.getByTestId('no-spend').count()).toBe(0)

    const cli = await cliReport('2025-Q3', '2025-09-30')
    expect(cli.campaigns.map((c) => c.campaign)).toEqual(await campaignOrder())
    // Podcast has leads and deals but no spend: said in words, not 0.
    const podcast = table.getByRole('row', { name: /^Podcast/ })
    await podcast.getByText('no spend imported').waitFor()
    expect(cli.campaigns.find((c) => c.campaign === 'Podcast')).toMatchObject({ spend: null, roi: null })
    // Print Ads is named by no lead or deal.
    await app.page.getByTestId('roi-unmatched').getByText('Print Ads').waitFor()
    expect(cli.unmatchedSpend).toEqual([{ campaign: 'Print Ads', ids: [], spend: 1500 }])
    // The chart drew bars with direct labels.
    expect(await app.page.locator('.roi-chart .recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(10)
    await app.page.locator('.roi-chart tspan', { hasText: 'no spend imported' }).waitFor()

    // Sorting by spend puts the largest spender first; again, the smallest (no spend stays last).
    await table.getByRole('button', { name: 'Sort by Spend' }).click()
    const bySpend = [...cli.campaigns].filter((c) => c.spend !== null).sort((a, b) => b.spend! - a.spend!)
    expect((await campaignOrder())[0]).toBe(bySpend[0]!.campaign)
    expect(await table.locator('th[data-column="spend"]').getAttribute('aria-sort')).toBe('descending')
    await table.getByRole('button', { name: 'Sort by Spend' }).click()
    expect(await campaignOrder()).toEqual([...bySpend.reverse().map((c) => c.campaign), 'Podcast'])
    await table.getByRole('button', { name: 'ROI: sort by Return on spend' }).click()
    const byRoi = [...cli.campaigns].filter((c) => c.roi !== null).sort((a, b) => b.roi! - a.roi!)
    expect((await campaignOrder()).slice(0, byRoi.length)).toEqual(byRoi.map((c) => c.campaign))

    // Hovering a column's name shows its definition.
    const influenced = table.locator('th[data-column="influencedWon"] .term')
    const tip = influenced.getByRole('tooltip')
    expect(await tip.isVisible()).toBe(false)
    await influenced.hover()
    await expect.poll(() => tip.isVisible()).toBe(true)
    expect(await tip.textContent()).toContain('linked to at least one lead of the campaign, whatever the deal’s own campaign')
    await app.page.mouse.move(0, 0)
    await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())

    await app.page.locator('.content').evaluate((el) => el.scrollTo(0, 0))
    await app.screenshot('roi')
    const whole = await app.page.evaluate(() => document.querySelector('.content')?.scrollHeight ?? 720)
    await app.page.setViewportSize({ width: 1280, height: whole + 40 })
    await app.screenshot('roi-full')
    await app.page.setViewportSize({ width: 1280, height: 720 })
  })

  it('has no serious or critical accessibility violation', async () => {
    const results = await new AxeBuilder({ page: app.page }).analyze()
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html}`).join(', ')}`)).toEqual([])
    expect(app.consoleErrors).toEqual([])
    expect(app.outsideRequests()).toEqual([])
  })
})
