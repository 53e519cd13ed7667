import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Deck, DeckSettings } from '../../src/shared/presentation'
import { FIXTURE, seedPresentation } from '../helpers/presentation'
import { tmpDir } from '../helpers/tmp'
import { startApp, type RunningApp } from './harness/app'

/**
 * Presentation mode in real Chromium over the real handlers, at 1920x1080 and 1280x720: every slide by
 * keyboard, type sizes measured against the 5 m limits (headline >= 1/12 of the height, nothing under
 * 1/40), axe-core and 7:1 contrast on each slide, blank, pause and auto-advance, live capture into the
 * running meeting, the External profile searched for in the whole DOM and every IPC answer the page got,
 * and a presenter page driving an audience page over one bridge.
 */

const SLIDES = ['targets', 'handoff', 'board', 'sinceLast'] as const

/** Every IPC answer a page received over the bridge (its body as text). */
function recordIpc(page: Page): string[] {
  const bodies: string[] = []
  page.on('response', (r) => {
    if (r.url().includes('/__ipc/')) {
      r.text().then(
        (t) => bodies.push(t),
        () => undefined, // the page closed before its body was read
      )
    }
  })
  return bodies
}

const slideOn = (page: Page) => page.locator('.presentation article.p-slide')
async function expectSlide(page: Page, id: string): Promise<void> {
  await page.locator(`.presentation article[data-slide="${id}"]`).waitFor()
}

/** The rendered font sizes: of the headline numbers, and the smallest of any visible text. */
function fontSizes(page: Page): Promise<{ headline: number[]; smallest: { size: number; text: string } }> {
  return page.evaluate(() => {
    const px = (el: Element): number => Number.parseFloat(getComputedStyle(el).fontSize)
    const headline = [...document.querySelectorAll('.presentation .p-headline .p-figure-value')].map(px)
    let smallest = { size: Infinity, text: '' }
    for (const el of document.querySelectorAll('.presentation *')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '')
      if (own.length === 0) continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue
      const size = px(el)
      if (size < smallest.size) smallest = { size, text: own.map((n) => n.textContent).join('') }
    }
    return { headline, smallest }
  })
}

/** Text the slides show that is cut off (wider than its box without an ellipsis meant for it). */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.presentation .p-figure-value, .presentation .p-head h2, .presentation .p-figure-label')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth)
      .map((el) => el.textContent ?? ''),
  )
}

/** axe-core on the slide; `enhanced`: 7:1 contrast (high contrast), else WCAG AA's 4.5:1. */
async function axe(page: Page, enhanced = true): Promise<void> {
  const result = await new AxeBuilder({ page })
    .include('.presentation')
    .options({ rules: { 'color-contrast-enhanced': { enabled: enhanced } } })
    .analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'color-contrast-enhanced')
  expect(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    'axe-core (7:1 contrast included)',
  ).toEqual([])
}

/** Present (F5) from the app, on the first slide. */
async function present(page: Page): Promise<void> {
  // The stop of the step before reaches the page as an event: wait until it is back in the app.
  await page.getByRole('region', { name: 'Presentation' }).waitFor({ state: 'detached' })
  await page.keyboard.press('F5')
  await expectSlide(page, 'targets')
}

async function seed(app: RunningApp): Promise<void> {
  const ws = { dir: tmpDir(), path: app.loop.workspace.path, db: app.loop.workspace.db }
  await seedPresentation(ws, app.loop.board, new Date())
  app.loop.emit('dataChanged', null)
}

async function invoke<T>(app: RunningApp, channel: string, ...args: unknown[]): Promise<T> {
  const res = (await app.loop.invoke(channel, args)) as { ok: true; data: T } | { ok: false; message: string }
  if (!res.ok) throw new Error(res.message)
  return res.data
}

