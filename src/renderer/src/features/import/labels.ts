import type { ImportKind } from '@shared/import/types'

export const KIND_LABEL: Record<ImportKind, string> = {
  leads: 'Leads',
  opportunities: 'Opportunities',
  targets: 'Targets',
  spend: 'Campaign spend',
}

export const CRM_LABEL: Record<string, string> = {
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  pipedrive: 'Pipedrive',
  other: 'a hand-made sheet or another tool',
}

export const DATE_ORDER_LABEL: Record<string, string> = {
  ymd: 'Year-month-day (2024-03-31)',
  mdy: 'Month/day/year (03/31/2024)',
  dmy: 'Day/month/year (31/03/2024)',
}

export const num = (n: number): string => n.toLocaleString()

/** A column as the mapping screen shows it: its letter and header. */
export function columnLabel(index: number, header: string): string {
  let n = index + 1
  let letters = ''
  while (n > 0) {
    const r = (n - 1) % 26
    letters = String.fromCharCode(65 + r) + letters
    n = Math.floor((n - 1) / 26)
  }
  return header ? `${letters}: ${header}` : `${letters}: (no header)`
}

/**
 * A row's key as the preview shows it: a target's period, team and segment ("2016-01 · joint · Jeffrey
 * Thomas"), a spend row's campaign and period, instead of the internal key joined with "|".
 */
export function exampleKey(kind: ImportKind, key: string): string {
  if (kind === 'targets') {
    const [period = '', team = '', segment = ''] = key.split('|')
    return [period, team === '' ? 'joint' : team, segment].filter((p) => p !== '').join(' · ')
  }
  if (kind === 'spend')
    return key
      .split('|')
      .filter((p) => p !== '')
      .join(' · ')
  return key
}

const AMOUNT_TEXT = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/

/** A value of an example row: amounts ("300000.00 USD") as money ("$300,000.00"). */
export function exampleValue(value: string | number | null): string {
  const text = String(value ?? '')
  const m = AMOUNT_TEXT.exec(text)
  if (!m) return text
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m[2] }).format(Number(m[1]))
  } catch {
    return text
  }
}
