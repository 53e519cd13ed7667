#!/usr/bin/env node
// Runs before `npm start` and `npm run dev`. electron-vite reads node_modules/electron/path.txt and throws
// "Error: Electron uninstall" (a stack trace) when it is missing, before Electron's own first-run download
// is ever reached, and Electron 45's package has no install script. So: when Electron's binary is not
// there, fetch it with the package's own installer; when that cannot work (offline, a blocked mirror),
// say in one line what is missing and what to run, and stop.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const dir = dirname(require.resolve('electron/package.json'))
const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))

function installed() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true
  try {
    const binary = readFileSync(join(dir, 'path.txt'), 'utf8')
    const got = readFileSync(join(dir, 'dist', 'version'), 'utf8')
      .replace(/^v/, '')
      .trim()
    return got === version && existsSync(join(dir, 'dist', binary))
  } catch {
    return false
  }
}

if (!installed()) {
  console.error(`tandem: fetching Electron ${version}'s binary (once, about 100 MB)…`)
  const run = spawnSync(process.execPath, [join(dir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (run.status !== 0 || !installed()) {
    // install.js prints a stack trace; keep only its first line as the reason.
    const reason =
      `${run.stderr || run.stdout || ''}`
        .split('\n')
        .find((l) => l.trim() !== '')
        ?.trim() ?? `exit status ${run.status}`
    console.error(
      `tandem: Electron ${version}'s binary is not installed and could not be downloaded (${reason.replace(/^\w*Error:\s*/, '')}); ` +
        'connect to the internet and run "npx install-electron", or set ELECTRON_OVERRIDE_DIST_PATH to an Electron you have.',
    )
    process.exit(1)
  }
}
