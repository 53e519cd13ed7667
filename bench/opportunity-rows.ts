/** The opportunity export the import benches generate: a Salesforce-like header and row i of it. */

const STAGES = ['Closed Won', 'Closed Lost', 'Prospecting', 'Qualification', 'Negotiation/Review', 'Proposal/Price Quote']
const SOURCES = ['Webinar', 'Web', 'Partner Referral', 'Outbound', 'Trade Show', 'Cold Call']

export const HEADER = [
  'Opportunity ID',
  'Opportunity Name',
  'Account Name',
  'Opportunity Owner',
  'Stage',
  'Amount',
  'Currency',
  'Close Date',
  'Created Date',
  'Lead Source',
  'Product',
  'Region',
  'Probability (%)',
  'Campaign',
]

export function row(i: number): string[] {
  const month = String((i % 12) + 1).padStart(2, '0')
  const day = String((i % 28) + 1).padStart(2, '0')
  return [
    `006${String(i).padStart(12, '0')}`,
    `Deal ${i} for the account`,
    `Account ${i % 5000}`,
    `Owner ${i % 250}`,
    STAGES[i % STAGES.length] as string,
    `${(i % 100000) + 1000}.${String(i % 100).padStart(2, '0')}`,
    i % 10 === 0 ? 'EUR' : 'USD',
    `2025-${month}-${day}`,
    `2024-${month}-${day}`,
    SOURCES[i % SOURCES.length] as string,
    `Product ${i % 40}`,
    ['North', 'South', 'East', 'West'][i % 4] as string,
    String((i % 10) * 10),
    `Campaign ${i % 300}`,
  ]
}

/** Row i as the XLSX benches write it: the amount a number cell, everything else text. */
export function xlsxRow(i: number): (string | number)[] {
  const r = row(i)
  return [...r.slice(0, 5), Number(r[5]), ...r.slice(6)]
}
