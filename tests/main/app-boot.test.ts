import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import * as electron from 'electron'
import * as fake from '../helpers/fake-electron'
import { tmpDir } from '../helpers/tmp'

const f = electron as unknown as typeof fake

describe('the app starting (src/main/index.ts against the fake electron module)', () => {
  it('registers app:// before ready, serves it once ready, and loads its window from app://tandem, never file://', async () => {
    fake.resetFakeElectron()
    const userData = tmpDir()
    vi.stubEnv('TANDEM_USER_DATA_DIR', userData)
    const privilegedBeforeReady: string[] = []
    const register = f.protocol.registerSchemesAsPrivileged.bind(f.protocol)
    f.protocol.registerSchemesAsPrivileged = (schemes) => {
      if (!f.app.ready) privilegedBeforeReady.push(...schemes.map((s) => s.scheme))
      register(schemes)
    }
    await import('../../src/main/index')
    await vi.waitFor(() => expect(f.BrowserWindow.windows).toHaveLength(1), { timeout: 10_000 })
    expect(privilegedBeforeReady).toEqual(['app'])
    expect(f.protocol.handlers.has('app')).toBe(true)
    expect(f.BrowserWindow.windows[0]!.loadedUrl).toBe('app://tandem/index.html')
    expect(existsSync(join(userData, 'tandem.sqlite'))).toBe(true)
    vi.unstubAllEnvs()
  })
})
