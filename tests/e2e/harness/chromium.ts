import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where a Chromium-based browser is: CHROMIUM_PATH, else the usual places on Linux (Debian's package),
 * macOS and Windows. Throws one line saying how to get one.
 */
export function findChromium(): string {
  const fromEnv = process.env['CHROMIUM_PATH']
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`)
  }
  const candidates: string[] = []
  if (process.platform === 'darwin') {
    candidates.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    )
  } else if (process.platform === 'win32') {
    for (const base of [process.env['PROGRAMFILES'], process.env['PROGRAMFILES(X86)'], process.env['LOCALAPPDATA']]) {
      if (!base) continue
      candidates.push(
        join(base, 'Google/Chrome/Application/chrome.exe'),
        join(base, 'Chromium/Application/chrome.exe'),
        join(base, 'Microsoft/Edge/Application/msedge.exe'),
      )
    }
  } else {
    candidates.push(
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/snap/bin/chromium',
    )
  }
  const found = candidates.find((c) => existsSync(c))
  if (found) return found
  throw new Error(
    'No Chromium found for the end-to-end tests: install it (Debian/Ubuntu: apt-get install -y chromium; macOS/Windows: Google Chrome) or set CHROMIUM_PATH.',
  )
}

/** Flags that keep Chromium from reaching the network on its own and from needing a GPU or a sandbox. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
]
