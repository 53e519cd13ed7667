import { earlyRead } from './cli-early'

/**
 * The command line as a process runs it: `argv` without node and the script, output to the process's
 * stdout and stderr, the exit status in `process.exitCode`. Shared by the built bundle (`npm run cli`,
 * scripts/cli.mjs) and the source entry run with tsx (cli-entry.ts).
 */
export function main(argv: readonly string[]): Promise<number> {
  const args = [...argv]
  const early = earlyRead(args)
  // Loading the CLI takes a while (its modules are evaluated on first use): the early read's sniff and
  // worker start first, so the worker boots and reads during that time instead of after it.
  return (early?.sampled ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => import('./cli'))
    .then(({ runCli }) =>
      runCli(
        args,
        {
          out: (text) => process.stdout.write(`${text}\n`),
          err: (text) => process.stderr.write(`${text}\n`),
        },
        early,
      ),
    )
    .then((code) => {
      process.exitCode = code
      return code
    })
}
