import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_HOST, APP_SCHEME, appResponse } from '../../src/main/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../src/main/security-policy'
import { CHROMIUM_ARGS, findChromium } from './harness/chromium'
import { RENDERER_DIR } from './harness/bridge-server'

/**
 * Issue 17's origin, probed in real Chromium with the built renderer (a copy of out/renderer, so scripts
 * can be planted next to it):
 *
 * - CONTROL: the built page loaded from file:// (as the app did before app://, its CSP `script-src 'self'`
 *   in the page's meta tag) runs a script planted at another local file:// path. This shows the probe
 *   detects a script that runs, and why the app left file://.
 * - The app's origin: Chromium cannot load a custom scheme without Electron (a playwright route never
 *   sees `app://` requests: the navigation is aborted first), so a loopback server answers every request
 *   `/x` with `appResponse('app://tandem/x', renderer)`, the very function app-scheme.ts hands to
 *   `protocol.handle`. There a script inside the renderer folder runs (the probe works on this origin),
 *   while the planted script does not: not by `..` traversal (plain, encoded, or under assets/), not from
 *   another origin (the CSP's `'self'`), and not from its file:// path.
 *
 * What this does not prove: that Electron registers the scheme as standard and secure and routes it to
 * this function (tests/main/app-boot.test.ts and electron-glue.test.ts check that against the faked
 * electron module), and that Electron cancels file: requests (security-policy's isAllowedRequest, unit
 * tested). The file:// refusal below is Chromium's own rule for a non-file page, not the app's.
 */

let context: BrowserContext
let page: Page
let root: string
let renderer: string
let server: Server
let other: Server
let origin: string
let otherOrigin: string
const consoleErrors: string[] = []

/** A script that records, when it runs, that it ran. */
const planted = (name: string): string => `window.__ran = (window.__ran || []).concat(${JSON.stringify(name)})`

async function listen(s: Server): Promise<string> {
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done))
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tandem-origin-')) // for the whole file (the helper's folders go after each test)
  renderer = join(root, 'renderer')
  cpSync(RENDERER_DIR, renderer, { recursive: true })
  writeFileSync(join(renderer, 'assets', 'inside.js'), planted('inside'))
  writeFileSync(join(root, 'evil.js'), planted('evil')) // next to the renderer folder, outside it
  const elsewhere = join(root, 'elsewhere')
  mkdirSync(elsewhere)
  writeFileSync(join(elsewhere, 'evil.js'), planted('elsewhere'))

  // The app's handler, over loopback HTTP: the request's path (as Chromium sends it, still encoded) on app://tandem.
  server = createServer((req, res) => {
    void (async () => {
      const answer = appResponse(`${APP_SCHEME}://${APP_HOST}${req.url ?? '/'}`, renderer)
      res.writeHead(answer.status, Object.fromEntries(answer.headers))
      res.end(Buffer.from(await answer.arrayBuffer()))
    })()
  })
  origin = await listen(server)
  // Another origin on this machine that serves the planted script.
  other = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript' })
    res.end(planted('other-origin'))
  })
  otherOrigin = await listen(other)

  context = await chromium.launchPersistentContext(join(root, 'profile'), {
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  })
  page = context.pages()[0] ?? (await context.newPage())
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
})

afterAll(async () => {
  await context?.close()
  server?.close()
  other?.close()
  rmSync(root, { recursive: true, force: true })
})

/** Adds a script element to the page and says whether the script ran (its name recorded in window.__ran). */
async function runs(src: string, name: string): Promise<boolean> {
  return page.evaluate(
    ([url, marker]) =>
      new Promise<boolean>((done) => {
        const ran = (): boolean => ((window as unknown as { __ran?: string[] }).__ran ?? []).includes(marker!)
        const s = document.createElement('script')
        s.src = url!
        s.onload = () => done(ran())
        s.onerror = () => done(ran())
        document.head.append(s)
        setTimeout(() => done(ran()), 3000)
      }),
    [src, name],
  )
}

describe('the renderer on its own origin', () => {
  it('CONTROL: the built page from file://, with script-src self, runs a script planted at another local path', async () => {
    await page.goto(pathToFileURL(join(renderer, 'index.html')).href)
    // The page under test carries the CSP: its meta tag is the app's policy.
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
    expect(csp).toBe(CONTENT_SECURITY_POLICY)
    expect(csp).toContain("script-src 'self'")
    expect(await runs(pathToFileURL(join(root, 'evil.js')).href, 'evil')).toBe(true)
    expect(await runs(pathToFileURL(join(root, 'elsewhere', 'evil.js')).href, 'elsewhere')).toBe(true)
  })

  it('served by the app:// handler: the page loads with the CSP header, and its own scripts run', async () => {
    const res = await page.goto(`${origin}/index.html`)
    expect(res?.status()).toBe(200)
    expect(res?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(await page.locator('#root').count()).toBe(1)
    expect(await runs('./assets/inside.js', 'inside')).toBe(true)
  })

  it.each([
    ['../evil.js', 'evil'],
    ['/../evil.js', 'evil'],
    ['/..%2fevil.js', 'evil'],
    ['/%2e%2e/evil.js', 'evil'],
    ['/%2e%2e%2fevil.js', 'evil'],
    ['/assets/..%2f..%2fevil.js', 'evil'],
    ['/assets/%2e%2e%5c..%5cevil.js', 'evil'],
    ['/..%2felsewhere%2fevil.js', 'elsewhere'],
  ])('served by the app:// handler: the planted script does not run by traversal (%s), and the handler refuses it', async (src, name) => {
    expect(await runs(src, name)).toBe(false)
    // And the handler itself refuses the path (not only Chromium's normalising of the URL).
    expect(appResponse(`${APP_SCHEME}://${APP_HOST}${src.startsWith('/') ? src : `/${src}`}`, renderer).status).toBe(404)
  })

  it('served by the app:// handler: no script from another origin (the CSP) nor from its file:// path', async () => {
    consoleErrors.length = 0
    expect(await runs(`${otherOrigin}/evil.js`, 'other-origin')).toBe(false)
    expect(consoleErrors.join('\n')).toMatch(/Content Security Policy/)
    expect(await runs(pathToFileURL(join(root, 'evil.js')).href, 'evil')).toBe(false)
    expect(await page.evaluate(() => (window as unknown as { __ran?: string[] }).__ran)).toEqual(['inside'])
  })
})
