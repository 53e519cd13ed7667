import type { Database } from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { handoffMetrics, handoffOverview, handoffTrends } from '../../../src/main/metrics/handoff'
import { handoffScope, parseAsOf } from '../../../src/main/metrics/scope'
import { instantOf } from '../../../src/shared/time/zones'
import { AppError } from '../../../src/main/errors'
import { saveSettings } from '../../../src/main/services/settings'
import { setMqlTarget } from '../../../src/main/db/repos/mql-targets'
import { defaultSettings, type Settings } from '../../../src/shared/settings'
import { leadTable } from '../../../src/main/metrics/leads'
import { leadQuery } from '../../../src/shared/handoff'
import { insertLeads, insertOpportunities, type LeadFields } from '../../helpers/leads'
import { testWorkspace, type TestWorkspace } from '../../helpers/import'

const NY = 'America/New_York'
const H = 3_600_000

let ws: TestWorkspace
beforeEach(async () => {
  ws = await testWorkspace()
})
afterEach(() => ws.db.close())

function settings(over: Partial<Settings['sla']> = {}): Settings {
  const s = defaultSettings()
  return { ...s, sla: { ...s.sla, ...over } }
}

/** T = 2025-08-15 12:00 in New York. */
const T = instantOf('2025-08-15', '12:00', NY)
/** An instant `h` hours before (negative: after) T, as stored. */
const before = (h: number): string => new Date(T - h * H).toISOString()

function overview(db: Database, s: Settings, asOf = '2025-08-15T12:00:00', from: string | null = null, to: string | null = null) {
  return handoffOverview(db, s, handoffScope(s, { asOf, from, to }, new Date(0)))
}

/** The calendar-clock case worked out by hand (limits A 4 h, B 24 h, C 48 h, * 72 h). */
const CALENDAR_LEADS: LeadFields[] = [
  { external_id: 'L1', grade: 'A', owner: 'Ana', lead_source: 'Webinar', handed_off_at: before(3) },
  // Waited exactly its limit: in the backlog, 4-24h bucket, not breached.
  { external_id: 'L2', grade: 'A', owner: 'Ana', lead_source: 'Webinar', handed_off_at: before(4) },
  { external_id: 'L3', grade: 'A', owner: 'Ben', lead_source: 'Web', handed_off_at: before(5) },
  // Recycled before T: out of the backlog. Recycled after T: still in it.
  { external_id: 'L4', grade: 'B', owner: 'Ben', handed_off_at: before(30), recycled_at: before(1) },
  { external_id: 'L5', grade: 'B', owner: 'Ben', handed_off_at: before(30), recycled_at: before(-1) },
  // No grade, and a grade with no entry: the * limit (72 h).
  { external_id: 'L6', grade: null, owner: 'Cy', handed_off_at: before(100) },
  { external_id: 'L7', grade: 'Z', owner: 'Cy', handed_off_at: before(200) },
  // Worked exactly at its limit: within.
  { external_id: 'L8', grade: 'A', owner: 'Ana', handed_off_at: before(10), first_touch_at: before(6) },
  { external_id: 'L9', grade: 'B', owner: 'Ben', handed_off_at: before(48), accepted_at: before(20) },
  { external_id: 'L10', grade: 'C', owner: 'Cy', handed_off_at: before(50), rejected_at: before(49), rejection_reason: 'no budget' },
  // Accepted and rejected both: worked at the earlier, counts in both rates, no reason given.
  { external_id: 'L11', grade: 'A', owner: 'Ana', handed_off_at: before(8), accepted_at: before(7), rejected_at: before(6) },
  // Touched after T: not worked by T.
  { external_id: 'L12', grade: 'A', owner: 'Ana', handed_off_at: before(2), first_touch_at: before(-1) },
  { external_id: 'L13', grade: 'A', owner: 'Ana', handed_off_at: before(-1) },
  // Outside the 30-day window, still in the backlog.
  { external_id: 'L14', grade: 'B', owner: 'Ben', handed_off_at: before(960) },
  // Grades match case-insensitively.
  { external_id: 'L15', grade: ' a ', owner: 'Ben', handed_off_at: before(6) },
  // Never handed off: nowhere.
  { external_id: 'L16', grade: 'A', owner: 'Ana', handed_off_at: null },
]

