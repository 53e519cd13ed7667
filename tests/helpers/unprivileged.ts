import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(__dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')

/**
 * How to run a command without the power to override file permissions, so that `chmod 444` means
 * read-only: as is for an ordinary user; for root (a CI container), through `setpriv` without the
 * capabilities that bypass permission checks. Null when neither is possible (root without setpriv).
 */
export function unprivilegedPrefix(): string[] | null {
  if (process.getuid?.() !== 0) return []
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p))
  if (!setpriv) return null
  const caps = '-dac_override,-dac_read_search'
  return [setpriv, `--bounding-set=${caps}`, `--inh-caps=${caps}`, '--']
}

export interface Ran {
  code: number | null
  stdout: string
  stderr: string
  ms: number
  /** Killed at the time limit (the command did not end by itself). */
  timedOut: boolean
}

/** Runs a TypeScript entry point of the repo with tsx, without permission overrides, killed after `timeoutMs`. */
export function runTsUnprivileged(entry: string, args: string[], timeoutMs = 60_000): Promise<Ran> {
  const prefix = unprivilegedPrefix()
  if (prefix === null) throw new Error('cannot drop privileges here (root without setpriv)')
  const argv = [...prefix, TSX, '--tsconfig', 'tsconfig.node.json', entry, ...args]
  return run(argv, timeoutMs)
}

/** Runs the real CLI (`npm run cli`'s entry point) in its own process, as an unprivileged user. */
export function cliUnprivileged(args: string[], timeoutMs = 60_000): Promise<Ran> {
  return runTsUnprivileged('src/main/cli-entry.ts', args, timeoutMs)
}

function run(argv: string[], timeoutMs: number): Promise<Ran> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim(), ms: Date.now() - started, timedOut })
    })
  })
}