for (const [width, height] of [
  [1920, 1080],
  [1280, 720],
] as const) {
  describe(`presentation at ${width}x${height}`, () => {
    let app: RunningApp
    beforeAll(async () => {
      app = await startApp({ width, height, colorScheme: 'dark' })
      await seed(app)
      await app.page.reload()
      await app.page.getByRole('heading', { name: 'Targets', level: 1 }).waitFor()
    })
    afterAll(async () => {
      await app?.close()
    })
    // A failed step leaves no presentation running for the next one.
    afterEach(async () => {
      await invoke(app, 'presentation:stop')
    })

    it('walks every slide by keyboard, large enough to read from 5 m, accessible, with 7:1 contrast', async () => {
      const { page } = app
      await page.keyboard.press('F5')
      await page.getByRole('region', { name: 'Presentation' }).waitFor()
      // No app chrome: neither the sidebar nor a view header.
      expect(await page.locator('nav.sidebar, .view-header').count()).toBe(0)
      for (const [i, id] of SLIDES.entries()) {
        await expectSlide(page, id)
        const sizes = await fontSizes(page)
        expect(sizes.headline.length, `${id} has a headline number`).toBeGreaterThan(0)
        for (const h of sizes.headline) expect(h, `${id} headline`).toBeGreaterThanOrEqual(height / 12)
        expect(sizes.smallest.size, `${id}: smallest text "${sizes.smallest.text}"`).toBeGreaterThanOrEqual(height / 40)
        expect(await clipped(page), `${id}: text cut off`).toEqual([])
        // At most ~7 numbers a slide.
        expect(await page.locator('.presentation .p-figure-value, .presentation .p-bar-value').count()).toBeLessThanOrEqual(7)
        // The data as of each source, on every slide.
        await expect(page.locator('.presentation .p-asof').textContent()).resolves.toMatch(/Leads .*Deals .*Targets /)
        await axe(page)
        await app.screenshot(width === 1920 ? `presentation-${id}` : `presentation-${id}-${height}p`)
        if (i < SLIDES.length - 1) await page.keyboard.press(['ArrowRight', 'PageDown', 'Space'][i % 3] as string)
      }
      // The last slide stays the last; Home, number keys, End, PageUp.
      await page.keyboard.press('ArrowRight')
      await expectSlide(page, 'sinceLast')
      await page.keyboard.press('Home')
      await expectSlide(page, 'targets')
      await page.keyboard.press('3')
      await expectSlide(page, 'board')
      await page.keyboard.press('PageUp')
      await expectSlide(page, 'handoff')
      await page.keyboard.press('End')
      await expectSlide(page, 'sinceLast')
    })

    it('the light theme, with high contrast (7:1) and without (4.5:1), on every slide: accessible and nothing cut off', async () => {
      const { page } = app
      const saved = await invoke<Record<string, unknown>>(app, 'presentation:settings')
      try {
        for (const highContrast of [true, false]) {
          await invoke(app, 'presentation:saveSettings', { ...saved, theme: 'light', highContrast })
          await present(page)
          await expect(page.locator('.presentation.p-theme-light').count()).resolves.toBe(1)
          await expect(page.locator('.presentation.p-hc').count()).resolves.toBe(highContrast ? 1 : 0)
          for (const [i, id] of SLIDES.entries()) {
            await expectSlide(page, id)
            expect(await clipped(page), `${id}: text cut off`).toEqual([])
            await axe(page, highContrast)
            if (width === 1920 && highContrast && (id === 'targets' || id === 'board')) await app.screenshot(`presentation-light-${id}`)
            if (i < SLIDES.length - 1) await page.keyboard.press('ArrowRight')
          }
          await invoke(app, 'presentation:stop')
        }
      } finally {
        await invoke(app, 'presentation:saveSettings', saved)
      }
      // Two themes' worth of slides, each through axe: at 1920×1080 that is longer than the default minute.
    }, 180_000)

    it('every status shows by icon and word, and the targets chart is drawn with direct labels', async () => {
      const { page } = app
      await present(page)
      const statuses = page.locator('.presentation .p-status')
      expect(await statuses.count()).toBeGreaterThan(0)
      for (const s of await statuses.all()) {
        expect(await s.locator('svg').count()).toBe(1)
        expect((await s.textContent())?.trim()).toMatch(/^(On track|Behind|Breached|Overdue|OK)$/)
      }
      await page
        .locator('.p-label-target')
        .getByText(/^Target \$650K$/)
        .waitFor()
      await page
        .locator('.p-label-won')
        .getByText(/^Closed-won \$224K$/)
        .waitFor()
    })

    it('blanks with B, leaves with Esc and comes back to the app', async () => {
      const { page } = app
      await present(page)
      await page.keyboard.press('b')
      await page.locator('.p-blank').waitFor()
      expect(await slideOn(page).count()).toBe(0)
      await page.keyboard.press('B')
      await expectSlide(page, 'targets')
      await page.keyboard.press('Escape')
      await page.getByRole('region', { name: 'Presentation' }).waitFor({ state: 'detached' })
      await page.getByRole('heading', { name: 'Targets', level: 1 }).waitFor()
    })

    if (width !== 1920) return

    it('advances on its own after each slide its dwell, and P pauses and resumes', async () => {
      const { page } = app
      const deck = await invoke<DeckSettings>(app, 'presentation:settings')
      await invoke(app, 'presentation:saveSettings', {
        ...deck,
        autoAdvance: true,
        slides: deck.slides.map((s) => ({ ...s, dwellSeconds: s.id === 'targets' ? 5 : 600 })),
      })
      await page.getByRole('button', { name: 'Present' }).first().click()
      await expectSlide(page, 'targets')
      const started = Date.now()
      await expectSlide(page, 'handoff')
      expect(Date.now() - started).toBeGreaterThan(3500)
      // The bar shows the dwell; P stops it.
      await page.keyboard.press('p')
      const width1 = await page.locator('.p-progress-fill').evaluate((e) => e.getBoundingClientRect().width)
      await page.waitForTimeout(600)
      expect(await page.locator('.p-progress-fill').evaluate((e) => e.getBoundingClientRect().width)).toBe(width1)
      await page.keyboard.press('p')
      await page.waitForTimeout(600)
      expect(await page.locator('.p-progress-fill').evaluate((e) => e.getBoundingClientRect().width)).toBeGreaterThan(width1)
      await page.keyboard.press('Escape')
      await invoke(app, 'presentation:saveSettings', deck)
    })

    it('A captures an action item into the running meeting without leaving the slides', async () => {
      const { page } = app
      await present(page)
      await page.keyboard.press('3')
      await expectSlide(page, 'board')
      await page.keyboard.press('a')
      const input = page.getByLabel('New action item')
      await input.waitFor()
      await input.fill('Share the deck with finance @Ana #joint')
      await input.press('Enter')
      await input.waitFor({ state: 'detached' })
      await page.locator('.presentation .p-item-title').getByText('Share the deck with finance').waitFor()
      const running = app.loop.workspace.db.prepare('SELECT id FROM meetings WHERE started_at IS NOT NULL AND ended_at IS NULL').get() as {
        id: number
      }
      expect(
        app.loop.workspace.db
          .prepare('SELECT meeting_id, created_in, owner FROM action_items WHERE title = ?')
          .get('Share the deck with finance'),
      ).toEqual({ meeting_id: running.id, created_in: running.id, owner: 'Ana' })
      // Still presenting, on the same slide.
      await expectSlide(page, 'board')
      await page.keyboard.press('Escape')
    })

    it('External: no rep or account name and no amount in the DOM or any IPC answer, on every slide', async () => {
      const { page } = app
      // The deck editor: choose the profile and save.
      await page.getByRole('button', { name: 'Deck…' }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Presentation deck' })
      await dialog.getByLabel('Redaction profile').selectOption({ label: 'External' })
      await dialog.getByRole('button', { name: 'Save deck' }).click()
      await dialog.waitFor({ state: 'detached' })

      const full = await invoke<Deck>(app, 'presentation:deck', { profile: 'joint' })
      const money = full.slides.flatMap(({ slide }) =>
        slide.figures.filter((f) => f.unit === 'money' && f.value !== null).map((f) => f.value as number),
      )
      const amounts = [...new Set([...FIXTURE.amounts, FIXTURE.target, ...money])]
      const spellings = amounts.flatMap((n) => [
        String(Math.round(n)),
        Math.round(n).toLocaleString('en-US'),
        `${(n / 1000).toPrecision(3)}K`,
        `${Math.round(n / 1000)}K`,
      ])
      const names = [...FIXTURE.reps, ...FIXTURE.accounts].flatMap((n) => [n, ...n.split(' ').filter((p) => p.length > 3)])

      await page.reload()
      await page.getByRole('heading', { name: 'Targets', level: 1 }).waitFor()
      await page.waitForLoadState('networkidle')
      // From Present on: every answer the slides' page gets (the Targets view before it shows amounts by design).
      const ipc = recordIpc(page)
      await page.keyboard.press('F5')
      const seen: string[] = []
      for (const id of ['targets', 'handoff', 'sinceLast']) {
        await expectSlide(page, id)
        await page.waitForLoadState('networkidle')
        seen.push(
          await page.evaluate(() => {
            const attrs = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value))
            return [document.documentElement.outerHTML, document.body.innerText, document.body.textContent ?? '', ...attrs].join('\n')
          }),
        )
        await page.keyboard.press('ArrowRight')
      }
      // The board slide is hidden by the profile.
      await page.keyboard.press('End')
      await expectSlide(page, 'sinceLast')
      expect(await page.locator('.presentation article[data-slide="board"]').count()).toBe(0)
      expect(
        ipc.some((b) => b.includes('"slides"')),
        'the deck came over the bridge',
      ).toBe(true)
      const everything = [...seen, ...ipc].join('\n').toLowerCase()
      for (const n of names) expect(everything, `name "${n}"`).not.toContain(n.toLowerCase())
      for (const s of spellings) expect(everything, `amount ${s}`).not.toContain(s.toLowerCase())
      // And the page did show the redacted forms.
      expect(seen.join('\n')).toContain('Forecast (% of target)')
      await page.keyboard.press('Escape')
    })

    it('a presenter page drives an audience page over one bridge; the presenter sees the numbers unredacted', async () => {
      const { page, context } = app
      const audience = await context.newPage()
      const audienceIpc = recordIpc(audience)
      await audience.goto(`${app.url}#audience`)
      await audience.getByText('Waiting for the presenter…').waitFor()

      await page.getByRole('button', { name: 'Deck…' }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Presentation deck' })
      await dialog.getByLabel('Notes for Targets').fill('Open with the gap; thank Priya for the renewal.')
      await dialog.getByRole('button', { name: 'Save and rehearse (presenter view)' }).click()
      await page.getByRole('region', { name: 'Presenter view' }).waitFor()
      await expectSlide(audience, 'targets')
      await page.getByText('Open with the gap; thank Priya for the renewal.').waitFor()
      // Unredacted on the laptop: the target in money.
      await page.getByRole('region', { name: 'Numbers, unredacted' }).getByText('$650K').waitFor()
      await page.getByRole('region', { name: 'Next slide' }).locator('article[data-slide="handoff"]').waitFor()
      await page.screenshot({ path: app.screenshotPath('presentation-presenter') })

      await page.keyboard.press('ArrowRight')
      await expectSlide(audience, 'handoff')
      await page.keyboard.press('b')
      await audience.locator('.p-blank').waitFor()
      await page.keyboard.press('b')
      await page.keyboard.press('Escape')
      await audience.getByText('Waiting for the presenter…').waitFor()
      // The audience page never received anything the External profile hides.
      const all = audienceIpc.join('\n').toLowerCase()
      expect(all).toContain('"slides"')
      for (const n of [...FIXTURE.reps, ...FIXTURE.accounts]) expect(all).not.toContain(n.toLowerCase())
      expect(all).not.toContain(String(FIXTURE.target))
      expect(app.consoleErrors).toEqual([])
      expect(app.outsideRequests()).toEqual([])
      await audience.close()
    })
  })
}
