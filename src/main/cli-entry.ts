import { earlyRead } from './cli-early'

// `npm run cli -- …` runs this file with tsx: no build step between `npm install` and the CLI.

const argv = process.argv.slice(2)
const early = earlyRead(argv)
void import('./cli')
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
