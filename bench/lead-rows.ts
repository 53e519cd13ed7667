/**
 * The lead export the import bench generates (issue #19, point 3): a Salesforce-like header that maps
 * itself, and row i of it. Every lead is handed off, most are touched, some accepted, qualified or
 * rejected, as a CRM's lead report lists them.
 */

const SOURCES = ['Webinar', 'Web', 'Paid Search', 'Trade Show', 'Partner Referral', 'Email Marketing', '']
const REASONS = ['Not a fit', 'No budget', 'Duplicate', 'Bad contact data', 'Timing']

export const LEAD_HEADER = [
  'Lead ID',
  'Name',
  'Company',
  'Email',
  'Lead Source',
  'Campaign',
  'Lead Owner',
  'Segment',
  'Created Date',
  'MQL Date',
  'First Touch Date',
  'Accepted Date',
  'Qualified Date',
  'Rejected Date',
  'Rejection Reason',
]

const pad = (n: number): string => String(n).padStart(2, '0')

export function leadRow(i: number): string[] {
  const month = pad((i % 12) + 1)
  const day = pad((i % 28) + 1)
  const hour = pad(i % 24)
  const at = (d: number, h: string): string => `2025-${month}-${pad(Math.min(28, (i % 28) + 1 + d))} ${h}:${pad(i % 60)}:00`
  const kind = i % 10
  return [
    `00Q${String(i).padStart(12, '0')}`,
    `Lead ${i}`,
    `Company ${i % 20000}`,
    `lead${i}@example.com`,
    SOURCES[i % SOURCES.length] as string,
    `Campaign ${i % 50}`,
    `Rep ${i % 40}`,
    ['SMB', 'Mid-market', 'Enterprise'][i % 3] as string,
    `2025-${month}-${day} ${hour}:00:00`,
    at(0, hour),
    kind < 9 ? at(1, hour) : '',
    kind < 7 ? at(1, hour) : '',
    kind < 3 ? at(3, hour) : '',
    kind === 7 ? at(2, hour) : '',
    kind === 7 ? (REASONS[i % REASONS.length] as string) : '',
  ]
}