describe('handoff metrics, calendar clock', () => {
  it('computes the backlog, aging, breaches and the window rates as worked out by hand', () => {
    insertLeads(ws.db, CALENDAR_LEADS)
    const o = overview(ws.db, settings())
    expect(handoffMetrics(o)).toEqual({
      backlog: 9, // L1 L2 L3 L5 L6 L7 L12 L14 L15
      breached: 6, // L3 L5 L6 L7 L14 L15
      aging: { '<4h': 2, '4-24h': 3, '1-3d': 1, '3-7d': 1, '>7d': 2 },
      slaAttainment: 3 / 9, // within: L8 L10 L11; worked L8-L11 + past limit unworked L3 L5 L6 L7 L15
      medianHoursToFirstTouch: 2.5, // 1, 1, 4, 28
      acceptanceRate: 0.5, // L9 L11 of 4 worked
      rejectionRate: 0.5, // L10 L11
      rejectionReasons: { '(no reason)': 1, 'No budget': 1 },
      slaMeasurable: true,
      slaNeeds: [],
    })
    expect(o).toMatchObject({ handedOff: 13, workedByT: 4, withinLimit: 3, pastLimitUnworked: 5, accepted: 2, rejected: 2, recycled: 1 })
    expect(o.backlogBy.owner).toEqual([
      { key: 'Ben', backlog: 4, breached: 4 },
      { key: 'Cy', backlog: 2, breached: 2 },
      { key: 'Ana', backlog: 3, breached: 0 },
    ])
    expect(o.backlogBy.grade.find((g) => g.key === 'A')).toEqual({ key: 'A', backlog: 4, breached: 1, limitHours: 4 })
    expect(o.backlogBy.grade.find((g) => g.key === '')).toEqual({ key: '', backlog: 1, breached: 1, limitHours: 72 })
    expect(o.scope).toMatchObject({ asOf: new Date(T).toISOString(), clock: 'calendar', fromDate: '2025-07-17', toDate: '2025-08-15' })
  })

  it('moves leads in and out of the backlog as T moves', () => {
    insertLeads(ws.db, CALENDAR_LEADS)
    // Two hours later L12 has been touched, L13 has been handed off and L5 recycled.
    const later = overview(ws.db, settings(), '2025-08-15T14:00:00')
    expect(later.backlog).toBe(8) // -L12 -L5 +L13
    expect(later.aging?.['<4h']).toBe(1) // L13
  })

  it('counts a window given as dates, in the workspace time zone', () => {
    insertLeads(ws.db, CALENDAR_LEADS)
    // 2025-08-15 local is 04:00Z to 04:00Z next day: L1-L3, L8, L11, L12, L15 (and L13, after T).
    const day = overview(ws.db, settings(), '2025-08-15T12:00:00', '2025-08-15', '2025-08-15')
    expect(day.handedOff).toBe(7)
    expect(day.scope).toMatchObject({ fromDate: '2025-08-15', toDate: '2025-08-15' })
  })

  it('prorates the monthly MQL targets over the window, and says nothing without all of them', () => {
    insertLeads(ws.db, CALENDAR_LEADS)
    setMqlTarget(ws.db, '2025-08', 310, '2025-08-01T00:00:00.000Z')
    // 1–15 August (the last day ends at T, 12:00): 14.5 days of 31.
    expect(overview(ws.db, settings(), '2025-08-15T12:00:00', '2025-08-01', '2025-08-15').mqlTarget).toBe(145)
    // The default window reaches into July, which has no target.
    expect(overview(ws.db, settings()).mqlTarget).toBeNull()
  })

  it('gives null rates, not zeros, when nothing was worked', () => {
    const o = overview(ws.db, settings())
    expect(handoffMetrics(o)).toEqual({
      backlog: 0,
      breached: 0,
      aging: { '<4h': 0, '4-24h': 0, '1-3d': 0, '3-7d': 0, '>7d': 0 },
      slaAttainment: null,
      medianHoursToFirstTouch: null,
      acceptanceRate: null,
      rejectionRate: null,
      rejectionReasons: {},
      slaMeasurable: true,
      slaNeeds: [],
    })
    expect(o.dataRange).toBeNull()
  })

  it('keeps rejection reasons and recycled leads per month for the last 12 months', () => {
    insertLeads(ws.db, [
      { external_id: 'R1', handed_off_at: before(2000), rejected_at: '2025-06-10T15:00:00.000Z', rejection_reason: 'Not a fit' },
      { external_id: 'R2', handed_off_at: before(2000), rejected_at: '2025-08-01T03:00:00.000Z', rejection_reason: 'NOT A FIT' },
      { external_id: 'R3', handed_off_at: before(2000), rejected_at: '2025-08-10T15:00:00.000Z', rejection_reason: 'Wrong country' },
      { external_id: 'R4', handed_off_at: before(2000), recycled_at: '2025-08-02T15:00:00.000Z' },
      // After T: not yet.
      { external_id: 'R5', handed_off_at: before(2000), rejected_at: '2025-08-20T15:00:00.000Z', rejection_reason: 'Not a fit' },
    ])
    const t = handoffTrends(ws.db, settings(), T)
    expect(t).toHaveLength(12)
    expect(t[0]!.month).toBe('2024-09')
    expect(t[11]).toEqual({ month: '2025-08', rejected: { 'Wrong country': 1 }, recycled: 1 })
    // 2025-08-01 03:00Z is still 31 July in New York.
    expect(t[10]).toEqual({ month: '2025-07', rejected: { 'Not a fit': 1 }, recycled: 0 })
    expect(t[9]).toEqual({ month: '2025-06', rejected: { 'Not a fit': 1 }, recycled: 0 })
  })
})

