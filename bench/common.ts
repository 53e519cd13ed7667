import type { Database } from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const ROOT = join(__dirname, '..')

/** A value drawn from weighted choices. */
export function pick<T>(r: () => number, weighted: readonly (readonly [T, number])[]): T {
  let x = r() * weighted.reduce((s, [, w]) => s + w, 0)
  for (const [value, w] of weighted) if ((x -= w) < 0) return value
  return weighted[weighted.length - 1]![0]
}

/** An import batch of a kind, for the rows a bench inserts with plain SQL. */
export function batch(db: Database, kind: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO import_batches (kind, source_system, file_name, file_path, file_hash, file_size, format, options, started_at, committed_at,
           rows_read, new_count, changed_count, unchanged_count, invalid_count, duplicate_count)
         VALUES (?, 'bench', 'bench.csv', '/bench.csv', '', 0, 'csv', '{}', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 0, 0, 0, 0, 0, 0)`,
      )
      .run(kind).lastInsertRowid,
  )
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/**
 * Runs a command in the project's folder, returning its wall time and (on Linux) its peak resident memory
 * (VmHWM, polled every 20 ms: the kernel's high-water mark, so no peak is missed between polls).
 */
export function measure(
  cmd: string,
  args: string[],
  input?: string,
): Promise<{ ms: number; peakMb: number | null; code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') } })
    let peakKb: number | null = null
    const status = `/proc/${child.pid}/status`
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(status, 'utf8'))
        if (hwm) peakKb = Math.max(peakKb ?? 0, Number(hwm[1]))
      } catch {
        // The process has ended, or this is not Linux.
      }
    }, 20)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    if (input !== undefined) child.stdin.end(input)
    child.on('close', (code) => {
      clearInterval(poll)
      resolve({ ms: performance.now() - started, peakMb: peakKb === null ? null : peakKb / 1024, code: code ?? 1, stdout, stderr })
    })
  })
}
