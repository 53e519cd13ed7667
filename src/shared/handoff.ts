import { z } from 'zod'

/**
 * Types of the Handoff view and its reports (PRODUCT.md, "Metric definitions: Handoff"). Plain data:
 * they cross the IPC boundary and are printed by the CLI.
 */

export const AGING_BUCKETS = ['<4h', '4-24h', '1-3d', '3-7d', '>7d'] as const
export type AgingBucket = (typeof AGING_BUCKETS)[number]
/** Lower bound (hours, inclusive) of each aging bucket; each bucket ends where the next begins. */
export const AGING_FROM_HOURS: Record<AgingBucket, number> = { '<4h': 0, '4-24h': 4, '1-3d': 24, '3-7d': 72, '>7d': 168 }

/**
 * What `report handoff --json` prints (rates 0..1 or null, hours as numbers). `backlog`, `breached` and
 * `aging` are null, and `slaMeasurable` false, when no lead handed off by T carries a date that says it
 * was worked: the export cannot tell waiting leads from worked ones (`slaNeeds` names the columns).
 */
export interface HandoffMetrics {
  backlog: number | null
  breached: number | null
  aging: Record<AgingBucket, number> | null
  slaAttainment: number | null
  medianHoursToFirstTouch: number | null
  acceptanceRate: number | null
  rejectionRate: number | null
  rejectionReasons: Record<string, number>
  /** False when the leads (of the window, for the window's SLA numbers) carry no worked dates at all. */
  slaMeasurable: boolean
  /** The columns a lead needs for the SLA to be measured (any one of them), when it cannot be. */
  slaNeeds: string[]
}

/** The as-of time and the window a report was computed for. */
export interface HandoffScope {
  /** The as-of instant T (UTC ISO). */
  asOf: string
  /** The window's first and last instant (UTC ISO; the window is [from, to], and never after T). */
  windowStart: string
  windowEnd: string
  /** The window as the user reads it: local dates in the workspace time zone (inclusive). */
  fromDate: string
  toDate: string
  timezone: string
  clock: 'calendar' | 'business'
}

/** Backlog of one owner, grade or source at T. */
export interface BacklogGroup {
  /** The owner, grade or source as imported; '' when the lead has none. */
  key: string
  backlog: number
  breached: number
  /** The SLA limit in hours (for grades only). */
  limitHours?: number
}

/** Leads rejected and recycled in one month (local to the workspace), by reason. */
export interface MonthTrend {
  month: string
  rejected: Record<string, number>
  recycled: number
}

/** Everything the Handoff view shows above the lead table: the metrics plus what explains them. */
export interface HandoffOverview extends HandoffMetrics {
  scope: HandoffScope
  /** Leads handed off in the window (MQLs): marketing's side of the promise. */
  handedOff: number
  /** MQL target for the window (monthly targets prorated by the window's share of each month), or null. */
  mqlTarget: number | null
  /** Window leads worked by T, worked within their limit, and past their limit unworked. */
  workedByT: number
  withinLimit: number
  pastLimitUnworked: number
  accepted: number
  rejected: number
  /** Window leads recycled to nurture by T. */
  recycled: number
  backlogBy: { owner: BacklogGroup[]; grade: BacklogGroup[]; source: BacklogGroup[] }
  /** The limits the metrics used (current settings), by grade; '*' for every other grade. */
  limits: Record<string, number>
  /** The earliest and latest hand-off in the workspace (UTC ISO), or null when there is none. */
  dataRange: { first: string; last: string } | null
  /** When the SLA cannot be measured: the leads handed off by T and not known to be worked. */
  waitingUnmeasured: number
  /** Leads in the workspace without a hand-off date, which no handoff metric can count. */
  withoutHandoff: number
}

export const FUNNEL_STEPS = ['handedOff', 'accepted', 'qualified', 'opportunity', 'won'] as const
export type FunnelStepName = (typeof FUNNEL_STEPS)[number]

export interface FunnelStep {
  step: FunnelStepName
  /** Leads that reached this step or a later one. */
  count: number
  /** count / count of the previous step (null for the first step or when the previous is 0). */
  conversion: number | null
  /** Median days from the previous step to this one, over leads with both dates; null when none. */
  medianDaysFromPrevious: number | null
  /** Median days from hand-off to this step, over leads with this step's date; null when none. */
  medianDaysFromHandoff: number | null
}

export interface FunnelReport {
  /** The cohort window: local dates (inclusive), or null bounds when the workspace has no leads. */
  from: string | null
  to: string | null
  /** The as-of instant T (UTC ISO): each step counts what had happened by then. */
  asOf: string
  steps: FunnelStep[]
  bySource: { source: string; steps: FunnelStep[] }[]
  byCohort: { month: string; steps: FunnelStep[] }[]
}

