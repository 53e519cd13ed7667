import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { storedWonStages, wonStagesJson } from '../../../src/main/db/repos/worked'
import { funnelReport } from '../../../src/main/metrics/funnel'
import { getSettings, saveSettings } from '../../../src/main/services/settings'
import type { FunnelQuery } from '../../../src/shared/handoff'
import { defaultSettings, type Settings } from '../../../src/shared/settings'
import { addDays, dateOfDay, dayNumber } from '../../../src/shared/time/calendar'
import { joinedFunnel } from '../../helpers/funnel'
import { testWorkspace, type TestWorkspace } from '../../helpers/import'
import { insertLeads, insertOpportunities, type LeadFields, type OpportunityFields } from '../../helpers/leads'
import { seededRandom } from '../../helpers/random'

/**
 * The funnel from the facts stored on the leads (issue #19, point 2) against the version that joins
 * every opportunity to its leads, on random workspaces: the same report, counts and medians to the last
 * bit, for every as-of time, window and time zone tried.
 */

let ws: TestWorkspace
beforeEach(async () => {
  ws = await testWorkspace()
})
afterEach(() => ws.db.close())

const FIRST = '2024-01-01'
const DAYS = 730
const SOURCES = ['Web', 'web', 'Webinar', 'Trade Show', '', null] as const
// Won in the default settings ('Closed Won', 'Won', 'closedwon', case aside), and not: a trailing space,
// another stage, no stage.
const STAGES = [
  'Closed Won',
  'closed won',
  'CLOSED WON',
  'Won',
  'closedwon',
  'Closed Won ',
  'Closed Lost',
  'Prospecting',
  'Negotiation',
  null,
]

/** A random workspace: leads with and without each step (some steps before the hand-off), linked both ways. */
function seed(seedNumber: number, leads = 1500): void {
  const r = seededRandom(seedNumber)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  // Instants anywhere in the two years, some on the minute, some to the millisecond.
  const start = Date.parse(`${FIRST}T00:00:00Z`)
  const instant = (from: number, maxDays: number): string => {
    const ms = from + Math.floor((r() * 1.05 - 0.05) * maxDays * 86_400_000)
    return new Date(r() < 0.5 ? Math.floor(ms / 60_000) * 60_000 : ms).toISOString()
  }
  const rows: LeadFields[] = []
  for (let i = 0; i < leads; i++) {
    const handed = r() < 0.97 ? instant(start, DAYS) : null
    const h = handed === null ? start : Date.parse(handed)
    const accepted = r() < 0.6 ? instant(h, 12) : null
    const qualified = r() < 0.35 ? instant(accepted === null ? h : Date.parse(accepted), 20) : null
    rows.push({
      external_id: `L${i}`,
      lead_source: pick(SOURCES),
      handed_off_at: handed,
      accepted_at: accepted,
      qualified_at: qualified,
      // Some name an opportunity, one in five of those one that is not in the workspace.
      opportunity_id: r() < 0.15 ? (r() < 0.2 ? `missing-${i}` : `O${Math.floor(r() * leads * 0.5)}`) : null,
    })
  }
  insertLeads(ws.db, rows)
  const opps: OpportunityFields[] = []
  for (let i = 0; i < leads * 0.5; i++) {
    const created = r() < 0.85 ? addDays(FIRST, Math.floor(r() * (DAYS + 30))) : null
    const close = r() < 0.85 ? addDays(created ?? FIRST, Math.floor(r() * (created === null ? DAYS : 120))) : null
    opps.push({
      external_id: `O${i}`,
      stage: pick(STAGES) as string,
      created_at: created,
      close_date: close,
      // Half name a lead (a few one that is not there); the rest are reached only from the leads naming them.
      lead_id: r() < 0.5 ? (r() < 0.05 ? `gone-${i}` : `L${Math.floor(r() * leads)}`) : null,
    })
  }
  insertOpportunities(ws.db, opps)
}

const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC']

function same(settings: Settings, query: FunnelQuery, now = new Date('2026-03-01T00:00:00Z')): void {
  const stored = funnelReport(ws.db, settings, query, now)
  const joined = joinedFunnel(ws.db, settings, query, now)
  expect(stored).toEqual(joined)
}

describe('the funnel from stored facts', () => {
  it('is the joined funnel, to the last digit, on random workspaces, at every as-of time, window and zone', () => {
    for (const seedNumber of [1, 2, 3]) {
      ws.db.exec('DELETE FROM opportunities; DELETE FROM leads;')
      seed(seedNumber)
      expect(storedWonStages(ws.db)).toBe(wonStagesJson(defaultSettings()))
      const r = seededRandom(100 + seedNumber)
      for (const timezone of ZONES) {
        const settings = { ...defaultSettings(), timezone }
        same(settings, { from: null, to: null, asOf: null })
        // As of random days and times, and of the days clocks change (New York, Berlin).
        const days = [
          ...Array.from({ length: 4 }, () => dateOfDay(dayNumber(FIRST) + Math.floor(r() * DAYS))),
          '2024-03-10',
          '2024-11-03',
          '2025-03-30',
        ]
        for (const day of days) {
          same(settings, { from: null, to: null, asOf: day })
          same(settings, { from: null, to: null, asOf: `${day}T${String(Math.floor(r() * 24)).padStart(2, '0')}:30` })
        }
        const from = dateOfDay(dayNumber(FIRST) + Math.floor(r() * 300))
        same(settings, { from, to: addDays(from, Math.floor(r() * 200)), asOf: null })
        same(settings, { from, to: addDays(from, 40), asOf: addDays(from, 20) })
      }
    }
  })

  it('has medians over thousands of values that agree (a check that the comparison sees them)', () => {
    seed(7, 4000)
    const f = funnelReport(ws.db, defaultSettings(), { from: null, to: null, asOf: null }, new Date('2026-03-01T00:00:00Z'))
    expect(f.steps.every((s, i) => i === 0 || s.medianDaysFromHandoff !== null)).toBe(true)
    expect(f.steps.map((s) => s.count)).toEqual(
      joinedFunnel(ws.db, defaultSettings(), { from: null, to: null, asOf: null }, new Date('2026-03-01T00:00:00Z')).steps.map(
        (s) => s.count,
      ),
    )
    expect(f.bySource.map((s) => s.source).sort()).toEqual(['', 'Trade Show', 'Web', 'Webinar', 'web'])
  })

  it('follows the won stages of the settings when they are saved', () => {
    seed(11)
    const before = getSettings(ws.db).settings
    const now = new Date('2026-03-01T00:00:00Z')
    const query = { from: null, to: null, asOf: null }
    const wonBefore = funnelReport(ws.db, before, query, now).steps[4]!.count
    // Negotiation becomes a won stage, Won no longer one.
    const stages = before.stages
      .filter((s) => s.match !== 'Won')
      .map((s) => (s.match === 'Negotiation' ? { match: 'Negotiation', category: 'won' as const } : s))
    const after = saveSettings(ws.db, { ...before, stages }).settings
    expect(storedWonStages(ws.db)).toBe(wonStagesJson(after))
    expect(storedWonStages(ws.db)).toContain('negotiation')
    const f = funnelReport(ws.db, after, query, now)
    expect(f.steps[4]!.count).not.toBe(wonBefore)
    expect(f).toEqual(joinedFunnel(ws.db, after, query, now))
    // Settings whose won stages the stored facts do not follow (not saved): the joined version answers.
    expect(funnelReport(ws.db, before, query, now)).toEqual(joinedFunnel(ws.db, before, query, now))
    expect(funnelReport(ws.db, before, query, now).steps[4]!.count).toBe(wonBefore)
  })
})
