import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli'
import { setMqlTarget } from '../../src/main/db/repos/mql-targets'
import { saveSettings } from '../../src/main/services/settings'
import { AGING_BUCKETS, type HandoffMetrics } from '../../src/shared/handoff'
import { defaultSettings } from '../../src/shared/settings'
import { generateLeads } from '../helpers/generate-leads'
import { importFile } from '../helpers/import'
import { insertLeads } from '../helpers/leads'
import { SCREENS_DIR, startApp, type RunningApp } from './harness/app'
import { dataset, describeDatasets } from '../helpers/datasets'

/**
 * The Handoff view in Chromium over a workspace of 100,000 generated leads (and one hand-made breached
 * lead to follow through the timeline to the board), compared with `report handoff` on the same file.
 */

const AS_OF = '2026-06-30T12:00'
let app: RunningApp

beforeAll(async () => {
  app = await startApp({ height: 1000 })
  const db = app.loop.workspace.db
  const s = defaultSettings()
  saveSettings(db, { ...s, sla: { ...s.sla, clock: 'business', holidays: ['2026-05-25'] } })
  generateLeads(db, { count: 100_000, end: '2026-06-30T16:00:00.000Z', days: 365 })
  insertLeads(db, [
    {
      external_id: 'ZED-1',
      name: 'Zoë Example',
      company: 'Acme Robotics',
      grade: 'A',
      owner: 'Rep 7',
      lead_source: 'Webinar',
      handed_off_at: '2026-06-29T13:00:00.000Z',
    },
  ])
  setMqlTarget(db, '2026-05', 8000, '2026-05-01T00:00:00.000Z')
  setMqlTarget(db, '2026-06', 8500, '2026-06-01T00:00:00.000Z')
  // The page was opened on an empty workspace: tell it the data changed, as an import would.
  app.loop.emit('dataChanged', null)
})

afterAll(async () => {
  await app?.close()
})

const nav = (label: string) => app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label })

async function cliReport(): Promise<HandoffMetrics> {
  const out: string[] = []
  const code = await runCli(['report', 'handoff', '--db', app.loop.workspace.path, '--as-of', AS_OF, '--json'], {
    out: (t) => out.push(t),
    err: () => undefined,
  })
  expect(code).toBe(0)
  return JSON.parse(out.join('\n')) as HandoffMetrics
}

const valueOf = async (testId: string): Promise<number | null> => {
  const v = await app.page.getByTestId(testId).getAttribute('data-value')
  return v === 'null' || v === null ? null : Number(v)
}

