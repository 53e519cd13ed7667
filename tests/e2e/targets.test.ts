import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli'
import type { TargetsJson } from '../../src/main/reports/targets'
import { startApp, type RunningApp } from './harness/app'
import { importDemo } from './harness/demo'

let app: RunningApp

beforeAll(async () => {
  app = await startApp({ height: 1000 })
})

afterAll(async () => {
  await app?.close()
})

/** Picks a quarter and an as-of date with the period picker. */
async function showQuarter(into: RunningApp, period: string, asOf: string): Promise<void> {
  await into.page.locator('#period-select').selectOption(period)
  await into.page.waitForFunction((p) => (document.getElementById('period-select') as HTMLSelectElement | null)?.value === p, period)
  await into.page.getByLabel('As of').fill(asOf)
  await into.page.getByLabel('As of').blur()
  await into.page.getByTestId('kpi-closedWon').waitFor()
  // The picker shows what the report on screen is for: both match once it has arrived.
  await into.page.waitForFunction(
    ([p, d]) =>
      (document.getElementById('period-select') as HTMLSelectElement | null)?.value === p &&
      (document.getElementById('as-of') as HTMLInputElement | null)?.value === d,
    [period, asOf],
  )
}

async function cliReport(period: string, asOf: string): Promise<TargetsJson> {
  const out: string[] = []
  const code = await runCli(['report', 'targets', '--db', app.loop.workspace.path, '--period', period, '--as-of', asOf, '--json'], {
    out: (t) => out.push(t),
    err: () => undefined,
  })
  expect(code).toBe(0)
  return JSON.parse(out.join('')) as TargetsJson
}

/**
 * The view in a window of the given height, or tall enough for all of it: the content scrolls inside the
 * window, so a full-page screenshot would not show more.
 */
async function screenshotWhole(into: RunningApp, name: string, height?: number): Promise<void> {
  const size = into.page.viewportSize()
  const whole = await into.page.evaluate(() => document.querySelector('.content')?.scrollHeight ?? 1000)
  await into.page.setViewportSize({ width: size?.width ?? 1440, height: height ?? whole + 40 })
  await into.page.screenshot({ path: into.screenshotPath(name) })
  if (size) await into.page.setViewportSize(size)
}

/** Closes the notices on screen (information notices also go by themselves, hence the short wait). */
async function dismissNotices(into: RunningApp): Promise<void> {
  const buttons = into.page.getByRole('button', { name: 'Dismiss message' })
  while ((await buttons.count()) > 0)
    await buttons
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined)
}

const tileValue = async (into: RunningApp, name: string): Promise<number | null> => {
  const v = await into.page.getByTestId(`kpi-${name}`).getAttribute('data-value')
  return v === '' || v === null ? null : Number(v)
}

