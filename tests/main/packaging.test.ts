import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// electron-builder reads its configuration with js-yaml; the test reads it the same way.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }
const config = yaml.load(readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8')) as Record<string, unknown>

describe('packaging (electron-builder.yml)', () => {
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
