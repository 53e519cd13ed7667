#!/usr/bin/env node
// The command line's bundle: src/main/cli-bundle.ts and the worker threads it starts, each one CommonJS
// file in out/cli/ (better-sqlite3, a native module, stays in node_modules). Run by `npm run build`, and
// by scripts/cli.mjs (`npm run cli`) whenever a file the bundle was made from has changed since.
//
// out/cli/inputs.json lists every file bundled (sources, the packages bundled in, the tsconfig and this
// script) with its size and modification time; the bundle is current while all of them still match.
// Checking it stats those few hundred files (a few milliseconds); esbuild is loaded only to build.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** Where the bundle goes: out/cli, or TANDEM_CLI_OUT (the tests build a fresh one there). */
export const CLI_OUT = process.env.TANDEM_CLI_OUT || join(ROOT, 'out', 'cli')

const STAMP = 'inputs.json'
const ENTRIES = {
  cli: 'src/main/cli-bundle.ts',
  // Started by startWorker(__dirname, name) (src/main/workers.ts), which finds them next to the bundle.
  'parse-worker': 'src/main/import/worker/parse-worker.ts',
  'import-job': 'src/main/import/worker/import-job.ts',
}
/** Files that shape the bundle without being in it. */
const CONFIG = ['tsconfig.node.json', 'tsconfig.base.json', relative(ROOT, fileURLToPath(import.meta.url))]

/** True when out/cli holds a bundle made from the files as they are now. */
export function isCurrent(outDir = CLI_OUT) {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(join(outDir, STAMP), 'utf8'))
  } catch {
    return false
  }
  return Object.entries(stamp.inputs).every(([path, [size, mtime]]) => {
    const s = statSync(join(ROOT, path), { throwIfNoEntry: false })
    return s !== undefined && s.size === size && s.mtimeMs === mtime
  })
}

/** Builds the bundle into `outDir`; the stamp is written last, so a half-written bundle is never current. */
export async function buildCli(outDir = CLI_OUT) {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: ENTRIES,
    absWorkingDir: ROOT,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3'],
    // Less to read and parse at every start; names are kept, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    tsconfig: join(ROOT, 'tsconfig.node.json'),
    metafile: true,
    write: false,
    logLevel: 'silent',
  })
  const inputs = {}
  for (const path of [...Object.keys(result.metafile.inputs), ...CONFIG]) {
    const s = statSync(join(ROOT, path))
    inputs[path] = [s.size, s.mtimeMs]
  }
  mkdirSync(outDir, { recursive: true })
  // Each file whole, then renamed: a CLI started meanwhile never reads half a file.
  for (const file of result.outputFiles) writeWhole(file.path, file.contents)
  writeWhole(join(outDir, STAMP), JSON.stringify({ inputs }))
  return join(outDir, 'cli.js')
}

function writeWhole(path, contents) {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, contents)
  renameSync(tmp, path)
}

/** The bundle's entry, built first when it is missing or out of date. */
export async function ensureCli(outDir = CLI_OUT) {
  return isCurrent(outDir) ? join(outDir, 'cli.js') : buildCli(outDir)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const out = await buildCli()
    console.error(`tandem: command line built: ${relative(process.cwd(), out)}`)
  } catch (e) {
    console.error(`tandem: the command line could not be built: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
    process.exitCode = 1
  }
}
