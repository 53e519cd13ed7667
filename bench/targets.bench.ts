import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkspaceDb } from '../src/main/db/connection'
import { targetsQueryPlans } from '../src/main/db/repos/targets'
import { targetsReport } from '../src/main/metrics/targets'
import { getSettings } from '../src/main/services/settings'
import { LEADS, OPPORTUNITIES, fill, median } from './big-workspace'

/**
 * The Targets report over a workspace of 1,000,000 opportunities (and 400,000 leads, see big-workspace.ts)
 * must answer in under 200 ms (aim: 50 ms). The report runs warm, and the median of several runs counts.
 * Exits non-zero when a period misses the target.
 */

const AS_OF = '2025-08-15'
const TARGET_MS = 200
const AIM_MS = 50
const RUNS = 9

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-targets-'))
  try {
    const path = join(dir, 'bench.sqlite')
    const db = await openWorkspaceDb(path, { create: true })
    const t0 = performance.now()
    fill(db)
    console.log(
      `generated ${OPPORTUNITIES.toLocaleString('en-US')} opportunities and ${LEADS.toLocaleString('en-US')} leads in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )

    // The period's and the history's queries must walk the index, not the table, and group without a sort.
    const plans = targetsQueryPlans(db)
    console.log(`plan of the period query: ${plans['periodDays']?.split('; ')[0]}`)
    const usesIndex = ['periodDays', 'closedDays'].every(
      (name) => plans[name]?.includes('COVERING INDEX opportunities_by_close') === true && plans[name]?.includes('TEMP B-TREE') === false,
    )

    const settings = getSettings(db).settings
    let missed = !usesIndex
    for (const period of ['2025-08', '2025-Q3', 'FY2025']) {
      targetsReport(db, settings, { period, asOf: AS_OF }) // warm the page cache and the prepared statements
      const times: number[] = []
      // CPU time too: the machines are shared, and it tells the report's own work from waiting for a core.
      const cpuTimes: number[] = []
      let closedWon = 0
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now()
        const cpu = process.cpuUsage()
        closedWon = targetsReport(db, settings, { period, asOf: AS_OF }).metrics.closedWon
        const used = process.cpuUsage(cpu)
        times.push(performance.now() - t)
        cpuTimes.push((used.user + used.system) / 1000)
      }
      const ms = median(times)
      const ok = ms < TARGET_MS
      missed ||= !ok
      console.log(
        `targets report ${period.padEnd(8)} as of ${AS_OF}: median ${ms.toFixed(1)} ms of ${RUNS} runs, ${median(cpuTimes).toFixed(1)} ms CPU (target < ${TARGET_MS} ms: ${ok ? 'met' : 'MISSED'}; ` +
          `aim ${AIM_MS} ms: ${(ms / AIM_MS).toFixed(2)}×) closed-won ${closedWon.toLocaleString('en-US')}`,
      )
    }
    db.close()
    if (!usesIndex) console.log('MISSED: the period and history queries must use opportunities_by_close without a sort')
    process.exitCode = missed ? 1 : 0
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
