import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { calendarClock, slaClock } from '../../../../src/shared/time/business-clock'
import { instantOf } from '../../../../src/shared/time/zones'
import { defaultSettings, type Settings } from '../../../../src/shared/settings'

const NY = 'America/New_York'
const H = 3_600_000

/** A wall-clock time in New York as an instant: `ny('2025-03-07 16:00')`. */
const ny = (local: string, zone = NY): number => instantOf(local.slice(0, 10), local.slice(11, 16), zone)

function sla(over: Partial<Settings['sla']> = {}): Settings['sla'] {
  return { ...defaultSettings().sla, clock: 'business', ...over }
}

const hours = (ms: number): number => ms / H

describe('calendar clock', () => {
  it('counts plain elapsed hours, also across a daylight-saving change', () => {
    // Spring forward on 2025-03-09: noon to noon is 23 real hours.
    expect(hours(calendarClock.elapsed(ny('2025-03-08 12:00'), ny('2025-03-09 12:00')))).toBe(23)
    expect(calendarClock.elapsed(ny('2025-03-09 12:00'), ny('2025-03-08 12:00'))).toBe(0)
    expect(calendarClock.atLeast(1_000 * H, 4 * H)).toBe(996 * H)
    expect(calendarClock.moreThan(1_000 * H, 4 * H)).toBe(996 * H)
  })
})

describe('business clock (Mon–Fri 09:00–17:00, New York)', () => {
  const clock = slaClock(sla({ holidays: ['2025-12-25'] }), NY, ny('2024-01-01 00:00'))
  const elapsed = (a: string, b: string): number => hours(clock.elapsed(ny(a), ny(b)))

  it('counts working hours inside one day', () => {
    expect(elapsed('2025-03-03 10:00', '2025-03-03 15:30')).toBe(5.5)
    expect(elapsed('2025-03-03 07:00', '2025-03-03 19:00')).toBe(8)
  })

  it('skips nights and weekends, across the spring-forward weekend', () => {
    // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday; 65 calendar hours.
    expect(elapsed('2025-03-07 16:00', '2025-03-10 10:00')).toBe(2)
    expect(hours(calendarClock.elapsed(ny('2025-03-07 16:00'), ny('2025-03-10 10:00')))).toBe(65)
    expect(elapsed('2025-03-04 20:00', '2025-03-05 09:30')).toBe(0.5)
    expect(elapsed('2025-03-08 11:00', '2025-03-10 09:00')).toBe(0)
  })

  it('skips holidays', () => {
    // Wednesday 24 December 16:00 to Friday 26 December 10:00, Christmas off: 1 + 1 hours.
    expect(elapsed('2025-12-24 16:00', '2025-12-26 10:00')).toBe(2)
  })

  it('gives 0 when the end is not after the start', () => {
    expect(elapsed('2025-03-05 12:00', '2025-03-05 11:00')).toBe(0)
  })

  it('finds the hand-off instants of the bucket and breach boundaries', () => {
    const T = ny('2025-03-10 10:00')
    // Waited at least 4 business hours at Monday 10:00 (1 on Monday, 3 on Friday): at or before Friday 14:00.
    expect(clock.atLeast(T, 4 * H)).toBe(ny('2025-03-07 14:00'))
    // At least 1 hour: anything up to Monday 09:00 (the weekend adds nothing).
    expect(clock.atLeast(T, 1 * H)).toBe(ny('2025-03-10 09:00'))
    // More than 1 hour: only before Friday 17:00 (a lead handed off on Saturday has waited exactly 1 hour).
    expect(clock.moreThan(T, 1 * H)).toBe(ny('2025-03-07 17:00'))
    expect(clock.moreThan(T, 4 * H)).toBe(ny('2025-03-07 14:00'))
  })

  it('never walks back past the floor', () => {
    const floored = slaClock(sla(), NY, ny('2025-03-03 09:00'))
    expect(floored.atLeast(ny('2025-03-10 10:00'), 1000 * H)).toBe(Number.NEGATIVE_INFINITY)
    expect(floored.moreThan(ny('2025-03-10 10:00'), 1000 * H)).toBe(Number.NEGATIVE_INFINITY)
  })
})

describe('business clock on daylight-saving-change days', () => {
  const everyDay = slaClock(
    sla({ businessHours: { days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '17:00' } }),
    NY,
    ny('2024-01-01 00:00'),
  )

  it('counts a 09:00–17:00 working day as 8 hours when clocks spring forward or fall back that night', () => {
    expect(hours(everyDay.elapsed(ny('2025-03-09 08:00'), ny('2025-03-09 18:00')))).toBe(8)
    expect(hours(everyDay.elapsed(ny('2025-11-02 08:00'), ny('2025-11-02 18:00')))).toBe(8)
    // Saturday noon to Monday noon: 5 + 8 + 3.
    expect(hours(everyDay.elapsed(ny('2025-03-08 12:00'), ny('2025-03-10 12:00')))).toBe(16)
  })

  it('works in other zones too (Berlin springs forward on 2025-03-30)', () => {
    const berlin = slaClock(sla({ businessHours: { days: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '18:00' } }), 'Europe/Berlin', 0)
    const b = (s: string): number => ny(s, 'Europe/Berlin')
    expect(hours(berlin.elapsed(b('2025-03-29 17:00'), b('2025-03-31 09:00')))).toBe(1 + 10 + 1)
  })
})

describe('business clock boundaries agree with elapsed time', () => {
  const clock = slaClock(sla({ holidays: ['2025-03-05', '2025-03-17'] }), NY, Date.UTC(2025, 0, 1))
  // Minute-aligned instants and half-hour limits make exact equalities (waited exactly the limit) common.
  const minute = fc.integer({ min: 0, max: 60 * 24 * 40 }).map((m) => Date.UTC(2025, 1, 20) + m * 60_000)
  const limit = fc.integer({ min: 1, max: 2 * 168 }).map((halfHours) => halfHours * 30 * 60_000)

  it('waited at least N exactly when handed off at or before atLeast(T, N)', () => {
    fc.assert(
      fc.property(minute, minute, limit, (a, b, ms) => {
        const [h, t] = a <= b ? [a, b] : [b, a]
        expect(clock.elapsed(h, t) >= ms).toBe(h <= clock.atLeast(t, ms))
      }),
      { numRuns: 3000 },
    )
  })

  it('waited more than N exactly when handed off before moreThan(T, N)', () => {
    fc.assert(
      fc.property(minute, minute, limit, (a, b, ms) => {
        const [h, t] = a <= b ? [a, b] : [b, a]
        expect(clock.elapsed(h, t) > ms).toBe(h < clock.moreThan(t, ms))
      }),
      { numRuns: 3000 },
    )
  })
})
