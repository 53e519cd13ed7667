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
