import { createRequire } from 'node:module'
import { join } from 'node:path'
import type * as CliBundle from '../../src/main/cli-bundle'

/**
 * The command line as `npm run cli` runs it: its built bundle (out/cli/cli.js, made current before the
 * tests by tests/helpers/cli-setup.ts), loaded in this process so that a call costs no process start.
 * The bundle starts its own worker threads from out/cli, as it does for a user.
 */
export const ROOT = join(__dirname, '../..')
export const CLI_BUNDLE = join(ROOT, 'out', 'cli', 'cli.js')

let loaded: typeof CliBundle | undefined
export function cliBundle(): typeof CliBundle {
  loaded ??= createRequire(__filename)(CLI_BUNDLE) as typeof CliBundle
  return loaded
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs one command line through the bundle's `runCli`, collecting what it prints. */
export async function cli(...argv: string[]): Promise<CliRun> {
  const { runCli } = await cliBundle().loadCli()
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}
