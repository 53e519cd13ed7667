import { runCli } from './cli'

// `npm run cli -- …` runs this file with tsx: no build step between `npm install` and the CLI.
void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then((code) => {
  process.exitCode = code
})
