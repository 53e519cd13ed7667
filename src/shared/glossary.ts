/**
 * The glossary of the Targets metrics: the definitions of PRODUCT.md ("Metric definitions: Targets"), in
 * the words both teams agreed on, shown next to every number in the app so that sales and marketing read
 * it the same way. P is the period picked, D the as-of date. Where PRODUCT.md leaves a choice open, the
 * definition says what Tandem decided (and README.md repeats it).
 */
export const TARGETS_GLOSSARY = {
  target: {
    term: 'Target',
    definition:
      'The revenue target sales and marketing share for P: the joint targets of P summed over segments. A quarter or fiscal year without a target of its own adds up the targets of its quarters or months.',
  },
  closedWon: {
    term: 'Closed-won',
    definition: 'Σ amount of opportunities whose stage means won and whose close date is in P and on or before D.',
  },
  attainment: {
    term: 'Attainment',
    definition: 'Closed-won / target. Not shown when the target is 0.',
  },
  expectedToDate: {
    term: 'Expected to date',
    definition: 'Target × (calendar days of P elapsed up to and including D) / (days in P): where a straight line to the target stands today.',
  },
  pace: {
    term: 'Pace',
    definition: 'Closed-won / expected to date. 100 % or more is on track; below is behind. Not shown before P starts or without a target.',
  },
  gap: {
    term: 'Gap',
    definition: 'max(target − closed-won, 0): what is still to close to reach the target.',
  },
  openPipeline: {
    term: 'Open pipeline',
    definition: 'Σ amount of open opportunities whose close date is in P (also those dated before today that are still open).',
  },
  weightedPipeline: {
    term: 'Weighted pipeline',
    definition:
      'Σ amount × probability over the open pipeline. The probability comes from the stage mapping in Settings, else from the exported probability column, else 0.',
  },
  forecast: {
    term: 'Forecast',
    definition: 'Closed-won + weighted pipeline: where P is likely to end.',
  },
  coverage: {
    term: 'Coverage',
    definition: 'Open pipeline / gap: how many times the open pipeline covers what is still to close. Not shown when the gap is 0.',
  },
  unconvertible: {
    term: 'Left out',
    definition: 'Opportunities in these sums whose currency has no exchange rate in Settings: left out of every sum and counted here.',
  },
  bySource: {
    term: 'Sourced by',
    definition:
      "Closed-won and open pipeline split by who sourced the deal (marketing, sales, partner, unknown): the lead source of the opportunity, or of its linked lead when it has none, as mapped in Settings.",
  },
  marketingShare: {
    term: 'Marketing-sourced share',
    definition: 'Marketing-sourced closed-won / closed-won of P up to D.',
  },
  linearPace: {
    term: 'Linear pace',
    definition: 'The target spread evenly over the days of P: expected to date on each day.',
  },
  seasonalPace: {
    term: 'Seasonal pace',
    definition:
      "The target spread like last year's closed-won: each month of P gets the share its calendar month had in the 12 months before P (linear within the month). Drawn only when the workspace holds those 12 months and they closed something.",
  },
  gapPlan: {
    term: 'Gap plan',
    definition:
      'With the conversion rates and average won deal of the 12 months up to D (or all history when shorter): opportunities = ⌈gap / (average won deal × win rate)⌉, SQLs = ⌈opportunities / SQL→opportunity⌉, MQLs = ⌈SQLs / MQL→SQL⌉.',
  },
  mqlToSql: {
    term: 'MQL → SQL',
    definition: 'Leads qualified / leads handed off, among the leads handed off in the window. A lead with an opportunity counts as qualified.',
  },
  sqlToOpportunity: {
    term: 'SQL → opportunity',
    definition: 'Leads with an opportunity / leads qualified, among the leads handed off in the window.',
  },
  winRate: {
    term: 'Win rate',
    definition: 'Won / (won + lost) opportunities with a close date in the window.',
  },
  averageWonDeal: {
    term: 'Average won deal',
    definition: 'Closed-won amount / number of won opportunities with a close date in the window.',
  },
  salesBookings: {
    term: 'Sales: bookings',
    definition: "Sales' own target for P (team sales) against closed-won.",
  },
  marketingPipeline: {
    term: 'Marketing: sourced pipeline',
    definition: "Marketing's own pipeline target for P (team marketing) against the marketing-sourced amount of won and open opportunities closing in P.",
  },
  mqls: {
    term: 'Marketing: MQLs',
    definition: "Marketing's MQL-count target for P (team marketing, segment mql) against the leads handed off in P up to D.",
  },
} as const satisfies Record<string, { term: string; definition: string }>

export type GlossaryKey = keyof typeof TARGETS_GLOSSARY
