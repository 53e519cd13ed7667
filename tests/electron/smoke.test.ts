import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '../..')

/** Where the Electron binary is, or why there is none (it is downloaded on first use from GitHub). */
function electronBinary(): { path: string } | { skip: string } {
  const pkg = join(root, 'node_modules/electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      skip: 'the Electron binary is not installed (node_modules/electron/path.txt is missing: it is downloaded from GitHub on first use, which this machine cannot reach)',
    }
  }
  const path = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(path) ? { path } : { skip: `the Electron binary named in path.txt is missing (${path})` }
}

const bin = electronBinary()
const reason = 'skip' in bin ? bin.skip : ''
if (reason) console.warn(`Electron smoke test skipped: ${reason}`)

describe('Electron smoke test', () => {
  it.skipIf(reason !== '')(
    `starts the built app in Electron with the renderer locked down${reason ? ` — skipped: ${reason}` : ''}`,
    async () => {
      if ('skip' in bin) return
      const userData = mkdtempSync(join(tmpdir(), 'tandem-electron-'))
      const app = await electron.launch({
        executablePath: bin.path,
        args: [join(root, 'out/main/index.js')],
        env: { ...process.env, TANDEM_USER_DATA_DIR: userData, ELECTRON_ENABLE_LOGGING: '1' },
      })
      try {
        const page = await app.firstWindow()
        const errors: string[] = []
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
        await page.getByRole('heading', { name: 'Targets', level: 1 }).waitFor()
        expect(await page.title()).toBe('Tandem')
        const surface = await page.evaluate(() => ({
          require: typeof (window as unknown as { require?: unknown }).require,
          process: typeof (window as unknown as { process?: unknown }).process,
          api: Object.keys(window.api).sort(),
        }))
        expect(surface.require).toBe('undefined')
        expect(surface.process).toBe('undefined')
        expect(surface.api).toContain('settings')
        const settings = await page.evaluate(() => window.api.settings.get())
        expect(settings.ok).toBe(true)
        expect(existsSync(join(userData, 'tandem.sqlite'))).toBe(true)
        expect(errors).toEqual([])
      } finally {
        await app.close()
        rmSync(userData, { recursive: true, force: true })
      }
    },
  )
})