describe('Handoff view in Chromium', () => {
  it('shows the same numbers as report handoff', async () => {
    await nav('Handoff').click()
    await app.page.getByRole('heading', { name: 'Handoff', level: 1 }).waitFor()
    await app.page.getByLabel('As of', { exact: true }).fill(AS_OF)
    await app.page.getByRole('button', { name: 'Apply' }).click()
    await app.page.getByTestId('scope-line').getByText('Jun 30, 2026, 12:00 PM').waitFor()
    const cli = await cliReport()
    expect(
      Number(
        await app.page
          .getByTestId('metric-backlog')
          .textContent()
          .then((t) => t?.replace(/\D/g, '')),
      ),
    ).toBe(cli.backlog)
    expect(
      Number(
        await app.page
          .getByTestId('metric-breached')
          .textContent()
          .then((t) => t?.replace(/\D/g, '')),
      ),
    ).toBe(cli.breached)
    for (const b of AGING_BUCKETS) expect(Number(await app.page.getByTestId(`aging-${b}`).textContent())).toBe(cli.aging?.[b])
    expect(await valueOf('metric-sla')).toBe(cli.slaAttainment)
    expect(await valueOf('metric-median')).toBe(cli.medianHoursToFirstTouch)
    expect(await valueOf('metric-acceptance')).toBe(cli.acceptanceRate)
    expect(await valueOf('metric-rejection')).toBe(cli.rejectionRate)
    const reasons = app.page.getByRole('table', { name: 'Rejection reasons in the window' })
    for (const [reason, n] of Object.entries(cli.rejectionReasons))
      expect(Number(await reasons.getByTestId(`reason-${reason}`).textContent())).toBe(n)
    expect(cli.backlog).toBeGreaterThan(0)
    expect(Object.keys(cli.rejectionReasons).length).toBeGreaterThan(2)
    await app.page.getByRole('table', { name: 'Funnel steps' }).waitFor()
    await app.screenshot('handoff')
  })

  it('draws the charts with real layout', async () => {
    // recharts lays out only in a real browser: bars with a height, labels that do not overlap.
    const aging = app.page.getByRole('figure', { name: 'Backlog by time waiting' })
    await aging.scrollIntoViewIfNeeded()
    expect(await aging.locator('.recharts-bar-rectangle path').count()).toBe(5)
    const labels = await aging.locator('.recharts-label-list text').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()))
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.left).toBeGreaterThanOrEqual(labels[i - 1]!.right)
    await app.page.getByTestId('funnel-won').waitFor()
    const funnel = app.page.getByRole('figure', { name: 'Funnel from hand-off to won' })
    await funnel.scrollIntoViewIfNeeded()
    expect(await funnel.locator('.recharts-bar-rectangle path').count()).toBe(5)
    await app.page.getByRole('region', { name: 'Funnel' }).screenshot({ path: `${SCREENS_DIR}/handoff-funnel.png` })
    const rejections = app.page.getByRole('figure', { name: 'Rejections by reason and recycled leads per month' })
    await rejections.scrollIntoViewIfNeeded()
    expect(await rejections.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(12)
    await app.page
      .getByRole('region', { name: 'Rejected and recycled leads' })
      .screenshot({ path: `${SCREENS_DIR}/handoff-rejections.png` })
  })

  it('scrolls through 100,000 leads, a page at a time', async () => {
    const table = app.page.getByRole('table', { name: 'Leads' })
    await table.scrollIntoViewIfNeeded()
    const count = Number(await table.getAttribute('aria-rowcount')) - 1
    expect(count).toBe(100_001)
    const scroller = app.page.getByTestId('lead-scroll')
    const rowAt = (index: number) => table.locator(`[role="row"][aria-rowindex="${index + 2}"]`)
    await rowAt(0).getByRole('button').waitFor()
    // Breached first.
    expect(await rowAt(0).locator('.status').textContent()).toBe('Breached')
    // Only the rows in view are in the page.
    expect(await table.locator('[role="row"]').count()).toBeLessThan(50)
    for (const fraction of [0.5, 0.9, 1]) {
      const started = Date.now()
      await scroller.evaluate((el, f) => {
        el.scrollTop = (el.scrollHeight - el.clientHeight) * f
      }, fraction)
      // The row under that scroll position is rendered and its page loaded from the database.
      const target = Math.min(count - 1, Math.floor(count * fraction))
      await rowAt(target).getByRole('button').waitFor()
      expect(Date.now() - started).toBeLessThan(3000)
      await app.page.waitForFunction(() => document.querySelectorAll('.lead-spacer .loading-cell').length === 0)
      expect(await table.locator('[role="row"]').count()).toBeLessThan(50)
    }
    await rowAt(count - 1)
      .getByRole('button')
      .waitFor()
    await app.page.getByRole('region', { name: 'Leads', exact: true }).screenshot({ path: `${SCREENS_DIR}/handoff-table.png` })
  })

  it('sorts, filters and searches in the database', async () => {
    const table = app.page.getByRole('table', { name: 'Leads' })
    await table.getByRole('button', { name: 'Lead', exact: true }).click()
    await app.page.waitForFunction(() =>
      document.querySelector('[role="columnheader"][aria-sort="ascending"]')?.textContent?.startsWith('Lead'),
    )
    await app.page.getByLabel('Status').selectOption('breached')
    await app.page.getByText(/^[\d,]+ leads? handed off by/).waitFor()
    await app.page.getByRole('searchbox', { name: 'Search leads' }).fill('Zoë')
    await app.page.getByText(/^1 lead handed off by/).waitFor()
    await table.getByRole('button', { name: 'Zoë Example' }).waitFor()
  })

  it('opens a breached lead’s timeline and adds it to the next meeting', async () => {
    await app.page.getByRole('button', { name: 'Zoë Example' }).click()
    const detail = app.page.getByRole('complementary', { name: 'Zoë Example' })
    await detail.getByText('Handed off to sales').waitFor()
    expect(await detail.getByTestId('lead-status').textContent()).toBe('Breached · waited 11\u00a0h of 4.0\u00a0h')
    await detail.scrollIntoViewIfNeeded()
    await app.page.getByRole('region', { name: 'Leads', exact: true }).screenshot({ path: `${SCREENS_DIR}/handoff-timeline.png` })
    await detail.getByRole('button', { name: /^Add to next meeting/ }).click()
    const dialog = app.page.getByRole('dialog', { name: 'Add to next meeting' })
    await dialog.getByText('Linked to lead: Zoë Example, Acme Robotics').waitFor()
    expect(await dialog.getByLabel('Action').inputValue()).toBe('Follow up Zoë Example (Rep 7): past its SLA')
    await dialog.getByLabel('Due').fill('2026-07-03')
    await app.screenshot('handoff-add-to-meeting')
    await dialog.getByRole('button', { name: 'Add to next meeting' }).click()
    await app.page.getByText('Added to the next meeting: Follow up Zoë Example (Rep 7): past its SLA').waitFor()
    const stored = app.loop.workspace.db
      .prepare('SELECT title, owner, team, due_date, link_kind, link_label, meeting_id FROM action_items')
      .all()
    expect(stored).toEqual([
      {
        title: 'Follow up Zoë Example (Rep 7): past its SLA',
        owner: 'Rep 7',
        team: 'sales',
        due_date: '2026-07-03',
        link_kind: 'lead',
        link_label: 'Zoë Example, Acme Robotics',
        meeting_id: null,
      },
    ])
  })

  it('lists the item on the Board, where it is edited and deleted', async () => {
    await nav('Board').click()
    const item = app.page.getByRole('article', { name: 'Follow up Zoë Example (Rep 7): past its SLA' })
    await item.getByText('Lead: Zoë Example, Acme Robotics').waitFor()
    await app.screenshot('handoff-board-item')
    await item.getByRole('button', { name: /^Edit/ }).click()
    const dialog = app.page.getByRole('dialog', { name: 'Edit action item' })
    await dialog.getByLabel('Status').selectOption('in_progress')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => app.loop.workspace.db.prepare('SELECT status FROM action_items').get()).toEqual({ status: 'in_progress' })
    await item.getByRole('button', { name: /^Edit/ }).click()
    await dialog.getByRole('button', { name: 'Delete…' }).click()
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
    // Kept, marked deleted, until its meeting ends: the delete can be undone (Ctrl+Z) until then.
    await expect
      .poll(() => app.loop.workspace.db.prepare('SELECT count(*) AS n FROM action_items WHERE deleted_at IS NULL').get())
      .toEqual({ n: 0 })
    await item.waitFor({ state: 'detached' })
  })

  it('made no request outside the app and logged no console error', () => {
    expect(app.outsideRequests()).toEqual([])
    expect(app.consoleErrors).toEqual([])
    expect(app.loop.errors).toEqual([])
  })
})

