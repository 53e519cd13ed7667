import { describe, expect, it } from 'vitest'
import { insertLeads, insertOpportunities } from '../helpers/leads'
import { importOpportunities, importTargets } from '../helpers/targets'
import { tmpDir } from '../helpers/tmp'
import type { RunningApp } from './harness/app'
import { SIZES, appAt, nav, seriousViolations } from './harness/sizes'

/**
 * Issue #14 in real Chromium: the notices that say what the numbers cannot cover (a target for part of
 * the period, deals without a close date, an export without worked dates), at the two screen sizes of
 * the issue, with screenshots and axe-core's serious and critical rules.
 */

async function seed(app: RunningApp): Promise<void> {
  const ws = { dir: tmpDir(), path: app.loop.workspace.path, db: app.loop.workspace.db }
  await importOpportunities(ws, [
    ['Q1-WON', 'Closed Won', '50000', 'USD', '2025-02-10', 'Webinar', null, null],
    ['Q2-WON', 'Closed Won', '20000', 'USD', '2025-05-10', 'Outbound', null, null],
    ['Q4-WON', 'Closed Won', '6000', 'USD', '2025-11-10', 'Webinar', null, null],
    ['Q4-OPEN', 'Negotiation', '10000', 'USD', '2025-12-10', 'Webinar', null, null],
    ['NO-DATE-1', 'Negotiation', '4000', 'USD', null, 'Webinar', null, null],
    ['NO-DATE-2', 'Prospecting', '9000', 'USD', null, 'Webinar', null, null],
  ])
  await importTargets(ws, [
    ['2025-Q2', '30000', null, null],
    ['2025-Q3', '30000', null, null],
    ['2025-Q4', '30000', null, null],
  ])
  // Leads handed off, none of them with a worked date: the SLA cannot be measured.
  insertLeads(
    app.loop.workspace.db,
    Array.from({ length: 40 }, (_, i) => ({
      external_id: `U-${i}`,
      grade: 'A',
      lead_source: 'Webinar',
      handed_off_at: new Date(Date.parse('2025-12-20T15:00:00.000Z') - i * 7 * 3_600_000).toISOString(),
    })),
  )
  insertOpportunities(app.loop.workspace.db, [{ external_id: 'WON-1', stage: 'Closed Won', close_date: '2025-12-30', lead_id: 'U-3' }])
  app.loop.emit('dataChanged', null)
}

for (const size of SIZES) {
  describe(`what the numbers cannot cover, at ${size.width}×${size.height}`, () => {
    const app = appAt(size, seed)

    it('Targets names the months without a target and lists the deals without a close date', async () => {
      await app().page.getByLabel('As of').fill('2025-12-31')
      await app().page.getByLabel('As of').blur()
      await app().page.waitForFunction(() => (document.getElementById('as-of') as HTMLInputElement | null)?.value === '2025-12-31')
      // The period length "fiscal year" around the as-of date: FY2025.
      await app().page.getByRole('group', { name: 'Period length' }).getByRole('button').last().click()
      await app().page.waitForFunction(() => (document.getElementById('period-select') as HTMLSelectElement | null)?.value === 'FY2025')
      const partial = app().page.getByTestId('partial-target')
      await partial.waitFor()
      expect(await partial.textContent()).toContain(
        'No target for Jan – Mar 2025: attainment, pace, gap and coverage are over Apr – Dec 2025',
      )
      expect(await app().page.getByTestId('kpi-closedWon').getAttribute('data-value')).toBe('26000')
      const undated = app().page.getByTestId('undated-deals')
      expect(await undated.textContent()).toContain('2 open deals ($13,000.00) have no close date')
      await app().screenshot(`trust-targets-${size.width}`)
      expect(await seriousViolations(app())).toEqual([])
      await undated.getByRole('button', { name: 'List the open ones' }).click()
      const list = app().page.getByTestId('undated-list')
      await list.waitFor()
      expect(await list.locator('tbody tr').count()).toBe(2)
      await app().screenshot(`trust-undated-list-${size.width}`)
      expect(await seriousViolations(app())).toEqual([])
      await app().page.keyboard.press('Escape')
    })

    it('Handoff says the SLA cannot be measured instead of a wall of breaches', async () => {
      await nav(app(), 'Handoff').click()
      await app().page.getByLabel('As of', { exact: true }).fill('2025-12-31T12:00')
      await app().page.getByLabel('As of', { exact: true }).press('Enter')
      const note = app().page.getByTestId('sla-not-measurable')
      await note.waitFor()
      expect(await note.textContent()).toContain('None of the 40 leads handed off by then has a date that says it was worked')
      expect(await app().page.getByTestId('metric-breached').count()).toBe(0)
      await app().screenshot(`trust-handoff-${size.width}`)
      expect(await seriousViolations(app())).toEqual([])
      expect(app().consoleErrors).toEqual([])
    })

    it('scrolls only the view, never the window: the sidebar stays put (issue #14, 11)', async () => {
      // What "Show the breached leads" does: bring the lead table into view.
      await app().page.evaluate(() => document.getElementById('lead-table')?.scrollIntoView({ block: 'start' }))
      const after = await app().page.evaluate(() => ({
        window: document.scrollingElement?.scrollTop ?? 0,
        content: document.querySelector('.content')?.scrollTop ?? 0,
        sidebarTop: document.querySelector('.sidebar')?.getBoundingClientRect().top ?? -1,
        page: document.documentElement.scrollHeight - window.innerHeight,
      }))
      expect(after.content).toBeGreaterThan(0)
      expect(after.window).toBe(0)
      expect(after.sidebarTop).toBe(0)
      expect(after.page).toBeLessThanOrEqual(0)
      await app().screenshot(`trust-handoff-scrolled-${size.width}`)
    })

    it('has a skip link, keyboard-reachable funnel tables, and moves focus to the heading on navigation (issue #14, 13)', async () => {
      const scrollers = app().page.locator('.breakdown-scroll')
      expect(await scrollers.count()).toBe(2)
      for (const el of await scrollers.all()) expect(await el.getAttribute('tabindex')).toBe('0')
      await nav(app(), 'Targets').click()
      await app().page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Targets')
      // The skip link is the first thing a Tab reaches, shows itself when focused, and Enter takes focus to the view.
      const first = await app().page.evaluate(
        () => document.querySelector<HTMLElement>('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')?.textContent,
      )
      expect(first).toBe('Skip to the view')
      await app().page.locator('.skip-link').focus()
      const box = await app().page.locator('.skip-link').boundingBox()
      expect(box?.y ?? -1).toBeGreaterThanOrEqual(0)
      await app().screenshot(`trust-skip-link-${size.width}`)
      await app().page.keyboard.press('Enter')
      await app().page.waitForFunction(() => document.activeElement?.id === 'main')
      expect(await seriousViolations(app())).toEqual([])
    })
  })
}
