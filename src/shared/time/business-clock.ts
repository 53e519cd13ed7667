import type { Settings } from '@shared/settings'
import { MS_PER_DAY, dateOfDay, dayNumber, isoWeekday } from './calendar'
import { instantOf, localDateOf } from './zones'

/**
 * The SLA clock: how long a lead has waited, in calendar hours or in business hours (settings `sla`).
 *
 * Elapsed time is monotonic in the hand-off time: at a fixed T, a lead handed off earlier has waited at
 * least as long. So "waited at least N hours at T" is the same as "handed off at or before some instant",
 * and the backlog can be bucketed with range conditions on the indexed `handed_off_at` instead of
 * computing every lead's elapsed time (`atLeast` and `moreThan` give those instants).
 *
 * Business time counts the real time that falls inside working windows: on each working day (an ISO
 * weekday in `businessHours.days` that is not in `holidays`, both read in the workspace zone) from
 * `start` to `end` wall-clock time. Each window is the real time between those two wall-clock instants,
 * so a 09:00–17:00 day is 8 hours on a daylight-saving-change day too (the change happens at night).
 */
export interface SlaClock {
  readonly kind: 'calendar' | 'business'
  /** SLA milliseconds from `from` to `to`; 0 when `to` is not after `from`. */
  elapsed(from: number, to: number): number
  /** The latest instant h with elapsed(h, t) >= ms: handed off at or before it means waited at least ms. */
  atLeast(t: number, ms: number): number
  /** The instant x such that elapsed(h, t) > ms exactly when h < x. */
  moreThan(t: number, ms: number): number
}

export const calendarClock: SlaClock = {
  kind: 'calendar',
  elapsed: (from, to) => Math.max(0, to - from),
  atLeast: (t, ms) => t - ms,
  moreThan: (t, ms) => t - ms,
}

/**
 * The clock the settings ask for. `floor` is the earliest instant that matters (the first hand-off in
 * the workspace): the business clock never walks back further, so odd settings (one short working day a
 * week) cannot make it walk for ever. Instants before the floor come back as -Infinity.
 */
export function slaClock(sla: Settings['sla'], timeZone: string, floor: number): SlaClock {
  return sla.clock === 'calendar' ? calendarClock : new BusinessClock(sla, timeZone, floor)
}

/** Days computed at once when the clock needs more: a bit more than a month either way. */
const MARGIN_DAYS = 40

class BusinessClock implements SlaClock {
  readonly kind = 'business'
  private readonly days: ReadonlySet<number>
  private readonly holidays: ReadonlySet<string>
  private readonly floorDay: number
  /** Civil day number of index 0 of the arrays below. */
  private first = 0
  /** Local midnight of day first+i (one more entry than days, so each day has its end). */
  private midnight: number[] = []
  /** Working window of day first+i, NaN on days off. */
  private start: number[] = []
  private end: number[] = []
  /** Business ms before day first+i, counted from day `first` (one more entry than days). */
  private cum: number[] = [0]

  constructor(
    private readonly sla: Settings['sla'],
    private readonly timeZone: string,
    floor: number,
  ) {
    this.days = new Set(sla.businessHours.days)
    this.holidays = new Set(sla.holidays)
    this.floorDay = Number.isFinite(floor) ? dayNumber(localDateOf(floor, timeZone)) - 1 : Number.NEGATIVE_INFINITY
  }

  /** Makes the arrays cover days lo..hi (civil day numbers), computing only the days not known yet. */
  private cover(lo: number, hi: number): void {
    const n = this.start.length
    if (n > 0 && lo >= this.first && hi < this.first + n) return
    const from = n === 0 ? lo - MARGIN_DAYS : Math.min(lo - MARGIN_DAYS, this.first)
    const to = n === 0 ? hi + MARGIN_DAYS : Math.max(hi + MARGIN_DAYS, this.first + n - 1)
    const midnight: number[] = []
    const start: number[] = []
    const end: number[] = []
    for (let d = from; d <= to + 1; d++) {
      const known = n > 0 && d >= this.first && d < this.first + n
      const i = d - this.first
      const date = known ? '' : dateOfDay(d)
      midnight.push(known ? (this.midnight[i] as number) : instantOf(date, null, this.timeZone))
      if (d > to) break
      if (known) {
        start.push(this.start[i] as number)
        end.push(this.end[i] as number)
      } else if (this.days.has(isoWeekday(d)) && !this.holidays.has(date)) {
        start.push(instantOf(date, this.sla.businessHours.start, this.timeZone))
        end.push(instantOf(date, this.sla.businessHours.end, this.timeZone))
      } else {
        start.push(Number.NaN)
        end.push(Number.NaN)
      }
    }
    const cum = [0]
    for (let i = 0; i < start.length; i++) {
      const s = start[i] as number
      cum.push((cum[i] as number) + (Number.isNaN(s) ? 0 : (end[i] as number) - s))
    }
    this.first = from
    this.midnight = midnight
    this.start = start
    this.end = end
    this.cum = cum
  }

  /** Index (into the arrays) of the local day that contains instant t. */
  private indexOf(t: number): number {
    // The local date is the UTC date or one of its neighbours (offsets are within ±18 h).
    const utcDay = Math.floor(t / MS_PER_DAY)
    this.cover(utcDay - 1, utcDay + 1)
    let i = utcDay - this.first
    while (i > 0 && (this.midnight[i] as number) > t) i--
    while ((this.midnight[i + 1] as number) <= t) i++
    return i
  }

  /** Business ms from the start of day `first` to t (so only differences mean anything). */
  private at(t: number): number {
    const i = this.indexOf(t)
    const s = this.start[i] as number
    const base = this.cum[i] as number
    if (Number.isNaN(s)) return base
    return base + Math.min(Math.max(t - s, 0), (this.end[i] as number) - s)
  }

  elapsed(from: number, to: number): number {
    if (!(to > from)) return 0
    // Both ends first, so that covering the second cannot shift the first's reference day.
    this.indexOf(from)
    this.indexOf(to)
    return this.at(to) - this.at(from)
  }

  /**
   * Makes the arrays reach back until business time before `x` (relative to the instant `t`) is
   * covered, or the floor is reached. Returns x re-expressed after any extension, or null at the floor.
   */
  private reachBack(t: number, ms: number, enough: (cum0: number, x: number) => boolean): number | null {
    for (;;) {
      const x = this.at(t) - ms
      if (enough(this.cum[0] as number, x)) return x
      if (this.first <= this.floorDay) return null
      const span = this.start.length
      this.cover(this.first - span, this.first)
    }
  }

  atLeast(t: number, ms: number): number {
    const x = this.reachBack(t, ms, (cum0, target) => cum0 <= target)
    if (x === null) return Number.NEGATIVE_INFINITY
    // The last day whose business time starts at or before x; it is a working day that contains x.
    let lo = 0
    let hi = this.start.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.cum[mid] as number) <= x) lo = mid
      else hi = mid - 1
    }
    return (this.start[lo] as number) + (x - (this.cum[lo] as number))
  }

  moreThan(t: number, ms: number): number {
    const x = this.reachBack(t, ms, (cum0, target) => cum0 < target)
    if (x === null) return Number.NEGATIVE_INFINITY
    // The first day whose business time ends at or after x; it is a working day that contains x.
    let lo = 0
    let hi = this.start.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.cum[mid + 1] as number) >= x) hi = mid
      else lo = mid + 1
    }
    return (this.start[lo] as number) + (x - (this.cum[lo] as number))
  }
}
