import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { join, resolve, sep } from 'node:path'
import { Worker, type ResourceLimits } from 'node:worker_threads'

/**
 * Starts one of the app's worker threads by name: the bundled `<name>.js` in the built app (electron-vite
 * writes every worker next to the main bundle, see electron.vite.config.ts), or the TypeScript source
 * run through tsx when running from source (the CLI, the tests). `dir` is the caller's `__dirname`.
 */
export function startWorker(dir: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {}
  const built = unpackedPath(join(dir, `${name}.js`))
  if (existsSync(built)) return new Worker(built, { workerData, ...limits })
  return new Worker(join(dir, `${name}.ts`), {
    workerData,
    ...limits,
    // Resolved here, not from the working directory: the CLI may be started from anywhere.
    execArgv: ['--import', pathToFileURL(createRequire(join(dir, 'x.js')).resolve('tsx')).href],
    // From source this file is src/main/workers.ts; tsx needs the tsconfig with the @shared alias.
    env: { ...process.env, TSX_TSCONFIG_PATH: resolve(__dirname, '../../tsconfig.node.json') },
  })
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
