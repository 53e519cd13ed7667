import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../src/shared/settings'
import { openWorkspaceDb } from '../../../src/main/db/connection'
import { AppError } from '../../../src/main/errors'
import { exportSettingsFile, getSettings, importSettingsFile, saveSettings } from '../../../src/main/services/settings'
import { tmpDir } from '../../helpers/tmp'

async function workspace() {
  const dir = tmpDir()
  return { dir, db: await openWorkspaceDb(join(dir, 'ws.sqlite'), { create: true }) }
}

function thrown(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    return e as AppError
  }
  throw new Error('expected an error')
}

describe('settings service', () => {
  it('starts a workspace with the default settings', async () => {
    const { db } = await workspace()
    expect(getSettings(db).settings).toEqual(defaultSettings())
    db.close()
  })

  it('saves a valid document and reads it back, in the workspace file', async () => {
    const { dir, db } = await workspace()
    const next = { ...defaultSettings(), currency: 'EUR', fxRates: { USD: 0.93 } }
    const saved = saveSettings(db, next, new Date('2026-05-01T10:00:00Z'))
    expect(saved.updatedAt).toBe('2026-05-01T10:00:00.000Z')
    db.close()
    const again = await openWorkspaceDb(join(dir, 'ws.sqlite'))
    expect(getSettings(again).settings.currency).toBe('EUR')
    again.close()
  })

  it('refuses an invalid document, says why, and keeps what was stored', async () => {
    const { db } = await workspace()
    const e = thrown(() => saveSettings(db, { ...defaultSettings(), currency: 'euro', fiscalYearStartMonth: 0 }))
    expect(e.code).toBe('SETTINGS_INVALID')
    expect(e.message).toMatch(/^Settings not saved: currency: must be a three-letter/)
    expect(e.problems?.map((p) => p.path)).toEqual(['currency', 'fiscalYearStartMonth'])
    expect(getSettings(db).settings.currency).toBe('USD')
    db.close()
  })

  it('exports a file that imports into another workspace unchanged', async () => {
    const a = await workspace()
    saveSettings(a.db, { ...defaultSettings(), timezone: 'Europe/Berlin', fiscalYearStartMonth: 2 })
    const file = join(a.dir, 'team.json')
    exportSettingsFile(a.db, file)
    expect(JSON.parse(readFileSync(file, 'utf8')).timezone).toBe('Europe/Berlin')

    const b = await workspace()
    importSettingsFile(b.db, file)
    expect(getSettings(b.db).settings).toEqual(getSettings(a.db).settings)
    a.db.close()
    b.db.close()
  })

  it('reads a settings file with a byte-order mark', async () => {
    const { dir, db } = await workspace()
    const file = join(dir, 'bom.json')
    writeFileSync(file, `\uFEFF${JSON.stringify({ ...defaultSettings(), currency: 'GBP' })}`)
    expect(importSettingsFile(db, file).settings.currency).toBe('GBP')
    db.close()
  })

  it.each([
    ['not JSON', '{ "currency": ', /broken\.json is not valid JSON/],
    [
      'a wrong value',
      JSON.stringify({ ...defaultSettings(), sla: { ...defaultSettings().sla, clock: 'weekly' } }),
      /broken\.json: sla\.clock: must be calendar or business/,
    ],
    ['an array', '[]', /broken\.json: \(document\)/],
  ])('refuses a settings file that is %s, naming the file, and changes nothing', async (_what, text, message) => {
    const { dir, db } = await workspace()
    const file = join(dir, 'broken.json')
    writeFileSync(file, text)
    const before = getSettings(db)
    const e = thrown(() => importSettingsFile(db, file))
    expect(e.message).toMatch(message)
    expect(e.message).not.toContain('\n')
    expect(getSettings(db)).toEqual(before)
    db.close()
  })

  it('takes a file that names only some settings: updates those, keeps the rest (issue #14, 9)', async () => {
    const { dir, db } = await workspace()
    saveSettings(db, { ...defaultSettings(), timezone: 'Europe/Berlin', fxRates: { EUR: 1.1 } })
    const file = join(dir, 'partial.json')
    const stages = [
      { match: 'Signed', category: 'won' },
      { match: 'Dropped', category: 'lost' },
    ]
    writeFileSync(file, JSON.stringify({ currency: 'USD', stages }))
    const after = importSettingsFile(db, file).settings
    expect(after.stages).toEqual(stages)
    expect(after.timezone).toBe('Europe/Berlin')
    expect(after.fxRates).toEqual({ EUR: 1.1 })
    expect(after.sources).toEqual(defaultSettings().sources)
    db.close()
  })

  it.each([
    ['an unknown key', JSON.stringify({ currency: 'USD', colour: 'blue' }), /partial\.json: \(document\): unknown setting "colour"/],
    [
      'a bad value',
      JSON.stringify({ fiscalYearStartMonth: 13 }),
      /partial\.json: fiscalYearStartMonth: must be a month number from 1 to 12/,
    ],
  ])('still refuses a partial file with %s, naming the key, and changes nothing', async (_what, text, message) => {
    const { dir, db } = await workspace()
    const file = join(dir, 'partial.json')
    writeFileSync(file, text)
    const before = getSettings(db)
    expect(thrown(() => importSettingsFile(db, file)).message).toMatch(message)
    expect(getSettings(db)).toEqual(before)
    db.close()
  })

  it('refuses a huge file without reading it as settings', async () => {
    const { dir, db } = await workspace()
    const file = join(dir, 'huge.json')
    writeFileSync(file, ' '.repeat(2 * 1024 * 1024))
    expect(thrown(() => importSettingsFile(db, file)).message).toMatch(/too large/)
    db.close()
  })

  it('reports damaged stored settings instead of silently replacing them', async () => {
    const { db } = await workspace()
    db.prepare('UPDATE settings SET doc = ?').run(JSON.stringify({ ...defaultSettings(), currency: 'dollars' }))
    const e = thrown(() => getSettings(db))
    expect(e.code).toBe('SETTINGS_INVALID')
    expect(e.message).toMatch(/damaged: currency/)
    db.close()
  })
})
