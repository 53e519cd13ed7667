import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { sourceBundle, unpackedPath } from '../../src/main/workers'
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

describe('workers run from source', () => {
  /** A small project: a worker that imports a sibling module and one through the @shared alias. */
  function project(): { root: string; entry: string; cache: string } {
    const root = tmpDir()
    mkdirSync(join(root, 'src', 'main'), { recursive: true })
    mkdirSync(join(root, 'src', 'shared'), { recursive: true })
    writeFileSync(join(root, 'package.json'), '{ "name": "p", "private": true }\n')
    writeFileSync(
      join(root, 'tsconfig.node.json'),
      JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@shared/*': ['src/shared/*'] } } }),
    )
    writeFileSync(join(root, 'src', 'shared', 'words.ts'), "export const word: string = 'shared'\n")
    writeFileSync(join(root, 'src', 'main', 'dep.ts'), 'export const answer: number = 41\n')
    const entry = join(root, 'src', 'main', 'w.ts')
    writeFileSync(
      entry,
      "import { parentPort, workerData } from 'node:worker_threads'\nimport { answer } from './dep'\nimport { word } from '@shared/words'\n" +
        'parentPort!.postMessage({ answer: answer + (workerData as number), word, dir: __dirname, file: __filename })\n',
    )
    return { root, entry, cache: join(root, 'cache') }
  }

  function run(file: string, data: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const w = new Worker(file, { workerData: data, execArgv: [] })
      w.once('message', (m) => void w.terminate().then(() => resolve(m)))
      w.once('error', reject)
    })
  }

  it('bundles a TypeScript worker once, with its imports and aliases, and runs it with its source folder as __dirname', async () => {
    const { root, entry, cache } = project()
    const file = sourceBundle(entry, cache)
    expect(file.startsWith(cache)).toBe(true)
    expect(await run(file, 1)).toEqual({ answer: 42, word: 'shared', dir: join(root, 'src', 'main'), file: entry })
    const made = statSync(file).mtimeMs
    expect(sourceBundle(entry, cache)).toBe(file)
    expect(statSync(file).mtimeMs).toBe(made) // reused, not made again
  })

  it('makes the bundle again when a file in it changes, or when the cached file is not a bundle', async () => {
    const { root, entry, cache } = project()
    const file = sourceBundle(entry, cache)
    writeFileSync(join(root, 'src', 'main', 'dep.ts'), 'export const answer: number = 99\n')
    expect(sourceBundle(entry, cache)).toBe(file)
    expect(await run(file, 1)).toMatchObject({ answer: 100 })
    writeFileSync(join(root, 'src', 'shared', 'words.ts'), "export const word: string = 'changed'\n")
    expect(await run(sourceBundle(entry, cache), 0)).toMatchObject({ answer: 99, word: 'changed' })
    writeFileSync(file, 'half a fi')
    expect(await run(sourceBundle(entry, cache), 0)).toMatchObject({ answer: 99, word: 'changed' })
    expect(readFileSync(file, 'utf8')).toMatch(/^\/\/ tandem-worker-bundle /)
  })
})
