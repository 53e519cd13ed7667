import type { Database } from 'better-sqlite3'

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
