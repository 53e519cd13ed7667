import { earlyRead } from './cli-early'

// `npm run cli -- …` runs this file with tsx: no build step between `npm install` and the CLI.

const argv = process.argv.slice(2)
const early = earlyRead(argv)
// Loading the CLI blocks this thread for a while (its modules compile synchronously): the early read's
// sniff and worker start first, so the worker boots and reads during that time instead of after it.
void (early?.sampled ?? Promise.resolve())
  .catch(() => undefined)
  .then(() => import('./cli'))
  .then(({ runCli }) =>
    runCli(
      argv,
      {
        out: (text) => process.stdout.write(`${text}\n`),
        err: (text) => process.stderr.write(`${text}\n`),
      },
      early,
    ),
  )
  .then((code) => {
    process.exitCode = code
  })