describe('Targets in Chromium', () => {
  it('starts empty, offering to import or to add a target', async () => {
    await app.page.getByRole('heading', { name: 'Targets', level: 1 }).waitFor()
    await app.page.getByText('No opportunities yet').waitFor()
    expect(await app.page.getByRole('button', { name: 'Import a file' }).isVisible()).toBe(true)
    expect(await app.page.getByRole('button', { name: 'Add a target' }).isVisible()).toBe(true)
  })

  it('shows the same numbers as `report targets` for an imported workspace', async () => {
    await importDemo(app)
    // This quarter (the default) has no deals and no target: the view says so and where the data is.
    await app.page.getByText(/^No opportunity closes in/).waitFor()
    await app.page.getByTestId('no-target').waitFor()
    await app.screenshot('targets-no-target')
    await showQuarter(app, '2025-Q3', '2025-08-15')
    const cli = await cliReport('2025-Q3', '2025-08-15')
    expect(cli.closedWon).toBeGreaterThan(0)
    for (const name of ['closedWon', 'attainment', 'pace', 'gap', 'forecast', 'coverage'] as const) {
      expect(await tileValue(app, name), name).toBe(cli[name])
    }
    expect(cli.target).toBe(920000)
    expect(Number(await app.page.getByTestId('need-opportunities').getAttribute('data-value'))).toBe(cli.gapPlan.opportunities)
    expect(Number(await app.page.getByTestId('need-mqls').getAttribute('data-value'))).toBe(cli.gapPlan.mqls)
    // Both charts drew real marks: the cumulative line and stacked bars.
    expect(await app.page.locator('.recharts-line-curve').count()).toBeGreaterThanOrEqual(3)
    expect(await app.page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(10)
    expect(await app.page.locator('.chart-summary').first().textContent()).toContain("follows last year's months")
    // The JPY deal has no rate: left out, counted, and the currency named.
    expect(cli.unconvertible).toBe(1)
    await app.page.getByTestId('fx-warning').getByText('JPY').waitFor()
    await app.screenshot('targets')
    await screenshotWhole(app, 'targets-full')
  })

  it('explains every number on hover and on keyboard focus', async () => {
    const pace = app.page.getByTestId('kpi-pace').locator('dt .term')
    const tip = pace.getByRole('tooltip')
    expect(await tip.isVisible()).toBe(false)
    await pace.hover()
    await expect.poll(() => tip.isVisible()).toBe(true)
    expect(await tip.textContent()).toContain('Closed-won / expected to date')
    await app.page.mouse.move(0, 0)
    await pace.focus()
    await expect.poll(() => tip.isVisible()).toBe(true)
    await app.page.keyboard.press('Escape')
    await expect.poll(() => tip.isVisible()).toBe(false)
    // Every tile carries one.
    for (const name of ['closedWon', 'attainment', 'pace', 'gap', 'forecast', 'coverage']) {
      expect(await app.page.getByTestId(`kpi-${name}`).locator('dt [role="tooltip"]').textContent()).toMatch(/\S/)
    }
  })

  it('maps unmapped CRM values in Settings with one click', async () => {
    const warning = app.page.getByTestId('unmapped-warning')
    await warning.getByText('Verbal Commit').waitFor()
    await warning.getByText('Podcast').waitFor()
    const open = (await cliReport('2025-Q3', '2025-08-15')).openPipeline
    await warning.getByRole('button', { name: 'Map them in Settings' }).click()
    await app.page.getByRole('heading', { name: 'Deal stages' }).waitFor()
    const stages = app.page.getByLabel(/^Stage \d+$/)
    expect(await stages.last().inputValue()).toBe('Verbal Commit')
    expect(
      await app.page
        .getByLabel(/^Lead source \d+$/)
        .last()
        .inputValue(),
    ).toBe('Podcast')
    await app.page.getByLabel('Probability of Verbal Commit').fill('80')
    await app.page.getByRole('button', { name: 'Save settings' }).click()
    await app.page.getByText('Settings saved.').waitFor()
    await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Targets' }).click()
    await app.page.getByTestId('kpi-closedWon').waitFor()
    await expect.poll(() => app.page.getByTestId('unmapped-warning').count()).toBe(0)
    // Verbal Commit (open, 26,000) now counts; the period and as-of date were kept.
    await expect.poll(() => tileValue(app, 'coverage')).toBe((await cliReport('2025-Q3', '2025-08-15')).coverage)
    expect((await cliReport('2025-Q3', '2025-08-15')).openPipeline).toBe(open + 26000)

    // The currency without a rate: one click to its row in Settings.
    await dismissNotices(app)
    await app.page.getByTestId('fx-warning').getByRole('button', { name: 'Add the rate in Settings' }).click()
    await app.page.getByLabel('Rate for JPY').fill('0.0067')
    await app.page.getByRole('button', { name: 'Save settings' }).click()
    await app.page.getByText('Settings saved.').waitFor()
    await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Targets' }).click()
    await app.page.getByTestId('kpi-closedWon').waitFor()
    await expect.poll(() => app.page.getByTestId('fx-warning').count()).toBe(0)
    const after = await cliReport('2025-Q3', '2025-08-15')
    expect(after.unconvertible).toBe(0)
    expect(after.openPipeline).toBe(open + 26000 + 16750) // 2,500,000 JPY × 0.0067
    await expect.poll(() => tileValue(app, 'coverage')).toBe(after.coverage)
    await screenshotWhole(app, 'targets-mapped')
    // The overview of README.md: picker, big numbers, team targets and the pace chart, without notices.
    await dismissNotices(app)
    await screenshotWhole(app, 'targets-overview', 1240)
  })

  it('edits a target as an undoable batch that the import history lists', async () => {
    await app.page.getByRole('button', { name: 'Edit targets' }).click()
    await app.page.getByRole('heading', { name: /Targets for FY2025/ }).waitFor()
    const rows = app.page.getByRole('table', { name: 'Targets' }).locator('tbody tr')
    expect(await rows.count()).toBe(5)
    await app.page.getByRole('button', { name: 'Add a target' }).click()
    await app.page.getByLabel('Period of target 6').fill('2025-Q3')
    await app.page.getByLabel('What target 6 is for').selectOption('bookings')
    await app.page.getByLabel('Amount of target 6').fill('850000')
    const september = app.page
      .getByRole('table', { name: 'Targets' })
      .locator('tbody tr')
      .filter({ has: app.page.locator('input[value="2025-09"]') })
    await september.getByLabel(/^Amount of target/).fill('400000') // 380,000 -> 400,000
    await app.screenshot('targets-editor')
    await app.page.getByRole('button', { name: 'Save targets' }).click()
    await app.page.getByText(/Targets saved as import #\d+ \("Edited in Tandem"\)/).waitFor()
    await expect.poll(() => tileValue(app, 'attainment')).toBe((await cliReport('2025-Q3', '2025-08-15')).attainment)
    expect((await cliReport('2025-Q3', '2025-08-15')).target).toBe(940000)
    await app.page
      .getByTestId('team-salesBookings')
      .getByText(/of \$850K/)
      .waitFor()

    await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Import' }).click()
    const history = app.page.getByRole('table', { name: 'Import history' })
    await history.getByText('Edited in Tandem').waitFor()
    await history.getByRole('button', { name: 'Undo…' }).first().click()
    await history.getByRole('button', { name: 'Undo import' }).click()
    await app.page.getByText(/undone: 2 rows removed, 0 restored/).waitFor()
    expect((await cliReport('2025-Q3', '2025-08-15')).target).toBe(920000)
    await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Targets' }).click()
    await expect.poll(() => app.page.getByTestId('team-salesBookings').count()).toBe(0)
  })

  it('made no request outside the app and logged no console error', () => {
    expect(app.outsideRequests()).toEqual([])
    expect(app.consoleErrors).toEqual([])
    expect(app.loop.errors).toEqual([])
  })
})

describe('Targets in the dark theme', () => {
  it('draws readable charts', async () => {
    const dark = await startApp({ colorScheme: 'dark', height: 1000 })
    try {
      await dark.page.getByText('No opportunities yet').waitFor()
      await importDemo(dark)
      await dark.page.locator('#period-select').waitFor()
      await showQuarter(dark, '2025-Q3', '2025-08-15')
      await dark.page.locator('.recharts-line-curve').first().waitFor()
      await dark.screenshot('targets-dark')
      await screenshotWhole(dark, 'targets-dark-full')
      expect(dark.consoleErrors).toEqual([])
      expect(dark.outsideRequests()).toEqual([])
    } finally {
      await dark.close()
    }
  })
})
