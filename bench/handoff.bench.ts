import type { Database } from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkspaceDb } from '../src/main/db/connection'
import { funnelReport } from '../src/main/metrics/funnel'
import { leadTable } from '../src/main/metrics/leads'
import { handoffMetrics, handoffOverview } from '../src/main/metrics/handoff'
import { handoffScope } from '../src/main/metrics/scope'
import { leadQuery, type HandoffMetrics, type LeadQuery } from '../src/shared/handoff'
import { defaultSettings, type Settings } from '../src/shared/settings'
import { joinedFunnel } from '../tests/helpers/funnel'
import { generateLeads } from '../tests/helpers/generate-leads'

/**
 * The Handoff targets (issue #5): `report handoff` over 1,000,000 leads in under 200 ms with either SLA
 * clock (aim: 50 ms), and the lead table's first page over 100,000 leads in under 100 ms. Warm timings,
 * median of several runs, on workspaces generated with SQL. The funnel over all 1,000,000 leads: under
 * 300 ms (issue #19, point 2), timed alternately with the version that joins the opportunities, which it
 * replaced (both: median and every run, wall and CPU time).
 */

const END = '2026-06-30T16:00:00.000Z'
const AS_OF = '2026-06-30T12:00:00'
const RUNS = 7
const REPORT_MS = 200
const PAGE_MS = 100
const FUNNEL_MS = 300
const FUNNEL_RUNS = Number(process.env['BENCH_RUNS'] ?? 5)

/**
 * Warm timings: the median of `runs` runs after `warm` untimed ones, and every run for the spread, with the
 * median CPU time of the process (on a shared machine, wall time is mostly waiting for a core).
 */
function median(f: () => unknown, runs = RUNS, warm = 2): { ms: number; all: number[]; cpu: number } {
  for (let i = 0; i < warm; i++) f() // statements, page cache, the clock's day tables
  const all: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    f()
    all.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  const mid = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(runs / 2)] as number
  return { ms: mid(all), all, cpu: mid(cpu) }
}

/**
 * Bulk load as an import of that size would end: rows first, then the indexes built once. The workspace
 * is then closed and opened again, as the app opens it: timing on the loading connection would read
 * through a write-ahead log of hundreds of megabytes that no real session sees.
 */
const LINK_INDEXES = ['leads_by_opportunity', 'leads_by_external_id', 'opportunities_by_external_id', 'opportunities_by_lead']

