import { describe, expect, it } from 'vitest'
import { checkSettings, defaultSettings, summarizeProblems, type Settings } from '../../../src/shared/settings'

function problemsOf(mutate: (s: Record<string, unknown> & Settings) => void): { path: string; message: string }[] {
  const doc = structuredClone(defaultSettings()) as Record<string, unknown> & Settings
  mutate(doc)
  const res = checkSettings(doc)
  return res.ok ? [] : res.problems
}

describe('settings schema', () => {
  it('accepts the defaults and the example of PRODUCT.md', () => {
    expect(checkSettings(defaultSettings()).ok).toBe(true)
    const example = {
      currency: 'USD',
      timezone: 'America/New_York',
      fiscalYearStartMonth: 1,
      fxRates: { EUR: 1.08, GBP: 1.27 },
      stages: [
        { match: 'Closed Won', category: 'won' },
        { match: 'Closed Lost', category: 'lost' },
        { match: 'Negotiation', category: 'open', probability: 0.6 },
      ],
      sources: [
        { match: 'Webinar', sourcedBy: 'marketing' },
        { match: 'Partner Referral', sourcedBy: 'partner' },
        { match: 'Outbound', sourcedBy: 'sales' },
      ],
      sla: {
        clock: 'calendar',
        businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
        holidays: ['2025-12-25'],
        firstTouchHours: { A: 4, B: 24, C: 48, '*': 72 },
      },
      rejectionReasons: ['Not a fit', 'No budget', 'Duplicate', 'Bad contact data', 'Student / job seeker'],
    }
    expect(checkSettings(example)).toEqual({ ok: true, settings: example })
  })

  it.each([
    ['currency', (s: Settings) => (s.currency = 'usd'), 'currency', /three-letter currency code/],
    ['time zone', (s: Settings) => (s.timezone = 'Mars/Olympus'), 'timezone', /not a known time zone/],
    ['fiscal month', (s: Settings) => (s.fiscalYearStartMonth = 13), 'fiscalYearStartMonth', /1 to 12/],
    ['negative rate', (s: Settings) => (s.fxRates = { EUR: -1 }), 'fxRates.EUR', /more than 0/],
    ['rate key', (s: Settings) => (s.fxRates = { euro: 1 }), 'fxRates.euro', /three-letter/],
    [
      'probability',
      (s: Settings) => (s.stages = [{ match: 'X', category: 'open', probability: 1.5 }]),
      'stages.1.probability',
      /between 0 and 1/,
    ],
    ['category', (s: Settings) => (s.stages = [{ match: 'X', category: 'maybe' as 'won' }]), 'stages.1.category', /won, lost or open/],
    ['empty match', (s: Settings) => (s.sources = [{ match: '  ', sourcedBy: 'sales' }]), 'sources.1.match', /must not be empty/],
    ['hours', (s: Settings) => (s.sla.firstTouchHours = { '*': 0 }), 'sla.firstTouchHours.*', /more than 0 hours/],
    ['missing *', (s: Settings) => (s.sla.firstTouchHours = { A: 4 }), 'sla.firstTouchHours', /needs a "\*" entry/],
    [
      'end before start',
      (s: Settings) => (s.sla.businessHours = { days: [1], start: '17:00', end: '09:00' }),
      'sla.businessHours.end',
      /end after it starts/,
    ],
    ['time format', (s: Settings) => (s.sla.businessHours.start = '9am'), 'sla.businessHours.start', /24-hour time/],
    ['weekday', (s: Settings) => (s.sla.businessHours.days = [0]), 'sla.businessHours.days.1', /1 \(Monday\) to 7/],
    ['holiday', (s: Settings) => (s.sla.holidays = ['2025-02-30']), 'sla.holidays.1', /YYYY-MM-DD/],
    ['clock', (s: Settings) => (s.sla.clock = 'lunar' as 'calendar'), 'sla.clock', /calendar or business/],
  ])('says what is wrong: %s', (_name, mutate, path, message) => {
    const problems = problemsOf(mutate)
    expect(problems).toHaveLength(1)
    expect(problems[0]!.path).toBe(path)
    expect(problems[0]!.message).toMatch(message)
  })

  it('finds the same stage or reason twice, whatever its case', () => {
    const problems = problemsOf((s) => {
      s.stages = [
        { match: 'Closed Won', category: 'won' },
        { match: 'closed won ', category: 'lost' },
      ]
      s.rejectionReasons = ['Duplicate', 'DUPLICATE']
    })
    expect(problems).toEqual([
      { path: 'stages.2', message: '"closed won" is already mapped in row 1' },
      { path: 'rejectionReasons.2', message: '"DUPLICATE" is already listed in row 1' },
    ])
  })

  it('names unknown settings instead of ignoring them', () => {
    const problems = problemsOf((s) => {
      s['currencyy'] = 'EUR'
    })
    expect(problems).toEqual([{ path: '(document)', message: 'unknown setting "currencyy"' }])
  })

  it('summarises many problems on one line', () => {
    const line = summarizeProblems([
      { path: 'a', message: 'x' },
      { path: 'b', message: 'y' },
      { path: 'c', message: 'z' },
      { path: 'd', message: 'w' },
    ])
    expect(line).toBe('a: x; b: y; c: z (and 1 more)')
    expect(line).not.toContain('\n')
  })
})

describe('default source mappings', () => {
  const mapped = (raw: string): string | undefined =>
    defaultSettings().sources.find((s) => s.match.trim().toLowerCase() === raw.trim().toLowerCase())?.sourcedBy

  it('map the values of real exports: Referral (Sales Pipeline.xlsx), the snake-case channels of HubSpot and Olist, Pipedrive origins', () => {
    expect(mapped('Referral')).toBe('marketing')
    for (const raw of [
      'paid_search',
      'organic_search',
      'display',
      'email',
      'social',
      'referral',
      'direct_traffic',
      'ORGANIC_SEARCH',
      'PAID_SOCIAL',
    ]) {
      expect(mapped(raw), raw).toBe('marketing')
    }
    expect(mapped('Web Forms')).toBe('marketing')
    expect(mapped('Prospector')).toBe('sales')
    expect(mapped('Partner Referral')).toBe('partner')
  })
})
