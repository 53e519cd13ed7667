import { main } from './cli-main'

// The command line from source, for `node --import tsx src/main/cli-entry.ts …`. `npm run cli` runs the
// built bundle instead (src/main/cli-bundle.ts, made by scripts/build-cli.mjs).
void main(process.argv.slice(2))
