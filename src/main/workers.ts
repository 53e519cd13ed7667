import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, sep } from 'node:path'
import { threadId, Worker, type ResourceLimits } from 'node:worker_threads'
import type * as Esbuild from 'esbuild'

/**
 * Starts one of the app's worker threads by name: the bundled `<name>.js` in the built app (electron-vite
 * writes every worker next to the main bundle, see electron.vite.config.ts), or, when running from source
 * (the CLI, the tests), a bundle of the worker's TypeScript (`sourceBundle`). `dir` is the caller's
 * `__dirname`.
 */
export function startWorker(dir: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {}
  const built = unpackedPath(join(dir, `${name}.js`))
  if (existsSync(built)) return new Worker(built, { workerData, ...limits })
  // Not the parent's `--import tsx`: the bundle is plain JavaScript.
  return new Worker(sourceBundle(join(dir, `${name}.ts`)), { workerData, ...limits, execArgv: [] })
}

/**
 * In the packaged app the main bundle runs from app.asar, but a worker thread cannot be started from
 * inside an asar archive: the workers (out/main) are unpacked next to it (electron-builder.yml) and run
 * from there.
 */
export function unpackedPath(path: string): string {
  const marker = `${sep}app.asar${sep}`
  const at = path.lastIndexOf(marker)
  if (at < 0) return path
  const unpacked = `${path.slice(0, at)}${sep}app.asar.unpacked${sep}${path.slice(at + marker.length)}`
  return existsSync(unpacked) ? unpacked : path
}

/** First line of a cached bundle: what it was made from, to tell when it is out of date. */
const STAMP = '// tandem-worker-bundle '

interface BundleStamp {
  /** Project-relative path -> [size, mtimeMs] of every file bundled (and the tsconfig). */
  inputs: Record<string, [number, number]>
}

/**
 * A worker's TypeScript source bundled into one CommonJS file with esbuild (the compiler tsx uses), kept
 * in `node_modules/.cache/tandem-workers/` and made again when any file in it has changed. Starting a
 * worker through tsx compiled or looked up each of its ~20 modules on the worker's own thread: ~150 ms
 * before its first line, against ~40-50 ms for the bundle (traced), on the critical path of every CLI
 * import. Packages stay outside the bundle and load from node_modules as usual.
 * `__dirname` and `__filename` are those of the source file, as they are under tsx, so a worker can
 * start workers of its own next to it.
 */
export function sourceBundle(entry: string, cacheDir?: string): string {
  const root = projectRoot(dirname(entry))
  const cache = cacheDir ?? join(root, 'node_modules', '.cache', 'tandem-workers')
  const file = join(cache, `${relative(root, entry).replace(/[\\/]/g, '_').replace(/\.ts$/, '')}.cjs`)
  if (isCurrent(file, root)) return file

  const tsconfig = join(root, 'tsconfig.node.json')
  // Loaded only here: the built app neither has nor needs esbuild.
  const esbuild = createRequire(__filename)('esbuild') as typeof Esbuild
  const result = esbuild.buildSync({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    tsconfig,
    metafile: true,
    write: false,
    logLevel: 'silent',
    banner: { js: `__filename = ${JSON.stringify(entry)}; __dirname = ${JSON.stringify(dirname(entry))};` },
  })
  const inputs: BundleStamp['inputs'] = {}
  for (const path of [...Object.keys(result.metafile.inputs), relative(root, tsconfig)]) {
    const s = statSync(join(root, path))
    inputs[path] = [s.size, s.mtimeMs]
  }
  const stamp: BundleStamp = { inputs }
  const code = result.outputFiles[0]?.text ?? ''
  mkdirSync(cache, { recursive: true })
  // Written whole, then renamed: another process starting the same worker never reads half a file.
  const tmp = `${file}.${process.pid}-${threadId}.tmp`
  writeFileSync(tmp, `${STAMP}${JSON.stringify(stamp)}\n${code}`)
  renameSync(tmp, file)
  return file
}

function isCurrent(file: string, root: string): boolean {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return false
  }
  if (!text.startsWith(STAMP)) return false
  try {
    const stamp = JSON.parse(text.slice(STAMP.length, text.indexOf('\n'))) as BundleStamp
    return Object.entries(stamp.inputs).every(([path, [size, mtime]]) => {
      const s = statSync(join(root, path), { throwIfNoEntry: false })
      return s !== undefined && s.size === size && s.mtimeMs === mtime
    })
  } catch {
    return false
  }
}

/** The folder holding the project's package.json, from a folder of its sources. */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}
