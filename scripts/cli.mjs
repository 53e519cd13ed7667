#!/usr/bin/env node
// `npm run cli -- …`: runs the command line's bundle (out/cli/cli.js) in this process, building it first
// when it is missing (a fresh clone) or older than its sources (scripts/build-cli.mjs). Without a
// rebuild, this adds a few milliseconds to Node's own start.
import module, { createRequire } from 'node:module'
import { CLI_OUT, buildCli, isCurrent } from './build-cli.mjs'
import { join } from 'node:path'

let bundle = join(CLI_OUT, 'cli.js')
if (!isCurrent()) {
  process.stderr.write('tandem: building the command line (first use, or its sources changed)…\n')
  try {
    bundle = await buildCli()
  } catch (e) {
    const first = e?.errors?.[0]
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : ''
    process.stderr.write(`tandem: the command line could not be built: ${where}${first?.text ?? String(e).split('\n')[0]}\n`)
    process.exit(1)
  }
}
// V8's code cache for the bundle (keyed by its content): compiling 1 MB of JavaScript at every start
// was a third of the start-up.
module.enableCompileCache?.(join(CLI_OUT, '.compile-cache'))
createRequire(import.meta.url)(bundle).main(process.argv.slice(2))
