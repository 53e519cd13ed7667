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