describe('handoff metrics, business clock', () => {
  /** T = Monday 2025-03-10 10:00 New York, the day after clocks sprang forward. */
  const asOf = '2025-03-10T10:00:00'
  const at = (local: string): string => new Date(instantOf(local.slice(0, 10), local.slice(11), NY)).toISOString()
  const LEADS: LeadFields[] = [
    { external_id: 'B1', grade: 'A', handed_off_at: at('2025-03-07 15:00') }, // 2 + 1 = 3 h
    { external_id: 'B2', grade: 'A', handed_off_at: at('2025-03-07 14:00') }, // exactly 4 h: not breached
    { external_id: 'B3', grade: 'A', handed_off_at: at('2025-03-07 13:59') }, // 4 h 01: breached
    { external_id: 'B4', grade: 'A', handed_off_at: at('2025-03-08 11:00') }, // Saturday: 1 h
    { external_id: 'B5', grade: 'A', handed_off_at: at('2025-03-06 09:00') }, // 8 + 8 + 1 = 17 h
    { external_id: 'B6', grade: null, handed_off_at: at('2025-03-03 09:00') }, // 41 h, limit 72
    { external_id: 'B7', grade: null, handed_off_at: at('2025-02-21 12:00') }, // 5 + 40 + 40 + 1 = 86 h
    // Worked: Friday 16:30 to Monday 09:30 is 1 business hour (within A's 4); 64 real hours, as the
    // clocks sprang forward on Sunday.
    { external_id: 'W1', grade: 'A', handed_off_at: at('2025-03-07 16:30'), first_touch_at: at('2025-03-10 09:30') },
  ]

  it('buckets and breaches by business hours across the weekend and the DST change', () => {
    insertLeads(ws.db, LEADS)
    const m = handoffMetrics(overview(ws.db, settings({ clock: 'business' }), asOf))
    expect(m).toMatchObject({
      backlog: 7,
      breached: 3, // B3 B5 B7
      aging: { '<4h': 2, '4-24h': 3, '1-3d': 1, '3-7d': 1, '>7d': 0 },
      medianHoursToFirstTouch: 1,
      slaAttainment: 1 / 4, // W1 within; past limit unworked B3 B5 B7
    })
  })

  it('gives different numbers on the calendar clock for the same leads', () => {
    insertLeads(ws.db, LEADS)
    const m = handoffMetrics(overview(ws.db, settings({ clock: 'calendar' }), asOf))
    expect(m.medianHoursToFirstTouch).toBe(64)
    expect(m.breached).toBe(7) // every A lead is past 4 calendar hours, B6 and B7 past 72
    // B6 has waited exactly 168 real hours (a week less the lost hour, plus one): the first hour of >7d.
    expect(m.aging?.['>7d']).toBe(2)
  })

  it('skips the holidays of the settings', () => {
    insertLeads(ws.db, LEADS)
    // With Thursday 6 and Friday 7 March off, every A lead has waited 1 business hour (Monday 09–10),
    // B6 3 × 8 + 1 = 25 h and B7 5 + 40 + 24 + 1 = 70 h: nobody is past a limit.
    const m = handoffMetrics(overview(ws.db, settings({ clock: 'business', holidays: ['2025-03-06', '2025-03-07'] }), asOf))
    expect(m.breached).toBe(0)
    expect(m.aging).toEqual({ '<4h': 5, '4-24h': 0, '1-3d': 2, '3-7d': 0, '>7d': 0 })
  })
})

