/** Display formatting in the user's locale. Dates from the main process are ISO strings. */

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

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })

export function formatCount(n: number): string {
  return integer.format(n)
}

/** Between a number and its unit: a no-break space, so "4.0 h" never breaks across lines. */
const NBSP = '\u00a0'

/** A rate 0..1 as a percentage; null (nothing to divide by) as an en dash. */
export function formatPercent(rate: number | null, digits = 0): string {
  if (rate === null) return '–'
  return `${(rate * 100).toFixed(digits)}${NBSP}%`
}

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
    f = new Intl.DateTimeFormat(undefined, withTime ? { timeZone, dateStyle: 'medium', timeStyle: 'short' } : { timeZone, dateStyle: 'medium' })
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

/** A YYYY-MM month as "Aug 2025". */
export function formatMonth(month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`)
  return Number.isNaN(d.getTime()) ? month : d.toLocaleDateString(undefined, { timeZone: 'UTC', month: 'short', year: 'numeric' })
}

/** The wall-clock reading of an instant in a zone, as a datetime-local input value (YYYY-MM-DDTHH:MM). */
export function localInputValue(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso))
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '00'
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour') === '24' ? '00' : get('hour')}:${get('minute')}`
}