describe('Handoff view, dark theme', () => {
  it('stays readable', async () => {
    const dark = await startApp({ colorScheme: 'dark', height: 1000 })
    try {
      generateLeads(dark.loop.workspace.db, { count: 20_000, end: '2026-06-30T16:00:00.000Z', days: 365 })
      dark.loop.emit('dataChanged', null)
      await dark.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Handoff' }).click()
      await dark.page.getByLabel('As of', { exact: true }).fill(AS_OF)
      await dark.page.getByRole('button', { name: 'Apply' }).click()
      await dark.page.getByTestId('scope-line').getByText('Jun 30, 2026, 12:00 PM').waitFor()
      await dark.page.getByTestId('funnel-won').waitFor()
      await dark.screenshot('handoff-dark')
      await dark.page
        .getByRole('region', { name: 'Rejected and recycled leads' })
        .screenshot({ path: `${SCREENS_DIR}/handoff-rejections-dark.png` })
      expect(dark.consoleErrors).toEqual([])
      expect(dark.outsideRequests()).toEqual([])
    } finally {
      await dark.close()
    }
  })
})

const OLIST = dataset('olist-marketing-funnel')

describeDatasets('Handoff view over the real Olist export', () => {
  it('says the data is old and shows it as of its last hand-off', async () => {
    const olist = await startApp({ height: 1000 })
    try {
      const ws = { dir: OLIST, path: olist.loop.workspace.path, db: olist.loop.workspace.db }
      await importFile(ws, join(OLIST, 'olist_marketing_qualified_leads_dataset.csv'))
      await importFile(ws, join(OLIST, 'olist_closed_deals_dataset.csv'))
      olist.loop.emit('dataChanged', null)
      await olist.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Handoff' }).click()
      await olist.page.getByRole('button', { name: 'Show the handoff as of that day' }).click()
      await olist.page
        .getByTestId('scope-line')
        .getByText(/May 31, 2018, 11:59 PM/)
        .waitFor()
      // As of 31 May 2018, 665 of the 842 deals had closed (issue #14, 4).
      await olist.page.waitForFunction(() => document.querySelector('[data-testid="funnel-won"]')?.textContent === '665')
      expect(await olist.page.getByTestId('funnel-handedOff').textContent()).toBe('8,000')
      // The export has no worked dates: no wall of breaches, but what it cannot measure (issue #14, 3).
      expect(await olist.page.getByTestId('sla-not-measurable').textContent()).toContain('None of the 8,000 leads handed off by then')
      expect(await olist.page.getByRole('figure', { name: 'Backlog by time waiting' }).count()).toBe(0)
      await olist.screenshot('handoff-olist')
      expect(olist.consoleErrors).toEqual([])
    } finally {
      await olist.close()
    }
  })
})
