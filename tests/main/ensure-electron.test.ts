import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')
const electronInstalled = existsSync(join(ROOT, 'node_modules/electron/path.txt'))
if (electronInstalled) console.warn('skipped "npm start without Electron": Electron\'s binary is installed on this machine')

describe.skipIf(electronInstalled)("npm start without Electron's binary (scripts/ensure-electron.mjs)", () => {
  it('tries to fetch it, and offline says in one line what is missing and what to run, with no stack trace', () => {
    // A mirror on a closed local port: the download fails at once, as it does offline.
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-electron.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ELECTRON_OVERRIDE_DIST_PATH: '' },
      timeout: 60_000,
    })
    expect(run.status).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^tandem: fetching Electron [\d.]+'s binary/)
    expect(lines[1]).toMatch(
      /^tandem: Electron [\d.]+'s binary is not installed and could not be downloaded \(.+\); connect to the internet and run "npx install-electron"/,
    )
    expect(run.stderr).not.toMatch(/^\s+at /m)
    expect(existsSync(join(ROOT, 'node_modules/electron/path.txt'))).toBe(false)
  })
})