async function workspace(dir: string, name: string, count: number, days: number): Promise<Database> {
  const path = join(dir, name)
  const db = await openWorkspaceDb(path, { create: true })
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('leads', 'opportunities') AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[]
  // The indexes the links between leads and deals are looked up by stay: without them the refresh of the
  // links at the end of the generation (migration 12's stored linked lead) scans every lead per deal.
  const dropped = indexes.filter((i) => !LINK_INDEXES.includes(i.name))
  for (const i of dropped) db.exec(`DROP INDEX "${i.name}"`)
  const t0 = performance.now()
  generateLeads(db, { count, end: END, days })
  for (const i of dropped) db.exec(i.sql)
  console.log(`  generated ${count.toLocaleString('en-US')} leads over ${days} days in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  db.close()
  return openWorkspaceDb(path)
}

const settingsWith = (clock: Settings['sla']['clock']): Settings => {
  const s = defaultSettings()
  return { ...s, sla: { ...s.sla, clock, holidays: ['2025-12-25', '2026-01-01', '2026-05-25'] } }
}

const results: { what: string; ms: number; target?: number }[] = []
const record = (what: string, t: { ms: number; all: number[]; cpu: number }, target?: number): void => {
  results.push(target === undefined ? { what, ms: t.ms } : { what, ms: t.ms, target })
  const verdict = target === undefined ? '' : t.ms < target ? `  (target < ${target} ms: met)` : `  (target < ${target} ms: MISSED)`
  const spread = t.all.length > 1 ? `  [${t.all.map((x) => x.toFixed(0)).join(' ')}]` : ''
  console.log(`  ${what.padEnd(58)} ${t.ms.toFixed(1).padStart(7)} ms (CPU ${t.cpu.toFixed(0)} ms)${verdict}${spread}`)
}

/** What `report handoff --as-of` computes (the bench varies the settings, which the CLI reads from the workspace). */
const handoffAt = (db: Database, s: Settings, asOf: string): HandoffMetrics =>
  handoffMetrics(handoffOverview(db, s, handoffScope(s, { asOf, from: null, to: null }, new Date())))

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-handoff-'))
  try {
    console.log('1,000,000 leads:')
    const big = await workspace(dir, 'million.sqlite', 1_000_000, 730)
    for (const clock of ['calendar', 'business'] as const) {
      const s = settingsWith(clock)
      let printed: unknown
      record(
        `report handoff, ${clock} clock`,
        median(() => (printed = handoffAt(big, s, AS_OF))),
        REPORT_MS,
      )
      console.log(`    ${JSON.stringify(printed)}`)
      record(
        `report handoff, ${clock} clock, as of a year earlier`,
        median(() => handoffAt(big, s, '2025-06-30T12:00:00')),
        REPORT_MS,
      )
    }
    const s = settingsWith('calendar')
    record(
      'funnel, last month of cohorts (no target)',
      median(() => funnelReport(big, s, { from: '2026-06-01', to: '2026-06-30', asOf: null }), 3, 1),
    )
    // The stored version and the joined one, alternately (the host's load drifts during a bench), one
    // untimed run each first. The joined one is reached by removing the record of the won stages the
    // stored facts follow, as a settings document changed outside the app would.
    const all = { from: null, to: null, asOf: null }
    const sides = { stored: () => funnelReport(big, s, all), joined: () => joinedFunnel(big, s, all, new Date()) }
    const runs = { stored: [] as number[], joined: [] as number[] }
    const cpus = { stored: [] as number[], joined: [] as number[] }
    for (let i = -1; i < FUNNEL_RUNS; i++) {
      for (const side of ['stored', 'joined'] as const) {
        const c0 = process.cpuUsage()
        const t0 = performance.now()
        sides[side]()
        const ms = performance.now() - t0
        const c = process.cpuUsage(c0)
        if (i < 0) continue
        runs[side].push(ms)
        cpus[side].push((c.user + c.system) / 1000)
      }
    }
    const mid = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
    for (const side of ['stored', 'joined'] as const) {
      record(
        side === 'stored' ? 'funnel, all 1,000,000 leads' : 'funnel, all 1,000,000 leads, joined (before)',
        { ms: mid(runs[side]), all: runs[side], cpu: mid(cpus[side]) },
        side === 'stored' ? FUNNEL_MS : undefined,
      )
      console.log(`    CPU of each run [${cpus[side].map((x) => x.toFixed(0)).join(' ')}]`)
    }
    big.close()

    console.log('100,000 leads:')
    const table = await workspace(dir, 'table.sqlite', 100_000, 365)
    const q = (over: Partial<LeadQuery>): LeadQuery => leadQuery(AS_OF, over)
    const page =
      (query: LeadQuery, clock: Settings['sla']['clock'] = 'calendar') =>
      () =>
        leadTable(table, settingsWith(clock), query, new Date())
    record('lead table, first page (breached first)', median(page(q({}))), PAGE_MS)
    record('lead table, first page, business clock', median(page(q({}), 'business')), PAGE_MS)
    record('lead table, first page sorted by name', median(page(q({ sort: 'name' }))), PAGE_MS)
    record('lead table, first page searched', median(page(q({ search: 'ead 4242' }))), PAGE_MS)
    record('lead table, first page of one owner', median(page(q({ owner: 'Rep 7', sort: 'handedOffAt', descending: true }))), PAGE_MS)
    record('lead table, last page (offset 99,900)', median(page(q({ sort: 'handedOffAt', offset: 99_900 }))), PAGE_MS)
    table.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const missed = results.filter((r) => r.target !== undefined && r.ms >= r.target)
  console.log(missed.length === 0 ? 'handoff: every target met.' : `handoff: ${missed.length} target(s) missed.`)
  process.exitCode = missed.length === 0 ? 0 : 1
}

void main()
