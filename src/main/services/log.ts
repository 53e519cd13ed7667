import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

const MAX_LOG_BYTES = 2 * 1024 * 1024

/**
 * A plain append-only log file for what the user never sees in full (stack traces of unexpected
 * errors). Rolled over to `.1` when it grows past 2 MB.
 */
export function createLog(file: string): (message: string, error?: unknown) => void {
  return (message, error) => {
    const detail = error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? '' : `\n${String(error)}`
    const line = `${new Date().toISOString()} ${message}${detail}\n`
    console.error(line.trimEnd())
    try {
      mkdirSync(dirname(file), { recursive: true })
      try {
        if (statSync(file).size > MAX_LOG_BYTES) renameSync(file, `${file}.1`)
      } catch {
        // no log yet
      }
      appendFileSync(file, line)
    } catch {
      // Logging must never take the app down; the console line above is the fallback.
    }
  }
}
