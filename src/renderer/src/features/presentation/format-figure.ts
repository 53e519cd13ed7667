import type { Figure } from '@shared/presentation'
import { formatCount, formatMoney, formatPercent } from '../../format'

/** A figure as it reads across a room: money compact ($224K), shares as %, changes with their sign. */
export function formatFigure(f: Figure, currency: string): string {
  if (f.value === null) return '–'
  switch (f.unit) {
    case 'money':
      return formatMoney(f.value, currency, { compact: true })
    case 'percent':
    case 'percentOfTarget':
      return formatPercent(Math.round(f.value * 100) / 100)
    case 'count':
      return formatCount(f.value)
    case 'hours':
      return f.value < 48 ? `${Math.round(f.value)} h` : `${Math.round(f.value / 24)} d`
    case 'points':
      return `${f.value > 0 ? '+' : f.value < 0 ? '−' : '±'}${Math.abs(Math.round(f.value * 10) / 10)} pts`
  }
}

/** The words over a figure: its label, and "% of target" where an amount became a share of it. */
export function figureLabel(f: Figure): string {
  return f.unit === 'percentOfTarget' && !/target/i.test(f.label) ? `${f.label} (% of target)` : f.label
}
