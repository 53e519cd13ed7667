/**
 * The glossary of the metrics: the definitions of PRODUCT.md ("Metric definitions"; Targets, and the rules
 * every metric follows: dates without a time, worked leads, the funnel at a time), in
 * the words both teams agreed on, shown next to every number in the app so that sales and marketing read
 * it the same way. PRODUCT.md's P is "the period" here and its D "the as-of date". Where PRODUCT.md leaves
 * a choice open, the definition says what Tandem decided (and README.md repeats it).
 */
export const TARGETS_GLOSSARY = {
  target: {
    term: 'Target',
    definition:
      'The revenue target sales and marketing share for the period: its joint targets, summed over segments. A quarter or fiscal year without a target of its own adds up the targets of its quarters or months.',
  },
  closedWon: {
    term: 'Closed-won',
    definition: 'Σ amount of opportunities whose stage means won and whose close date is in the period and on or before the as-of date.',
  },
  attainment: {
    term: 'Attainment',
    definition: 'Closed-won / target. Not shown when the target is 0.',
  },
  expectedToDate: {
    term: 'Expected to date',
    definition:
      'Target × (calendar days of the period elapsed up to and including the as-of date) / (days in the period): where a straight line to the target stands on that date.',
  },
  pace: {
    term: 'Pace',
    definition:
      'Closed-won / expected to date. 100 % or more is on track; below is behind. Not shown before the period starts or without a target.',
  },
  gap: {
    term: 'Gap',
    definition: 'max(target − closed-won, 0): what is still to close to reach the target.',
  },
  openPipeline: {
    term: 'Open pipeline',
    definition: 'Σ amount of open opportunities whose close date is in the period (also those dated before today that are still open).',
  },
  weightedPipeline: {
    term: 'Weighted pipeline',
    definition:
      'Σ amount × probability over the open pipeline. The probability comes from the stage mapping in Settings, else from the exported probability column, else 0.',
  },
  forecast: {
    term: 'Forecast',
    definition: 'Closed-won + weighted pipeline: where the period is likely to end.',
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
      'Closed-won and open pipeline split by who sourced the deal (marketing, sales, partner, unknown): the lead source of the opportunity, or of its linked lead when it has none, as mapped in Settings.',
  },
  marketingShare: {
    term: 'Marketing-sourced share',
    definition: 'Marketing-sourced closed-won / closed-won of the period up to the as-of date.',
  },
  linearPace: {
    term: 'Linear pace',
    definition: 'The target spread evenly over the days of the period: expected to date on each day.',
  },
  seasonalPace: {
    term: 'Seasonal pace',
    definition:
      "The target spread like last year's closed-won: each month of the period gets the share its calendar month had in the 12 months before the period (linear within the month). Drawn only when the workspace's data goes back to the first of those 12 months and they closed something.",
  },
  gapPlan: {
    term: 'Gap plan',
    definition:
      'With the conversion rates and average won deal of the 12 months up to the as-of date (or all history when shorter): opportunities = ⌈gap / (average won deal × win rate)⌉, SQLs = ⌈opportunities / SQL→opportunity⌉, MQLs = ⌈SQLs / MQL→SQL⌉.',
  },
  mqlToSql: {
    term: 'MQL → SQL',
    definition:
      'Leads qualified / leads handed off, among the leads handed off in the window. A lead with an opportunity counts as qualified.',
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
    definition: "Sales' own target for the period (team sales) against closed-won.",
  },
  marketingPipeline: {
    term: 'Marketing: sourced pipeline',
    definition:
      "Marketing's own pipeline target for the period (team marketing) against marketing-sourced closed-won + open pipeline of the period.",
  },
  mqls: {
    term: 'Marketing: MQLs',
    definition:
      "Marketing's MQL-count target for the period (team marketing, segment mql) against the leads handed off in the period up to the as-of date.",
  },
  partialTarget: {
    term: 'Part of the period without a target',
    definition:
      'Where only part of the period has a target (a fiscal year with targets for three quarters, a quarter with an MQL target for one month), the target metrics compare like with like: attainment, pace, gap, pipeline, forecast and coverage run over the months that have a target, and the app names the months that have none. A team target and the MQL target do the same over their own months.',
  },
  undatedDeals: {
    term: 'Deals without a close date',
    definition:
      'An open, won or lost deal without a close date is in no period, so it is in no closed-won, pipeline, forecast or coverage. The app counts these deals (and their amounts) next to the pipeline numbers and lists them, so that they can be dated in the CRM.',
  },
  dateOnly: {
    term: 'A date without a time',
    definition:
      'A date without a time (a CSV date column, an opportunity’s created or close date) is that calendar day in the workspace time zone, in every metric: it begins at midnight there, so a deal closed on a day has closed by any time of that day.',
  },
  worked: {
    term: 'Worked',
    definition:
      'A lead is worked at the earliest of its first touch, accepted, rejected and qualified dates and the created date of its opportunity (a lead that became an SQL or an opportunity was worked). Where the leads carry none of these dates, the SLA cannot be measured: the app says so, and which columns it needs, instead of counting every lead as waiting.',
  },
  funnelAsOf: {
    term: 'Funnel as of a time',
    definition:
      'Each step of the funnel counts only what had happened by the as-of time: accepted and qualified by their dates, an opportunity from its created date (or its close date when it has none), won from its close date.',
  },
} as const satisfies Record<string, { term: string; definition: string }>

/**
 * The meeting board's terms (PRODUCT.md, "Meeting board"; issue #15), in the same words as the app and
 * README.md.
 */
