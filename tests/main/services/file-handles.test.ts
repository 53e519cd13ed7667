import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FILE_HANDLE_PATTERN, FileHandles } from '../../../src/main/services/file-handles'
import { tmpDir } from '../../helpers/tmp'

const plant = (dir: string, name: string, text = 'a,b\n1,2\n'): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const refusal = (fn: () => unknown): { code: string; message: string } => {
  try {
    fn()
  } catch (e) {
    return e as { code: string; message: string }
  }
  throw new Error('expected a refusal')
}

describe('file handles', () => {
  it('names a chosen file by an unguessable handle and its base name only', () => {
    const dir = tmpDir()
    const files = new FileHandles()
    const path = plant(dir, 'leads.csv')
    const a = files.grant(path)
    const b = files.grant(path)
    expect(a.name).toBe('leads.csv')
    expect(a.handle).toMatch(FILE_HANDLE_PATTERN)
    expect(b.handle).not.toBe(a.handle) // each choice is a new handle
    expect(JSON.stringify(a)).not.toContain(dir)
    expect(files.importPath(b.handle)).toBe(path)
  })

  it('keeps an import handle for one flow: inspected and previewed at will, spent by the commit', () => {
    const files = new FileHandles()
    const ref = files.grant(plant(tmpDir(), 'deals.csv'))
    files.importPath(ref.handle)
    files.importPath(ref.handle)
    files.spend(ref.handle)
    expect(refusal(() => files.importPath(ref.handle))).toMatchObject({
      code: 'FILE_HANDLE',
      message: 'deals.csv was imported already: choose or drop it again to import it once more.',
    })
  })

  it('retires the previous import handle when another file is chosen', () => {
    const dir = tmpDir()
    const files = new FileHandles()
    const first = files.grant(plant(dir, 'first.csv'))
    const second = files.grant(plant(dir, 'second.csv'))
    expect(refusal(() => files.importPath(first.handle)).message).toBe('first.csv was replaced by another file: choose or drop it again.')
    expect(files.importPath(second.handle)).toBe(join(dir, 'second.csv'))
  })

  it('refuses forged handles, and ids of another kind', () => {
    const dir = tmpDir()
    const files = new FileHandles()
    const listed = files.idFor(plant(dir, 'backup.sqlite'), 'backup')
    for (const forged of ['fh_AAAAAAAAAAAAAAAAAAAAAA', listed, join(dir, 'backup.sqlite')]) {
      expect(refusal(() => files.importPath(forged))).toMatchObject({
        code: 'FILE_HANDLE',
        message: expect.stringMatching(/^Tandem does not know this file/),
      })
    }
    expect(files.listedPath(listed, 'recent-workspace')).toBeNull()
    const imported = files.grant(plant(dir, 'x.csv'))
    expect(files.listedPath(imported.handle, 'backup')).toBeNull()
  })

  it('gives a listed file the same id for the whole run, per kind', () => {
    const files = new FileHandles()
    const id = files.idFor('/w/a.sqlite', 'recent-workspace')
    expect(files.idFor('/w/a.sqlite', 'recent-workspace')).toBe(id)
    expect(files.idFor('/w/a.sqlite', 'backup')).not.toBe(id)
    expect(files.listedPath(id, 'recent-workspace')).toBe('/w/a.sqlite')
    expect(new FileHandles().listedPath(id, 'recent-workspace')).toBeNull() // another run knows nothing of it
  })

  it('grants only regular files given by absolute path', () => {
    const dir = tmpDir()
    mkdirSync(join(dir, 'folder'))
    const files = new FileHandles()
    expect(refusal(() => files.grant('leads.csv')).code).toBe('FILE_HANDLE')
    expect(refusal(() => files.grant(join(dir, 'folder'))).message).toBe('folder is not a file: choose or drop a CSV or XLSX file.')
    expect(refusal(() => files.grant(join(dir, 'gone.csv'))).message).toBe('gone.csv cannot be read: it is not there any more.')
  })

  it('forgets old spent handles but never a live one', () => {
    const dir = tmpDir()
    const files = new FileHandles()
    const path = plant(dir, 'many.csv')
    const first = files.grant(path)
    for (let i = 0; i < 400; i++) files.spend(files.grant(path).handle)
    const live = files.grant(path)
    expect(files.importPath(live.handle)).toBe(path)
    // Forgotten: refused as unknown (still refused).
    expect(refusal(() => files.importPath(first.handle)).code).toBe('FILE_HANDLE')
  })
})
