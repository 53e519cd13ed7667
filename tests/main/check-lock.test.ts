import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tmpDir } from '../helpers/tmp'

const ROOT = join(import.meta.dirname, '../..')
const SCRIPT = join(ROOT, 'scripts/check-lock.mjs')
const read = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, name), 'utf8')) as Record<string, unknown>

/** Runs the check on a copy of package.json and the lock, each changed by `edit` first. */
function check(edit: (pkg: Record<string, unknown>, lock: Record<string, unknown>) => void): { status: number | null; stderr: string } {
  const dir = tmpDir()
  const pkg = read('package.json')
  const lock = read('package-lock.json')
  edit(pkg, lock)
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg))
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock))
  const run = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' })
  return { status: run.status, stderr: run.stderr }
}

describe('scripts/check-lock.mjs: the lock file matches package.json', () => {
  it('passes for the project as committed', () => {
    expect(check(() => undefined)).toEqual({ status: 0, stderr: '' })
  })

  it.each([
    [
      'a dependency added to package.json only',
      (pkg: Record<string, unknown>) => ((pkg['dependencies'] as Record<string, string>)['left-pad'] = '^1.3.0'),
      /dependencies differs/,
    ],
    [
      'a dev dependency re-ranged',
      (pkg: Record<string, unknown>) => ((pkg['devDependencies'] as Record<string, string>)['vitest'] = '^1.0.0'),
      /devDependencies differs/,
    ],
    ['engines changed', (pkg: Record<string, unknown>) => (pkg['engines'] = { node: '>=18' }), /engines differs/],
    ['the version bumped', (pkg: Record<string, unknown>) => (pkg['version'] = '9.9.9'), /the lock is for tandem@/],
  ])('fails with one line per difference: %s', (_what, edit, message) => {
    const res = check(edit)
    expect(res.status).toBe(1)
    expect(res.stderr).toMatch(/^package-lock\.json does not match package\.json/)
    expect(res.stderr).toMatch(message)
  })
})
