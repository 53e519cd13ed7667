import type * as Cli from './cli'
import { earlyRead } from './cli-early'
import { main } from './cli-main'

/**
 * The entry of the command line's bundle (out/cli/cli.js, made by scripts/build-cli.mjs): loading it
 * runs nothing. scripts/cli.mjs calls `main`; the CLI tests load the same bundle and call `runCli`
 * through `loadCli`, so they test what a user runs. The CLI's modules are evaluated on first use, after
 * an import's early read has started (see cli-main.ts).
 */
export { earlyRead, main }
export const loadCli = (): Promise<typeof Cli> => import('./cli')
