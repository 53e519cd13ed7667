import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// electron-builder reads its configuration with js-yaml; the test reads it the same way.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }
const config = yaml.load(readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8')) as Record<string, unknown>

/** The six fuses issue 17 names, as the security checklist wants them. */
const ISSUE_FUSES: [key: string, value: boolean, why: string][] = [
  ['runAsNode', false, 'ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node'],
  ['enableNodeCliInspectArguments', false, 'no --inspect debugger into the main process'],
  ['enableNodeOptionsEnvironmentVariable', false, 'NODE_OPTIONS cannot inject code'],
  ['onlyLoadAppFromAsar', true, 'the app only from app.asar'],
  ['enableEmbeddedAsarIntegrityValidation', true, 'app.asar is checked against its hash'],
  ['enableCookieEncryption', true, 'the cookie store is encrypted'],
]

describe('packaging (electron-builder.yml)', () => {
  it.each(ISSUE_FUSES)('sets the fuse %s to %s (%s)', (key, value) => {
    const fuses = config['electronFuses'] as Record<string, unknown>
    expect(fuses[key]).toBe(value)
  })

  it('names each fuse as the installed electron-builder reads it (a misspelt key would be ignored silently)', () => {
    const packager = readFileSync(createRequire(import.meta.url).resolve('app-builder-lib/out/platformPackager.js'), 'utf8')
    for (const key of Object.keys(config['electronFuses'] as object)) {
      expect(packager, key).toMatch(new RegExp(`fuses\\.${key} != null\\)\\s*\\{\\s*config\\[FuseV1Options\\.\\w+\\] = fuses\\.${key};`))
    }
  })

  it('flips the Electron fuses of the security checklist in the packaged app', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })
})
