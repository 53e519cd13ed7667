import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getSettings } from '../../src/main/services/settings'
import { defaultSettings } from '../../src/shared/settings'
import { startApp, type RunningApp } from './harness/app'
import { tmpDir } from '../helpers/tmp'

let app: RunningApp

beforeAll(async () => {
  app = await startApp()
})

afterAll(async () => {
  await app?.close()
})

const nav = (label: string) => app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label })

describe('app shell in Chromium', () => {
  it('opens on Targets with an empty state that says what to do first', async () => {
    await app.page.getByRole('heading', { name: 'Targets', level: 1 }).waitFor()
    await app.page.getByText('No opportunities yet').waitFor()
    expect(await app.page.getByRole('button', { name: 'Import a file' }).isVisible()).toBe(true)
    expect(await app.page.locator('.sidebar-footer').textContent()).toContain('tandem.sqlite')
    await app.screenshot('targets-empty')
  })

  it('navigates to every view', async () => {
    for (const [label, heading, shot] of [
      // The empty states; handoff.png and board.png show the views with data (tests/e2e/handoff.test.ts).
      ['Handoff', 'Handoff', 'handoff-empty'],
      ['Board', 'Meeting Board', 'board-empty'],
      ['Import', 'Import', 'import'],
      ['Targets', 'Targets', null],
    ] as const) {
      await nav(label).click()
      await app.page.getByRole('heading', { name: heading, level: 1 }).waitFor()
      expect(await nav(label).getAttribute('aria-current')).toBe('page')
      if (shot) await app.screenshot(shot)
    }
    // The empty state's button leads to Import.
    await app.page.getByRole('button', { name: 'Import a file' }).click()
    await app.page.getByRole('heading', { name: 'Import', level: 1 }).waitFor()
  })

  it('edits and saves settings into the workspace file', async () => {
    await nav('Settings').click()
    await app.page.getByRole('heading', { name: 'General' }).waitFor()
    await app.screenshot('settings')
    await app.page.getByLabel('Home currency').fill('EUR')
    await app.page.getByLabel('Rate for EUR').fill('1')
    await app.page.getByRole('button', { name: 'Add currency' }).click()
    await app.page.getByLabel('Currency 3', { exact: true }).fill('USD')
    await app.page.getByLabel('Rate for USD').fill('0.92')
    await app.page.getByRole('button', { name: 'Save settings' }).click()
    await app.page.getByText('Settings saved.').waitFor()
    const stored = getSettings(app.loop.workspace.db).settings
    expect(stored.currency).toBe('EUR')
    expect(stored.fxRates).toEqual({ EUR: 1, GBP: 1.27, USD: 0.92 })

    // A reload reads it back from the database, not from the page's memory.
    await app.page.reload()
    await nav('Settings').click()
    expect(await app.page.getByLabel('Home currency').inputValue()).toBe('EUR')
  })

  it('says what is wrong with an invalid value and will not save it', async () => {
    await app.page.getByLabel('Hours for grade A').fill('soon')
    await app.page.getByLabel('Time zone').fill('Mars/Base')
    const banner = app.page.getByTestId('settings-problems')
    await banner.waitFor()
    const text = await banner.textContent()
    expect(text).toContain('timezone: is not a known time zone')
    expect(text).toContain('sla.firstTouchHours.A: must be a number of hours')
    expect(await app.page.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true)
    await banner.scrollIntoViewIfNeeded()
    await app.screenshot('settings-invalid')
    await app.page.getByRole('button', { name: 'Discard' }).click()
    await banner.waitFor({ state: 'detached' })
    expect(getSettings(app.loop.workspace.db).settings.timezone).toBe('America/New_York')
  })

  it('exports the settings to JSON and imports them back', async () => {
    const dir = tmpDir()
    const out = join(dir, 'team-settings.json')
    app.loop.dialogs.answers.push(out)
    await app.page.getByRole('button', { name: 'Export JSON…' }).click()
    await app.page.getByText(`Settings exported to ${basename(out)}.`).waitFor()
    expect(JSON.parse(readFileSync(out, 'utf8')).currency).toBe('EUR')

    const incoming = join(dir, 'from-marketing.json')
    writeFileSync(incoming, JSON.stringify({ ...defaultSettings(), currency: 'GBP', fiscalYearStartMonth: 4 }))
    app.loop.dialogs.answers.push(incoming)
    await app.page.getByRole('button', { name: 'Import JSON…' }).click()
    await app.page.getByText('Settings imported and saved.').waitFor()
    expect(await app.page.getByLabel('Home currency').inputValue()).toBe('GBP')
    expect(await app.page.getByLabel('Fiscal year starts in').inputValue()).toBe('4')

    const broken = join(dir, 'broken.json')
    writeFileSync(broken, JSON.stringify({ ...defaultSettings(), currency: 'pounds' }))
    app.loop.dialogs.answers.push(broken)
    await app.page.getByRole('button', { name: 'Import JSON…' }).click()
    await app.page.getByRole('alert').filter({ hasText: 'broken.json: currency: must be a three-letter currency code' }).waitFor()
    expect(getSettings(app.loop.workspace.db).settings.currency).toBe('GBP')
  })

  it('backs up, saves the workspace under a new name and keeps working in the copy', async () => {
    await app.page.getByRole('button', { name: 'Back up now' }).click()
    await app.page.getByRole('table', { name: 'Backups' }).getByText('Made by hand').waitFor()

    const copy = join(tmpDir(), 'Q3 review.sqlite')
    app.loop.dialogs.answers.push(copy)
    await app.page.getByRole('button', { name: 'Save As…' }).click()
    await app.page.locator('.sidebar-footer', { hasText: 'Q3 review.sqlite' }).waitFor()
    // The page names the file, never its folder; the main process shows where it is.
    expect(await app.page.getByTestId('workspace-file').textContent()).toBe('Q3 review.sqlite')
    expect(await app.page.getByTestId('backups-folder').textContent()).toBe('Q3 review.backups')
    expect(await app.page.locator('body').textContent()).not.toContain(dirname(copy))
    expect(existsSync(copy)).toBe(true)
    expect(app.loop.workspace.path).toBe(copy)
    await app.page.getByRole('button', { name: 'Show in folder' }).click()
    await expect.poll(() => app.loop.revealed).toEqual([copy])
    expect(getSettings(app.loop.workspace.db).settings.currency).toBe('GBP')
  })

  it('refuses calls that do not come from the app page', async () => {
    const res = await fetch(new URL('./__ipc/settings%3Aget', app.url), {
      method: 'POST',
      body: '[]',
      headers: { referer: 'https://evil.example/' },
    })
    expect(await res.json()).toMatchObject({ ok: false, code: 'UNTRUSTED_SENDER' })
  })

  it('made no request outside the app and logged no console error', () => {
    expect(app.outsideRequests()).toEqual([])
    expect(app.consoleErrors).toEqual([])
    expect(app.loop.errors).toEqual([])
  })
})

describe('dark theme', () => {
  it('follows the system colour scheme', async () => {
    const dark = await startApp({ colorScheme: 'dark' })
    try {
      await dark.page.getByText('No opportunities yet').waitFor()
      const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor)
      expect(bg).toBe('rgb(20, 23, 28)')
      await dark.screenshot('targets-empty-dark')
      await dark.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click()
      await dark.page.getByRole('heading', { name: 'General' }).waitFor()
      await dark.screenshot('settings-dark')
      expect(dark.consoleErrors).toEqual([])
      expect(dark.outsideRequests()).toEqual([])
    } finally {
      await dark.close()
    }
  })
})