describe('as-of and window options', () => {
  it('reads an as-of time in the workspace zone, with an offset, or as the end of a day', () => {
    expect(parseAsOf('2025-08-15T12:00:00', NY)).toBe(Date.parse('2025-08-15T16:00:00Z'))
    expect(parseAsOf('2025-08-15 12:00', NY)).toBe(Date.parse('2025-08-15T16:00:00Z'))
    expect(parseAsOf('2025-08-15T12:00:00Z', NY)).toBe(Date.parse('2025-08-15T12:00:00Z'))
    expect(parseAsOf('2025-08-15', NY)).toBe(Date.parse('2025-08-16T04:00:00Z') - 1)
  })

  it('refuses bad options with one line', () => {
    const s = settings()
    const refuse = (q: { asOf: string | null; from: string | null; to: string | null }) => {
      try {
        handoffScope(s, q, new Date())
      } catch (e) {
        expect(e).toBeInstanceOf(AppError)
        return (e as AppError).message
      }
      throw new Error('not refused')
    }
    expect(refuse({ asOf: 'next tuesday', from: null, to: null })).toBe(
      'as-of "next tuesday" is not a date and time (write 2025-08-15T12:00:00 or 2025-08-15)',
    )
    expect(refuse({ asOf: null, from: '2025-08-01', to: null })).toBe('give both --from and --to, or neither')
    expect(refuse({ asOf: null, from: '2025-08-10', to: '2025-08-01' })).toBe('from 2025-08-10 is after to 2025-08-01')
    expect(refuse({ asOf: null, from: '2025-02-30', to: '2025-03-01' })).toBe('from "2025-02-30" is not a date (write YYYY-MM-DD)')
  })
})

