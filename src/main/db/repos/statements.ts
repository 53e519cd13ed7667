import type { Database, Statement } from 'better-sqlite3'

/**
 * Prepared statements of one connection, made once per connection (preparing costs more than some of
 * the report queries). Statements belong to their connection, so the cache is keyed by it.
 */
export function perConnection<T>(make: (db: Database) => T): (db: Database) => T {
  const cache = new WeakMap<Database, T>()
  return (db) => {
    let q = cache.get(db)
    if (!q) {
      q = make(db)
      cache.set(db, q)
    }
    return q
  }
}

/**
 * How SQLite runs each statement (EXPLAIN QUERY PLAN), by name: checked by the tests and the bench.
 * `params` holds every parameter any of the statements names (a statement takes those it names).
 */
export function queryPlans(db: Database, statements: Record<string, Statement>, params: Record<string, string>): Record<string, string> {
  const plans: Record<string, string> = {}
  for (const [name, stmt] of Object.entries(statements)) {
    const explain = db.prepare(`EXPLAIN QUERY PLAN ${stmt.source}`)
    const rows = (stmt.source.includes('@') ? explain.all(params) : explain.all()) as { detail: string }[]
    plans[name] = rows.map((r) => r.detail).join('; ')
  }
  return plans
}
