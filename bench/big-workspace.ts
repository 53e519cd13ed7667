import type { Database } from 'better-sqlite3'
import { refreshAllDealLinks } from '../src/main/db/repos/deal-links'
import { addDays } from '../src/shared/time/calendar'
import { seededRandom } from '../tests/helpers/random'
import { refreshAllOppLinks } from '../src/main/db/repos/worked'
import { batch, pick } from './common'

/**
 * The bench workspace of the Targets report and the meeting board's snapshot: 1,000,000 opportunities and
 * 400,000 leads, generated with plain SQL inserts (seeded, so every run measures the same data) into a
 * workspace with the app's own schema.
 *
 * The data is dense: four years, 250,000 opportunities and 100,000 leads a year, almost all of them worked
 * (the Handoff report's backlog is the last days' leads and a small share never touched). Rows are inserted in the
 * order a CRM export lists them (by creation), so a close date is its creation date plus up to 180 days
 * and table order follows time only loosely; the leads are in hand-off order.
 */

export const OPPORTUNITIES = 1_000_000
export const LEADS = 400_000
const FIRST_DAY = '2022-01-01'
const DAYS = 1461 // 2022-01-01 … 2025-12-31

const STAGES = [
  ['Closed Won', 25],
  ['Closed Lost', 25],
  ['Prospecting', 15],
  ['Qualification', 12],
  ['Proposal/Quote', 12],
  ['Negotiation', 10],
  ['Discovery', 1], // not in the default settings: listed as unmapped
] as const
const CURRENCIES = [
  ['USD', 80],
  ['EUR', 14],
  ['GBP', 4],
  ['JPY', 2], // no rate in the default settings: left out and counted
] as const
const SOURCES = [
  ['Webinar', 12],
  ['Web', 12],
  ['Trade Show', 8],
  ['Paid Search', 10],
  ['Email Marketing', 8],
  ['Outbound', 14],
  ['Cold Call', 6],
  ['Employee Referral', 4],
  ['Partner Referral', 8],
  ['Reseller', 4],
  ['Podcast', 4], // unmapped
  [null, 10], // no source: half of them take their linked lead's
] as const

/** Inserts in transactions of 50,000 rows; the report's indexes are built afterwards, as PITFALLS.md measured faster. */
export function fill(db: Database): void {
  const r = seededRandom(20251)
  const indexes = db
    .prepare(
      "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name IN ('opportunities_by_close', 'opportunities_by_linked_close', 'leads_by_handoff')",
    )
    .pluck()
    .all() as string[]
  db.exec('DROP INDEX opportunities_by_close; DROP INDEX opportunities_by_linked_close; DROP INDEX leads_by_handoff')
  const opps = batch(db, 'opportunities')
  const insertOpp = db.prepare(
    `INSERT INTO opportunities (source_system, external_id, stage, amount_minor, currency, probability, close_date, lead_source, lead_id, created_batch_id, batch_id)
     VALUES ('bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const chunk = 50_000
  for (let start = 0; start < OPPORTUNITIES; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < start + chunk; i++) {
        const source = pick(r, SOURCES)
        insertOpp.run(
          `O${i}`,
          pick(r, STAGES),
          100_000 + Math.floor(r() * 4_900_000),
          pick(r, CURRENCIES),
          r() < 0.3 ? Math.round(r() * 100) / 100 : null,
          addDays(FIRST_DAY, Math.min(Math.floor((i / OPPORTUNITIES) * (DAYS - 180) + r() * 180), DAYS - 1)),
          source,
          source === null && r() < 0.5 ? `L${Math.floor(r() * LEADS)}` : null,
          opps,
          opps,
        )
      }
    })()
  }
  const leads = batch(db, 'leads')
  const insertLead = db.prepare(
    `INSERT INTO leads (source_system, external_id, lead_source, handed_off_at, qualified_at, opportunity_id, first_touch_at, recycled_at, created_batch_id, batch_id)
     VALUES ('bench', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  // How sales worked the leads, from a random stream of its own (the rest of the data stays as it was):
  // 95 % touched within three days of the hand-off, 3 % recycled after a week, 2 % never worked.
  const w = seededRandom(20252)
  for (let start = 0; start < LEADS; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < start + chunk; i++) {
        const handedOff = new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + Math.floor((i / LEADS) * DAYS * 86_400_000 + r() * 3_600_000))
        const qualified = r() < 0.4 ? new Date(handedOff.getTime() + Math.floor(r() * 20 * 86_400_000)) : null
        insertLead.run(
          `L${i}`,
          pick(
            r,
            SOURCES.filter(([s]) => s !== null),
          ),
          handedOff.toISOString(),
          qualified?.toISOString() ?? null,
          qualified && r() < 0.25 ? `O${Math.floor(r() * OPPORTUNITIES)}` : null,
          ...(() => {
            const x = w()
            const later = (hours: number): string => new Date(handedOff.getTime() + Math.floor(w() * hours * 3_600_000)).toISOString()
            return x < 0.95 ? [later(72), null] : x < 0.98 ? [null, later(24 * 14)] : [null, null]
          })(),
          leads,
          leads,
        )
      }
    })()
  }
  for (const sql of indexes) db.exec(sql)
  // What imports keep on the leads their opportunities link to (worked time, the funnel's facts).
  db.transaction(() => refreshAllOppLinks(db))()
  // And on the deals: their linked lead's campaign and source (plain SQL skips it).
  refreshAllDealLinks(db)
  const targets = batch(db, 'targets')
  const insertTarget = db.prepare(
    `INSERT INTO targets (source_system, external_id, period, team, segment, amount_minor, currency, created_batch_id, batch_id)
     VALUES ('bench', ?, ?, ?, '', ?, 'USD', ?, ?)`,
  )
  db.transaction(() => {
    for (let y = 2022; y <= 2025; y++) {
      for (let m = 1; m <= 12; m++) {
        const period = `${y}-${String(m).padStart(2, '0')}`
        insertTarget.run(`${period}||`, period, '', 2_500_000_000, targets, targets)
      }
      for (let q = 1; q <= 4; q++) insertTarget.run(`${y}-Q${q}|sales|`, `${y}-Q${q}`, 'sales', 7_000_000_000, targets, targets)
    }
  })()
}

export { median } from './common'
