import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './harness/app'
import { tmpDir } from '../helpers/tmp'

let app: RunningApp
let evil: string

beforeAll(async () => {
  app = await startApp()
  evil = join(tmpDir(), 'evil.js')
  writeFileSync(evil, 'window.__pwned = (window.__pwned || 0) + 1')
})

afterAll(async () => {
  await app?.close()
})

/** Adds a script element to a page and says whether the script ran. */
async function runsScript(page: RunningApp['page'], src: string): Promise<boolean> {
  return page.evaluate(
    (url) =>
      new Promise<boolean>((done) => {
        const s = document.createElement('script')
        s.src = url
        s.onload = () => done((window as unknown as { __pwned?: number }).__pwned === 1)
        s.onerror = () => done(false)
        document.head.append(s)
        setTimeout(() => done((window as unknown as { __pwned?: number }).__pwned === 1), 2000)
      }),
    src,
  )
}

describe('the renderer on its own origin (served as app://tandem serves it)', () => {
  it('loads, and a script at another local path does not run in it', async () => {
    await app.page.getByRole('heading', { name: 'Targets', level: 1 }).waitFor()
    expect(await runsScript(app.page, pathToFileURL(evil).href)).toBe(false)
    expect(app.consoleErrors.join('\n')).toMatch(/Content Security Policy|Not allowed to load local resource/)
    app.consoleErrors.length = 0
  })

  it('answers 404 for any path outside the renderer folder', async () => {
    const statuses = await app.page.evaluate(async () =>
      Promise.all(
        ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2f..%2fpackage.json', '/%2Fetc%2Fpasswd'].map(
          async (p) => (await fetch(p)).status,
        ),
      ),
    )
    expect(statuses).toEqual([404, 404, 404, 404])
  })
})
