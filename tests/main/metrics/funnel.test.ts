import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { funnelReport } from '../../../src/main/metrics/funnel'
import { defaultSettings } from '../../../src/shared/settings'
import { insertLeads, insertOpportunities } from '../../helpers/leads'
import { testWorkspace, type TestWorkspace } from '../../helpers/import'

let ws: TestWorkspace
beforeEach(async () => {
  ws = await testWorkspace()
})
afterEach(() => ws.db.close())

const s = defaultSettings()

function seed(): void {
  insertLeads(ws.db, [
    // Webinar, July: the full path, with every date.
    {
      external_id: 'F1',
      lead_source: 'Webinar',
      handed_off_at: '2025-07-01T14:00:00.000Z',
      accepted_at: '2025-07-02T14:00:00.000Z',
      qualified_at: '2025-07-05T14:00:00.000Z',
      opportunity_id: 'O1',
    },
    // Webinar, July: accepted only.
    { external_id: 'F2', lead_source: 'Webinar', handed_off_at: '2025-07-10T14:00:00.000Z', accepted_at: '2025-07-14T14:00:00.000Z' },
    // Web, handed off on 31 July at 23:30 in New York (1 August UTC): a July lead. Straight to a lost opportunity.
    { external_id: 'F3', lead_source: 'Web', handed_off_at: '2025-08-01T03:30:00.000Z' },
    // Web, August: rejected, never further.
    { external_id: 'F4', lead_source: 'Web', handed_off_at: '2025-08-05T14:00:00.000Z', rejected_at: '2025-08-06T14:00:00.000Z' },
    // No source, August: an opportunity names it as its lead, won.
    { external_id: 'F5', handed_off_at: '2025-08-20T14:00:00.000Z' },
    // Not handed off: not in the funnel.
    { external_id: 'F6', lead_source: 'Web', accepted_at: '2025-08-20T14:00:00.000Z' },
  ])
  insertOpportunities(ws.db, [
    { external_id: 'O1', stage: 'Closed Won', created_at: '2025-07-11', close_date: '2025-07-31' },
    { external_id: 'O3', stage: 'Closed Lost', created_at: '2025-08-10', close_date: '2025-08-30', lead_id: 'F3' },
    { external_id: 'O5', stage: 'closed won', close_date: '2025-09-19', lead_id: 'F5' },
  ])
}

const counts = (steps: { count: number }[]): number[] => steps.map((x) => x.count)

describe('funnel', () => {
  it('counts each step as reached at that step or later, with conversions', () => {
    seed()
    const f = funnelReport(ws.db, s, { from: null, to: null, asOf: null })
    expect(f.from).toBe('2025-07-01')
    expect(f.to).toBe('2025-08-20')
    // handed off 5; accepted F1 F2 (+F3, F5 through their opportunities); qualified F1 F3 F5; opportunity F1 F3 F5; won F1 F5
    expect(counts(f.steps)).toEqual([5, 4, 3, 3, 2])
    expect(f.steps.map((x) => x.conversion)).toEqual([null, 4 / 5, 3 / 4, 1, 2 / 3])
  })

  it('gives median days between steps from each step’s own dates', () => {
    seed()
    const f = funnelReport(ws.db, s, { from: null, to: null, asOf: null })
    const by = Object.fromEntries(f.steps.map((x) => [x.step, x]))
    expect(by['accepted']).toMatchObject({ medianDaysFromPrevious: 2.5, medianDaysFromHandoff: 2.5 }) // 1 and 4 days
    expect(by['qualified']).toMatchObject({ medianDaysFromPrevious: 3, medianDaysFromHandoff: 4 })
    // Opportunity dates are calendar days of the workspace zone (issue #14, 7): 11 July at midnight in
    // New York (04:00 UTC) - 5 July 14:00 UTC = 5.6 days (5.4 when the date was read as UTC midnight).
    expect(by['opportunity']!.medianDaysFromPrevious).toBe(5.6)
    // Won: F1 close 31 July - created 11 July = 20 days; F5's opportunity has no created date.
    expect(by['won']!.medianDaysFromPrevious).toBe(20)
    // From hand-off: F1 29.6 days, F5 29.6 days (20 Aug 14:00 UTC to 19 Sep, midnight in New York).
    expect(by['won']!.medianDaysFromHandoff).toBe(29.6)
    expect(by['handedOff']).toMatchObject({ conversion: null, medianDaysFromPrevious: null, medianDaysFromHandoff: null })
  })

  it('splits by source and by cohort month of the workspace zone', () => {
    seed()
    const f = funnelReport(ws.db, s, { from: null, to: null, asOf: null })
    expect(f.bySource.map((g) => [g.source, counts(g.steps)])).toEqual([
      ['Web', [2, 1, 1, 1, 0]],
      ['Webinar', [2, 2, 1, 1, 1]],
      ['', [1, 1, 1, 1, 1]],
    ])
    expect(f.byCohort.map((g) => [g.month, counts(g.steps)])).toEqual([
      ['2025-07', [3, 3, 2, 2, 1]],
      ['2025-08', [2, 1, 1, 1, 1]],
    ])
  })

  it('limits the cohorts to a window and lists months without leads', () => {
    seed()
    const f = funnelReport(ws.db, s, { from: '2025-06-01', to: '2025-07-31', asOf: null })
    expect(counts(f.steps)).toEqual([3, 3, 2, 2, 1])
    expect(f.byCohort.map((g) => [g.month, g.steps[0]!.count, g.steps[1]!.conversion])).toEqual([
      ['2025-06', 0, null],
      ['2025-07', 3, 1],
    ])
  })

  it('counts each step only as it stood at the as-of time (issue #14, 4)', () => {
    seed()
    // 25 July, end of day: F3 (31 July), F4, F5 not handed off yet; F1's deal closed on 31 July, so not won yet.
    const july25 = funnelReport(ws.db, s, { from: null, to: null, asOf: '2025-07-25' })
    expect([july25.from, july25.to]).toEqual(['2025-07-01', '2025-07-25'])
    expect(counts(july25.steps)).toEqual([2, 2, 1, 1, 0])
    // 3 July: F1 accepted (2 July), not yet qualified (5 July); F2 not handed off until 10 July.
    expect(counts(funnelReport(ws.db, s, { from: '2025-07-01', to: '2025-07-31', asOf: '2025-07-03' }).steps)).toEqual([1, 1, 0, 0, 0])
    // 19 September, the day F5's deal closed (a calendar day of the workspace zone): won by the end of that day, not on the 18th.
    expect(counts(funnelReport(ws.db, s, { from: null, to: null, asOf: '2025-09-19' }).steps)).toEqual([5, 4, 3, 3, 2])
    // O5 has no created date: it is known to exist from its close date, so on the 18th F5 has no opportunity yet.
    expect(counts(funnelReport(ws.db, s, { from: null, to: null, asOf: '2025-09-18' }).steps)).toEqual([5, 3, 2, 2, 1])
    expect(funnelReport(ws.db, s, { from: null, to: null, asOf: '2025-09-18T23:00:00' }).steps[4]!.count).toBe(1)
  })

  it('is empty, not broken, without leads', () => {
    const f = funnelReport(ws.db, s, { from: null, to: null, asOf: null })
    expect(f).toMatchObject({ from: null, to: null, bySource: [], byCohort: [] })
    expect(counts(f.steps)).toEqual([0, 0, 0, 0, 0])
    expect(counts(funnelReport(ws.db, s, { from: '2025-01-01', to: '2025-01-31', asOf: null }).steps)).toEqual([0, 0, 0, 0, 0])
  })
})
