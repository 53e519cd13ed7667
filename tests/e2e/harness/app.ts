import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { PRINT_READY_TITLE, minutesPrintUrl } from '../../../src/shared/board'
import type { Loopback } from '../../helpers/loopback'
import { startBridge, type Bridge } from './bridge-server'
import { CHROMIUM_ARGS, findChromium } from './chromium'

export const SCREENS_DIR = resolve(__dirname, '../../../test-results/screens')

export interface RunningApp {
  page: Page
  context: BrowserContext
  loop: Loopback
  /** Every call the page made over window.api (channel and arguments as sent). */
  calls: { channel: string; body: string }[]
  url: string
  /** Every URL the browser requested (the test asserts none leaves the app). */
  requests: string[]
  /** Console errors and uncaught exceptions in the page. */
  consoleErrors: string[]
  screenshot(name: string): Promise<string>
  /** Where a screenshot of that name goes (for page.screenshot with options of its own). */
  screenshotPath(name: string): string
  /** URLs requested outside the app's own origin. */
  outsideRequests(): string[]
  close(): Promise<void>
}

/**
 * The built renderer in real Chromium, backed by the real main-process handlers over the loopback
 * bridge, in a fresh temporary workspace and a fresh browser profile.
 */
export async function startApp(options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {}): Promise<RunningApp> {
  // Lives as long as the app (tests often share one app across several steps).
  const dir = mkdtempSync(join(tmpdir(), 'tandem-e2e-'))
  const bridge: Bridge = await startBridge(dir)
  const context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    deviceScaleFactor: 1,
  })
  const requests: string[] = []
  const consoleErrors: string[] = []
  context.on('request', (r) => requests.push(r.url()))
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`))
  // The app's "Minutes (PDF)": what print-electron.ts does with Electron (the print view of the same URL,
  // printed once its title says it is ready, A4 with backgrounds), done by this Chromium.
  bridge.loop.printMinutes = async (meetingId) => {
    const print = await context.newPage()
    try {
      await print.goto(minutesPrintUrl(bridge.url, meetingId))
      await print.waitForFunction((t) => document.title === t, PRINT_READY_TITLE, { timeout: 20_000 })
      return await print.pdf({ format: 'A4', printBackground: true })
    } finally {
      await print.close()
    }
  }
  await page.goto(bridge.url)
  const origin = new URL(bridge.url).origin
  mkdirSync(SCREENS_DIR, { recursive: true })
  return {
    page,
    context,
    loop: bridge.loop,
    calls: bridge.calls,
    url: bridge.url,
    requests,
    consoleErrors,
    screenshotPath: (name) => join(SCREENS_DIR, `${name}.png`),
    async screenshot(name) {
      const path = join(SCREENS_DIR, `${name}.png`)
      await page.screenshot({ path, fullPage: false })
      return path
    },
    outsideRequests: () => requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:')),
    async close() {
      await context.close()
      await bridge.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
