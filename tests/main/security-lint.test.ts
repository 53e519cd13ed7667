import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '../..')

describe('security lint (electronegativity gate)', () => {
  it('fails on an insecure window and names the findings', () => {
    const run = spawnSync(process.execPath, ['scripts/security-lint.mjs', 'tests/fixtures/insecure-electron'], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(run.status, run.stdout + run.stderr).toBe(1)
    expect(run.stderr).toMatch(/HIGH FIRM CONTEXT_ISOLATION_JS_CHECK/)
    expect(run.stderr).toMatch(/SANDBOX_JS_CHECK/)
    expect(run.stderr).toMatch(/LIMIT_NAVIGATION_GLOBAL_CHECK/)
  })

  it('passes on our sources', () => {
    const run = spawnSync(process.execPath, ['scripts/security-lint.mjs', 'src'], { cwd: root, encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.status, run.stdout + run.stderr).toBe(0)
  })
})