export const BOARD_GLOSSARY = {
  meeting: {
    term: 'Meeting',
    definition:
      'One joint sales-and-marketing meeting: date and time, title, attendees, agenda, notes and decisions (one line each). It is planned, then in progress once started, then ended. The next one is proposed on the team cadence (every 14 days by default, same weekday and time).',
  },
  snapshot: {
    term: 'Snapshot ("as presented")',
    definition:
      'The key numbers frozen when a meeting starts: the Targets report of the fiscal quarter of that day (target, closed-won, attainment, pace, gap, forecast, coverage, sourced split) and the Handoff report at that moment (MQLs of the last 30 days, acceptance, SLA attainment, median time to first touch, backlog, breached), with the settings in force. Never recomputed: later imports, undos or setting changes do not change what a past meeting saw.',
  },
  sinceLast: {
    term: 'Since last meeting',
    definition:
      "Computed when a meeting starts, against the previous meeting's snapshot: attainment and pace change (percentage points), leads handed off between the two snapshots (new MQLs), leads breached now that were not breached then (new breaches), items marked done between them (closed), open items due before the meeting day (slipped) and open items carried at least once (still carried).",
  },
  actionItem: {
    term: 'Action item',
    definition:
      'A commitment: title, notes, owner, team (sales, marketing or joint), due date, status (to do, in progress, blocked, done), the meeting it was made in, how many times it was carried, and optionally a link to what caused it (a lead, an owner, a rejection reason, an opportunity or a metric).',
  },
  carried: {
    term: 'Carried over N times',
    definition:
      'Ending a meeting carries every item still open into the next meeting and counts it; the slip history keeps each meeting it was carried through with its due date then. An item open and due on or before the meeting day is marked slipped. Items done in the meeting are not carried.',
  },
  overdue: {
    term: 'Overdue',
    definition: 'Open, with a due date before today (in the workspace time zone). Overdue cards come first in their column.',
  },
  recovered: {
    term: 'Recovered',
    definition:
      'What caused a linked item is fine again: the lead was worked (since its worked time); the owner has no breached lead (since the last of their leads was worked or recycled after the item was made); no lead was rejected for the reason in 30 days; the opportunity is won (since its close date); the metric is at its goal (pace at or above 100 % for attainment and pace, SLA attainment and acceptance rate at or above the goals in settings, backlog at or below its goal), since the oldest meeting snapshot from which on it stayed there, else today.',
  },
  accountability: {
    term: 'Accountability',
    definition:
      'Per owner and per team: open, overdue, done on time (on or before the due date, or without one), done late, and carried twice or more (whatever the status), side by side for sales and marketing.',
  },
} as const satisfies Record<string, { term: string; definition: string }>

/**
 * The glossary of the Marketing ROI view: PRODUCT.md's definitions ("Metric definitions: Marketing ROI"),
 * where P is "the period" and D "the as-of date". Every figure counts what had happened by the as-of
 * date, spend included (README.md, "Marketing ROI").
 */
export const ROI_GLOSSARY = {
  spend: {
    term: 'Spend',
    definition:
      'Campaign spend in the period up to the as-of date, in the home currency. Spend over a date range (a month, a quarter, a campaign’s start and end dates) is spread evenly over its days. “No spend imported” when none is: never counted as 0.',
  },
  belongs: {
    term: 'Belongs to',
    definition:
      'A deal belongs to campaign C when its campaign is C, or it has none and its linked lead’s is C. Campaigns match by name (any case) or by CRM campaign id.',
  },
  roiMqls: {
    term: 'MQLs',
    definition: 'Leads of the campaign handed off in the period (up to the as-of date).',
  },
  roiSqls: {
    term: 'SQLs',
    definition: 'Leads of the campaign qualified in the period (up to the as-of date).',
  },
  roiOpportunities: {
    term: 'Opportunities',
    definition: 'Deals belonging to the campaign created in the period (up to the as-of date).',
  },
  roiPipeline: {
    term: 'Pipeline',
    definition: 'The open amount among the opportunities: deals belonging to the campaign created in the period whose stage is open.',
  },
  sourcedWon: {
    term: 'Sourced won',
    definition:
      'Closed-won in the period (as in Targets: won stage, close date in the period and on or before the as-of date) of deals belonging to the campaign.',
  },
  influencedWon: {
    term: 'Influenced won',
    definition: 'Closed-won in the period of deals linked to at least one lead of the campaign, whatever the deal’s own campaign.',
  },
  overlapWon: {
    term: 'Both',
    definition:
      'What is both sourced and influenced by the campaign: closed-won of deals that belong to it and are linked to one of its leads.',
  },
  costPerMql: {
    term: 'Cost per MQL',
    definition: 'Spend / MQLs. Empty when there are no MQLs or no spend is imported.',
  },
  costPerSql: {
    term: 'Cost per SQL',
    definition: 'Spend / SQLs. Empty when there are no SQLs or no spend is imported.',
  },
  costPerWon: {
    term: 'Cost per won deal',
    definition: 'Spend / the number of won deals in sourced won. Empty when there are none or no spend is imported.',
  },
  roi: {
    term: 'Return on spend',
    definition: '(Sourced won − spend) / spend. Empty when the spend is 0 or not imported.',
  },
  channel: {
    term: 'Channel',
    definition:
      'The lead source of a lead, or of a deal (its linked lead’s when it has none), as the sources settings spell it; spend counts for the channel its campaign’s type names.',
  },
  unmatchedSpend: {
    term: 'Spend no lead or deal names',
    definition:
      'Campaigns with spend in the period that no lead or deal names, by name or by id: their spend brought nothing Tandem can see.',
  },
} as const satisfies Record<string, { term: string; definition: string }>

/** Every definition the app shows next to a number. */
export const GLOSSARY = { ...TARGETS_GLOSSARY, ...BOARD_GLOSSARY, ...ROI_GLOSSARY }

export type GlossaryKey = keyof typeof GLOSSARY
