import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppPrefs, MAX_RECENT } from '../../../src/main/services/app-prefs'
import { tmpDir } from '../../helpers/tmp'

describe('app preferences', () => {
  it('keeps recent workspaces newest first, without repeats, capped', () => {
    const dir = tmpDir()
    const prefs = new AppPrefs(dir)
    for (let i = 0; i < MAX_RECENT + 3; i++) prefs.touchWorkspace(`/w/${i}.sqlite`)
    prefs.touchWorkspace('/w/5.sqlite')
    const recent = new AppPrefs(dir).recent()
    expect(recent).toHaveLength(MAX_RECENT)
    expect(recent[0]).toMatchObject({ path: '/w/5.sqlite', name: '5.sqlite', exists: false })
    expect(recent.filter((r) => r.path === '/w/5.sqlite')).toHaveLength(1)
    expect(new AppPrefs(dir).lastWorkspace).toBe('/w/5.sqlite')
  })

  it('remembers the window bounds', () => {
    const dir = tmpDir()
    new AppPrefs(dir).windowBounds = { x: 10, y: 20, width: 1200, height: 700, maximized: true, fullScreen: false }
    expect(new AppPrefs(dir).windowBounds).toEqual({ x: 10, y: 20, width: 1200, height: 700, maximized: true, fullScreen: false })
  })

  it('sets a damaged preferences file aside and starts from defaults', () => {
    const dir = tmpDir()
    writeFileSync(join(dir, 'preferences.json'), '{"recent": [oops')
    const prefs = new AppPrefs(dir)
    expect(prefs.recent()).toEqual([])
    expect(readFileSync(join(dir, 'preferences.json.bad'), 'utf8')).toBe('{"recent": [oops')
    prefs.touchWorkspace('/w/a.sqlite')
    expect(existsSync(join(dir, 'preferences.json'))).toBe(true)
  })
})