describe('when a lead was worked (issue #14, 3)', () => {
  it("is the earliest of first touch, accepted, rejected, qualified and its opportunity's created date", () => {
    insertLeads(ws.db, [
      // Qualified 2 h after its hand-off, nothing else: worked, within A's 4 h.
      { external_id: 'Q', grade: 'A', handed_off_at: before(10), qualified_at: before(8) },
      // Its opportunity was created on 14 August (a calendar day in New York): worked then, 24 h after hand-off (B: within).
      { external_id: 'O', grade: 'B', handed_off_at: before(60), opportunity_id: 'OPP-1' },
      // An opportunity names this lead; created after T: not worked by T, breached (C: 48 h).
      { external_id: 'N', grade: 'C', handed_off_at: before(80) },
    ])
    insertOpportunities(ws.db, [
      { external_id: 'OPP-1', stage: 'Prospecting', created_at: '2025-08-14' },
      { external_id: 'OPP-2', stage: 'Prospecting', created_at: '2025-08-16', lead_id: 'N' },
    ])
    const o = overview(ws.db, settings())
    expect(handoffMetrics(o)).toMatchObject({ backlog: 1, breached: 1, slaAttainment: 2 / 3, slaMeasurable: true })
    expect(o.workedByT).toBe(2)
    // 14 August 00:00 in New York is 04:00 UTC; the hand-off was 60 h before 15 August 16:00 UTC, 13 August 04:00 UTC.
    expect(o.medianHoursToFirstTouch).toBe((2 + 24) / 2)
    const table = leadTable(ws.db, settings(), leadQuery('2025-08-15T12:00:00'), new Date(0))
    expect(Object.fromEntries(table.rows.map((r) => [r.externalId, r.status]))).toEqual({ Q: 'worked', O: 'worked', N: 'breached' })
  })

  it('says the SLA cannot be measured, with the columns it needs, when no lead carries a worked date', () => {
    insertLeads(ws.db, [
      { external_id: 'A1', grade: 'A', handed_off_at: before(100) },
      { external_id: 'A2', grade: 'A', handed_off_at: before(200) },
    ])
    const o = overview(ws.db, settings())
    expect(handoffMetrics(o)).toEqual({
      backlog: null,
      breached: null,
      aging: null,
      slaAttainment: null,
      medianHoursToFirstTouch: null,
      acceptanceRate: null,
      rejectionRate: null,
      rejectionReasons: {},
      slaMeasurable: false,
      slaNeeds: ['first_touch_at', 'accepted_at', 'rejected_at', 'qualified_at', 'opportunity created_at'],
    })
    expect(o.waitingUnmeasured).toBe(2)
    // The lead table and timeline say the same: not "Breached · waited 100 h".
    const rows = leadTable(ws.db, settings(), leadQuery('2025-08-15T12:00:00'), new Date(0)).rows
    expect(rows.map((r) => [r.status, r.elapsedHours])).toEqual([
      ['unmeasured', null],
      ['unmeasured', null],
    ])
    // One lead touched (even after T) is evidence the export carries the dates: the numbers are measured.
    insertLeads(ws.db, [{ external_id: 'A3', grade: 'A', handed_off_at: before(50), first_touch_at: before(-5) }])
    expect(handoffMetrics(overview(ws.db, settings()))).toMatchObject({ backlog: 3, breached: 3, slaAttainment: 0, slaMeasurable: true })
  })
})

describe('the default window (issue #14, 5)', () => {
  it("is the 30 calendar days ending on T's day, labelled with exactly those days, and counts as the explicit window of its label", () => {
    // T is late on July 30; the label's first day is July 1. A lead early on July 1 is in the window, one
    // late on June 30 is not.
    const asOf = '2025-07-30T23:59:00'
    insertLeads(ws.db, [
      { external_id: 'first-day', handed_off_at: new Date(instantOf('2025-07-01', '00:30', NY)).toISOString() },
      { external_id: 'day-before', handed_off_at: new Date(instantOf('2025-06-30', '23:30', NY)).toISOString() },
      { external_id: 'last-day', handed_off_at: new Date(instantOf('2025-07-30', '09:00', NY)).toISOString() },
    ])
    const s = settings()
    const byDefault = overview(ws.db, s, asOf)
    expect([byDefault.scope.fromDate, byDefault.scope.toDate]).toEqual(['2025-07-01', '2025-07-30'])
    expect(byDefault.handedOff).toBe(2)
    const explicit = overview(ws.db, s, asOf, byDefault.scope.fromDate, byDefault.scope.toDate)
    expect(handoffMetrics(explicit)).toEqual(handoffMetrics(byDefault))
    expect(explicit.handedOff).toBe(byDefault.handedOff)
  })
})

describe('settings changes', () => {
  it('uses the current grade limits for every lead', () => {
    insertLeads(ws.db, [
      { external_id: 'X', grade: 'A', handed_off_at: before(6) },
      { external_id: 'W', grade: 'A', handed_off_at: before(6), first_touch_at: before(5) },
    ])
    expect(overview(ws.db, settings()).breached).toBe(1)
    saveSettings(ws.db, { ...defaultSettings(), sla: { ...defaultSettings().sla, firstTouchHours: { A: 8, '*': 72 } } })
    expect(overview(ws.db, settings({ firstTouchHours: { A: 8, '*': 72 } })).breached).toBe(0)
  })
})
