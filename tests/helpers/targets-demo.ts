import { addDays } from '../../src/shared/time/calendar'
import { seededRandom } from './random'

/**
 * A believable sales year for the Targets screens: a year of won and lost deals before 2025-Q3 (so the
 * seasonal pace can be drawn), the quarter itself with won deals up to mid-August and open pipeline to
 * the end of September, leads with their hand-off and qualification, and monthly targets. Seeded, so
 * every run (and every screenshot) sees the same numbers. Rows are cells for `importOpportunities` /
 * `importLeads` / `importTargets` (tests/helpers/targets.ts).
 */

type Cell = string | number | null

const SOURCES = ['Webinar', 'Paid Search', 'Trade Show', 'Outbound', 'Cold Call', 'Partner Referral', 'Web', null] as const
const OPEN_STAGES = ['Prospecting', 'Qualification', 'Proposal/Quote', 'Negotiation'] as const
/** Last year's months, heavier at quarter ends, so the seasonal pace differs from the straight line. */
const MONTH_WEIGHT = [1, 0.8, 1.6, 0.9, 0.9, 1.7, 0.7, 0.8, 1.8, 1, 1.1, 2.0]

export interface DemoData {
  opportunities: Cell[][]
  leads: Cell[][]
  targets: Cell[][]
}

export function demoData(): DemoData {
  const r = seededRandom(7)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  const amount = (): string => String(Math.round(4000 + r() * 56000))
  const opportunities: Cell[][] = []
  const leads: Cell[][] = []
  let n = 0
  // A year of history: 2024-07 … 2025-06.
  for (let m = 0; m < 12; m++) {
    const first = `${2024 + Math.floor((6 + m) / 12)}-${String(((6 + m) % 12) + 1).padStart(2, '0')}-01`
    const deals = Math.round(18 * (MONTH_WEIGHT[m] ?? 1))
    for (let i = 0; i < deals; i++) {
      const day = addDays(first, Math.floor(r() * 28))
      const source = pick(SOURCES)
      opportunities.push([`H-${++n}`, r() < 0.42 ? 'Closed Won' : 'Closed Lost', amount(), 'USD', day, source, null, null])
    }
  }
  // The quarter: won up to 15 August, open deals across it (some overdue), a few oddities.
  for (let i = 0; i < 12; i++) {
    const day = addDays('2025-07-01', Math.floor(r() * 46))
    opportunities.push([`Q-${++n}`, 'Closed Won', amount(), r() < 0.15 ? 'EUR' : 'USD', day, pick(SOURCES), null, null])
  }
  for (let i = 0; i < 14; i++) {
    opportunities.push([`Q-${++n}`, 'Closed Lost', amount(), 'USD', addDays('2025-07-01', Math.floor(r() * 46)), pick(SOURCES), null, null])
  }
  for (let i = 0; i < 46; i++) {
    const day = addDays('2025-07-10', Math.floor(r() * 82))
    opportunities.push([`Q-${++n}`, pick(OPEN_STAGES), amount(), 'USD', day, pick(SOURCES), null, null])
  }
  opportunities.push(['Q-JPY', 'Negotiation', '2500000', 'JPY', '2025-09-12', 'Webinar', null, null])
  opportunities.push(['Q-PODCAST', 'Proposal/Quote', '18000', 'USD', '2025-09-05', 'Podcast', null, null])
  opportunities.push(['Q-VERBAL', 'Verbal Commit', '26000', 'USD', '2025-08-28', 'Outbound', null, null])
  // Leads handed off over the trailing year; about a third qualify, a third of those become deals.
  for (let i = 0; i < 260; i++) {
    const day = addDays('2024-08-20', Math.floor(r() * 360))
    const qualified = r() < 0.34
    const converted = qualified && r() < 0.36
    leads.push([
      `LEAD-${i}`,
      pick(SOURCES.filter((s) => s !== null)),
      `${day} 10:00`,
      qualified ? `${addDays(day, 3)} 10:00` : null,
      converted ? `H-${1 + (i % n)}` : null,
    ])
  }
  const targets: Cell[][] = [
    ['2025-07', '260000', null, null],
    ['2025-08', '280000', null, null],
    ['2025-09', '380000', null, null],
    ['2025-Q3', '600000', 'marketing', null],
    ['2025-Q3', '120', 'marketing', 'mql'],
  ]
  return { opportunities, leads, targets }
}
