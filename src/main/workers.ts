import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { join, resolve } from 'node:path'
import { Worker, type ResourceLimits } from 'node:worker_threads'

/**
 * Starts one of the app's worker threads by name: the bundled `<name>.js` in the built app (electron-vite
 * writes every worker next to the main bundle, see electron.vite.config.ts), or the TypeScript source
 * run through tsx when running from source (the CLI, the tests). `dir` is the caller's `__dirname`.
 */
export function startWorker(dir: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {}
  const built = join(dir, `${name}.js`)
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