/** How a lead stands at T. */
export const LEAD_STATUSES = ['breached', 'waiting', 'worked', 'rejected', 'recycled', 'upcoming', 'unmeasured'] as const
export type LeadStatus = (typeof LEAD_STATUSES)[number]

/** The lead table's filter by status; `backlog` is waiting and breached together. */
export const STATUS_FILTERS = ['backlog', 'breached', 'worked', 'rejected', 'recycled'] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]

export const LEAD_SORTS = ['name', 'company', 'owner', 'grade', 'source', 'handedOffAt', 'workedAt', 'status'] as const
export type LeadSort = (typeof LEAD_SORTS)[number]

export interface LeadRow {
  id: number
  externalId: string
  name: string | null
  company: string | null
  owner: string | null
  grade: string | null
  source: string | null
  handedOffAt: string | null
  /** The earliest of first touch, accepted, rejected, qualified and its opportunity's creation; null when none. */
  workedAt: string | null
  status: LeadStatus
  /** SLA hours from hand-off to the worked time, or to T while not worked (null when not handed off by T). */
  elapsedHours: number | null
  limitHours: number
}

export interface LeadPage {
  total: number
  offset: number
  rows: LeadRow[]
}

export interface TimelineEvent {
  kind: 'created' | 'handedOff' | 'accepted' | 'firstTouch' | 'rejected' | 'recycled' | 'qualified' | 'opportunity' | 'won' | 'lost'
  /** UTC ISO instant, or a YYYY-MM-DD date for opportunity dates. */
  at: string
  detail?: string
}

export interface LeadDetail extends LeadRow {
  email: string | null
  campaign: string | null
  segment: string | null
  sourceSystem: string
  rejectionReason: string | null
  opportunityId: string | null
  events: TimelineEvent[]
}

/** One change of a grade's first-touch limit, from the settings history. */
export interface GradeLimitPeriod {
  hours: number | null
  /** When this limit was saved (UTC ISO); null for the first known definition. */
  since: string | null
}

export interface GradeHistory {
  grade: string
  /** Newest first; `hours` null while the grade had no entry of its own. */
  periods: GradeLimitPeriod[]
}

export interface MqlTarget {
  /** YYYY-MM */
  month: string
  mqls: number
}

// ---------------------------------------------------------------------------------------------------
// Argument schemas (shared by the IPC contract and the CLI)

const isoDateRe = /^\d{4}-\d{2}-\d{2}$/
const text = (max: number) => z.string().max(max)

/** A local date-time or date in the workspace zone (`2025-08-15T12:00`), or an instant with an offset. */
export const asOfSchema = z.string().trim().min(1).max(40)
export const dateSchema = z.string().regex(isoDateRe, 'must be a date as YYYY-MM-DD')

export const handoffQuerySchema = z.strictObject({
  asOf: asOfSchema.nullable(),
  from: dateSchema.nullable(),
  to: dateSchema.nullable(),
})
export type HandoffQuery = z.infer<typeof handoffQuerySchema>

/** The funnel's window and as-of time (null: now); every step counts what had happened by then. */
export const funnelQuerySchema = z.strictObject({ from: dateSchema.nullable(), to: dateSchema.nullable(), asOf: asOfSchema.nullable() })
export type FunnelQuery = z.infer<typeof funnelQuerySchema>

export const leadQuerySchema = z.strictObject({
  asOf: asOfSchema.nullable(),
  sort: z.enum(LEAD_SORTS),
  descending: z.boolean(),
  owner: text(500).nullable(),
  grade: text(100).nullable(),
  source: text(500).nullable(),
  status: z.enum(STATUS_FILTERS).nullable(),
  /** Leads rejected with this reason (a board item's link to a rejection reason opens them). */
  reason: text(500).nullable().optional(),
  search: text(200),
  offset: z.number().int().min(0).max(100_000_000),
  limit: z.number().int().min(1).max(500),
})
export type LeadQuery = z.infer<typeof leadQuerySchema>

/** What the lead table asks for besides the as-of time and the page. */
export type LeadTableQuery = Omit<LeadQuery, 'asOf' | 'offset' | 'limit'>

/** The lead table as it opens: every lead, the most urgent status first. */
export const DEFAULT_LEAD_QUERY: LeadTableQuery = {
  sort: 'status',
  descending: false,
  owner: null,
  grade: null,
  source: null,
  status: null,
  reason: null,
  search: '',
}

/** A first page of the lead table at `asOf`, with `over` changed (the benches and tests ask this way). */
export function leadQuery(asOf: string | null, over: Partial<LeadQuery> = {}): LeadQuery {
  return { ...DEFAULT_LEAD_QUERY, asOf, offset: 0, limit: 100, ...over }
}
