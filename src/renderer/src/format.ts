/**
 * Display formatting in the user's locale. Dates from the main process are ISO strings; reasoning about
 * dates and zones (rather than showing them) lives in `@shared/time`.
 */

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KB', 'MB', 'GB']
  let v = n / 1024
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

const moneyFormats = new Map<string, Intl.NumberFormat>()

/** An amount stored in minor units, shown in its currency (2 decimals for USD, none for JPY, …). */
export function formatMinor(minor: number, currency: string): string {
  let f = moneyFormats.get(currency)
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency })
    } catch {
      f = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    }
    moneyFormats.set(currency, f)
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2
  return f.format(minor / 10 ** digits)
}

/** Between a number and its unit: a no-break space, so "4.0 h" never breaks across lines. */
const NBSP = '\u00a0'

/** Hours as the SLA shows them: one decimal below 10 h, whole hours above. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '–'
  return `${hours < 10 ? hours.toFixed(1) : Math.round(hours).toLocaleString()}${NBSP}h`
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>()

/** An instant as date and time in the workspace time zone (every time in the Handoff view is). */
export function formatInZone(iso: string, timeZone: string, withTime = true): string {
  const key = `${timeZone}|${withTime}`
  let f = zonedFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(
      undefined,
      withTime ? { timeZone, dateStyle: 'medium', timeStyle: 'short' } : { timeZone, dateStyle: 'medium' },
    )
    zonedFormats.set(key, f)
  }
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : f.format(d)
}

/** A YYYY-MM-DD date as the user reads dates (no time zone involved: it is a calendar date). */
export function formatDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  return Number.isNaN(d.getTime()) ? date : d.toLocaleDateString(undefined, { timeZone: 'UTC', dateStyle: 'medium' })
}

const cachedFormats = new Map<string, Intl.NumberFormat>()

function numberFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cachedFormats.get(key)
  if (!f) {
    f = make()
    cachedFormats.set(key, f)
  }
  return f
}

/**
 * An amount in major units of a currency: exact, with its minor digits ($12,500.50), or, with `compact`
 * (big numbers read across a room), in three significant digits ($1.23M, $15.4K) and whole units below
 * ten thousand ($5,467).
 */
export function formatMoney(major: number, currency: string, options: { compact?: boolean } = {}): string {
  const style = options.compact !== true ? 'exact' : Math.abs(major) >= 10_000 ? 'compact' : 'whole'
  const f = numberFormat(`money|${currency}|${style}`, () => {
    const shape: Intl.NumberFormatOptions =
      style === 'compact' ? { notation: 'compact', maximumSignificantDigits: 3 } : style === 'whole' ? { maximumFractionDigits: 0 } : {}
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency, ...shape })
    } catch {
      // A code the engine does not know: the number alone.
      return new Intl.NumberFormat(undefined, style === 'exact' ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : shape)
    }
  })
  return f.format(major)
}

/** A ratio as a percentage with at most one decimal (0.1544 -> "15.4%"); null (nothing to divide by) as a dash. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return '–'
  return numberFormat('percent', () => new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })).format(ratio)
}

export function formatCount(n: number): string {
  return numberFormat('count', () => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })).format(n)
}

/** A calendar date (YYYY-MM-DD, no zone) as the user's locale writes it: "Aug 15, 2025". */
export function formatDay(date: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const d = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(d.getTime())) return date
  return d.toLocaleDateString(undefined, { ...options, timeZone: 'UTC' })
}

/** A YYYY-MM month: "Aug 2025" (or "August 2025" with `long`). */
export function formatMonth(month: string, long = false): string {
  return formatDay(`${month}-01`, { month: long ? 'long' : 'short', year: 'numeric' })
}
