import { mkdirSync, writeFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unpackedPath } from '../../src/main/workers'
import { tmpDir } from '../helpers/tmp'

describe('worker paths in the packaged app', () => {
  it('runs a worker from app.asar.unpacked when it is there', () => {
    const root = tmpDir()
    const inAsar = join(root, 'resources', 'app.asar', 'out', 'main', 'parse-worker.js')
    expect(unpackedPath(inAsar)).toBe(inAsar) // not unpacked: unchanged
    const unpacked = join(root, 'resources', 'app.asar.unpacked', 'out', 'main')
    mkdirSync(unpacked, { recursive: true })
    writeFileSync(join(unpacked, 'parse-worker.js'), '')
    expect(unpackedPath(inAsar)).toBe(join(unpacked, 'parse-worker.js'))
    expect(unpackedPath(`${sep}src${sep}main${sep}x.js`)).toBe(`${sep}src${sep}main${sep}x.js`)
  })
})
