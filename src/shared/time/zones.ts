import { MS_PER_DAY, dayNumber, formatDate, pad2 } from './calendar'

/**
 * Wall-clock times in IANA time zones: the instant a zone's clocks show a given date and time, and the
 * local date of an instant. Every conversion between a workspace-zone reading and an instant goes through
 * here, so a time read from a file and a time typed for `--as-of` mean the same instant, across
 * daylight-saving changes too.
 */

/** One time zone's formatter and its offsets by UTC day (see `offsetAt`). */
interface Zone {
  format: Intl.DateTimeFormat
  offsetByDay: Map<number, number>
}

/** Bounds the caches: files name few zones, and a few thousand distinct days. */
const MAX_ZONES = 64
const MAX_DAYS_PER_ZONE = 100_000
const zones = new Map<string, Zone | null>()

function zoneOf(timeZone: string): Zone | null {
  const cached = zones.get(timeZone)
  if (cached !== undefined) return cached
  let zone: Zone | null
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    zone = { format, offsetByDay: new Map() }
  } catch {
    // An unknown zone name is a RangeError; remember it so a million rows do not retry it.
    zone = null
  }
  if (zones.size >= MAX_ZONES) zones.clear()
  zones.set(timeZone, zone)
  return zone
}

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** What the zone's clocks show at an instant (to the second). */
function wallClockIn(zone: Zone, instant: number): WallClock {
  const w: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const part of zone.format.formatToParts(instant)) {
    if (part.type in w) w[part.type as keyof WallClock] = Number(part.value)
  }
  // Some engines still write midnight as 24 despite h23.
  w.hour %= 24
  return w
}

/** The zone's offset (ms east of UTC) at an instant, computed by formatting the instant in the zone. */
function exactOffset(zone: Zone, instant: number): number {
  const w = wallClockIn(zone, instant)
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return wall - (instant - (((instant % 1000) + 1000) % 1000))
}

/**
 * The zone's offset at an instant. Formatting costs microseconds, so offsets are cached by UTC day: a day
 * whose first and last second share an offset is taken to have no change inside it (no zone changes its
 * offset twice within a day and back); a day with a change is computed exactly on every call.
 */
function offsetAt(zone: Zone, instant: number): number {
  const day = Math.floor(instant / MS_PER_DAY)
  let offset = zone.offsetByDay.get(day)
  if (offset === undefined) {
    const start = exactOffset(zone, day * MS_PER_DAY)
    const end = exactOffset(zone, day * MS_PER_DAY + MS_PER_DAY - 1)
    offset = start === end ? start : Number.NaN
    if (zone.offsetByDay.size >= MAX_DAYS_PER_ZONE) zone.offsetByDay.clear()
    zone.offsetByDay.set(day, offset)
  }
  return Number.isNaN(offset) ? exactOffset(zone, instant) : offset
}

/**
 * The instant at which the zone's clocks show `wall` (a wall-clock time written as if it were UTC ms).
 * The offsets a day before and a day after bound the candidates (zones change offset at most once in
 * two days); a candidate is real when the zone has that offset at that instant.
 */
function instantOfWallTime(zone: Zone, wall: number): number {
  const before = offsetAt(zone, wall - MS_PER_DAY)
  const after = offsetAt(zone, wall + MS_PER_DAY)
  const early = wall - before
  if (before === after) return early
  const late = wall - after
  const earlyReal = offsetAt(zone, early) === before
  const lateReal = offsetAt(zone, late) === after
  if (earlyReal && lateReal) return Math.min(early, late)
  if (lateReal) return late
  // Either the earlier offset is real, or the time is in a gap: read with the offset in force before
  // the change, the clock lands past the gap, moved forward by its length.
  return early
}

/**
 * The instant (UTC ms) at which the zone's clocks show `wall` (a wall-clock time written as if it were
 * UTC ms), read as Temporal's "compatible" disambiguation does (see `instantOfWallTime`). Throws a
 * RangeError for a zone the engine does not know (settings validate the zone once).
 */
export function instantOfWall(wall: number, timeZone: string): number {
  return instantOfWallTime(knownZone(timeZone), wall)
}

const TIME_RE = /^(\d{2}):(\d{2})$/

/** The instant at which the zone's clocks show `time` (HH:MM, or null for 00:00) on `date`. */
export function instantOf(date: string, time: string | null, timeZone: string): number {
  const t = time === null ? null : TIME_RE.exec(time)
  if (t === undefined || (time !== null && t === null)) throw new RangeError(`not a time of day: ${time}`)
  const msOfDay = t === null ? 0 : (Number(t[1]) * 60 + Number(t[2])) * 60_000
  return instantOfWall(dayNumber(date) * MS_PER_DAY + msOfDay, timeZone)
}

function knownZone(timeZone: string): Zone {
  const zone = zoneOf(timeZone)
  if (zone === null) throw new RangeError(`unknown time zone: ${timeZone}`)
  return zone
}

/** The local calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDateOf(instant: number, timeZone: string): string {
  const w = wallClockIn(knownZone(timeZone), instant)
  return formatDate(w.year, w.month, w.day)
}

/** The wall-clock reading of an instant in the zone, to the minute: YYYY-MM-DDTHH:MM (a datetime-local value). */
export function localDateTimeOf(instant: number, timeZone: string): string {
  const w = wallClockIn(knownZone(timeZone), instant)
  return `${formatDate(w.year, w.month, w.day)}T${pad2(w.hour)}:${pad2(w.minute)}`
}

/** Today's date in an IANA time zone (the workspace's), as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localDateOf(now.getTime(), timeZone)
}

export const isoOf = (instant: number): string => new Date(instant).toISOString()
