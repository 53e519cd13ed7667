import { z } from 'zod'
import type { SourceBucket, SourceSplit } from './targets'
import type { Settings } from './settings'

/**
 * The meeting board (PRODUCT.md, "Meeting board"): joint meetings with their frozen snapshot, and the
 * action items carried from meeting to meeting until done. Plain data: it crosses the IPC boundary and
 * is printed by the CLI.
 */

export const ACTION_TEAMS = ['sales', 'marketing', 'joint'] as const
export type ActionTeam = (typeof ACTION_TEAMS)[number]
export const ACTION_STATUSES = ['todo', 'in_progress', 'blocked', 'done'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]
export const ACTION_LINK_KINDS = ['lead', 'owner', 'reason', 'opportunity', 'metric'] as const
export type ActionLinkKind = (typeof ACTION_LINK_KINDS)[number]
/** The metrics an item can be linked to (its link id is one of these names). */
export const LINKED_METRICS = ['attainment', 'pace', 'slaAttainment', 'acceptanceRate', 'backlog'] as const
export type LinkedMetric = (typeof LINKED_METRICS)[number]

export const TEAM_LABEL: Record<ActionTeam, string> = { sales: 'Sales', marketing: 'Marketing', joint: 'Joint' }
export const STATUS_LABEL: Record<ActionStatus, string> = { todo: 'To do', in_progress: 'In progress', blocked: 'Blocked', done: 'Done' }
export const LINK_LABEL: Record<ActionLinkKind, string> = {
  lead: 'Lead',
  owner: 'Owner',
  reason: 'Rejection reason',
  opportunity: 'Opportunity',
  metric: 'Metric',
}
export const METRIC_LABEL: Record<LinkedMetric, string> = {
  attainment: 'Attainment',
  pace: 'Pace',
  slaAttainment: 'SLA attainment',
  acceptanceRate: 'Acceptance rate',
  backlog: 'Backlog',
}

export interface ActionLink {
  kind: ActionLinkKind
  /** A lead's or opportunity's row id, an owner, a rejection reason, or a metric name. */
  id: string
  /** Readable even when what it points to is gone (an undone import). */
  label: string
}

/** One meeting an item was carried through, and its due date then. */
export interface CarryRecord {
  meetingId: number
  meetingTitle: string
  /** The meeting's local date (YYYY-MM-DD). */
  meetingDate: string
  dueDate: string | null
  /** Open and due on or before the meeting day when the meeting ended. */
  slipped: boolean
}

export interface ActionItem {
  id: number
  title: string
  notes: string
  owner: string
  team: ActionTeam
  /** YYYY-MM-DD or null */
  dueDate: string | null
  status: ActionStatus
  createdAt: string
  updatedAt: string
  /** When it was marked done (UTC ISO), null while open. */
  doneAt: string | null
  link: ActionLink | null
  /** The meeting it belongs to now; null while it waits for the next meeting. */
  meetingId: number | null
  /** The meeting it was created in; null when added between meetings. */
  createdIn: number | null
  timesCarried: number
  carries: CarryRecord[]
  /** Order within its column (lower first). */
  position: number
}

/** A linked number when the item was made and now, and whether what caused the item has recovered. */
export interface LinkState {
  /** The number as the user reads it ("3 breached", "72.0 %", "worked"); null when it cannot be told. */
  then: string | null
  now: string | null
  /** Local date (YYYY-MM-DD) since which it has recovered; null while it has not. */
  recoveredSince: string | null
  /** Why the number now is missing (the lead is gone after an undone import), or null. */
  missing: string | null
}

export type MeetingState = 'planned' | 'in_progress' | 'ended'

/** The Targets numbers a meeting saw (home-currency major units). */
export interface SnapshotTargets {
  period: string
  from: string
  to: string
  asOf: string
  currency: string
  target: number
  closedWon: number
  attainment: number | null
  pace: number | null
  gap: number
  forecast: number
  coverage: number | null
  bySource: Record<SourceBucket, SourceSplit>
}

/** The Handoff numbers a meeting saw, over the 30 days ending at the snapshot. */
export interface SnapshotHandoff {
  fromDate: string
  toDate: string
  mqls: number
  acceptanceRate: number | null
  slaAttainment: number | null
  medianHoursToFirstTouch: number | null
  /** Null when the export carries no worked dates (the SLA cannot be measured). */
  backlog: number | null
  breached: number | null
}

/** What changed between the previous meeting's snapshot and this one's. */
export interface SinceLast {
  previousMeetingId: number
  previousTitle: string
  previousAsOf: string
  /** Percentage points (null when either attainment is unknown). */
  attainmentChange: number | null
  paceChange: number | null
  /** Leads handed off between the two snapshots. */
  newMqls: number
  /** Leads breached at this snapshot that were not breached at the previous one. */
  newBreaches: number
  /** Items marked done between the two meetings. */
  itemsClosed: number
  /** Items open and past due (due before the meeting day) when the meeting started. */
  itemsSlipped: number
  /** Items open and carried at least once when the meeting started. */
  itemsCarried: number
}

/** Frozen when a meeting starts, "as presented"; never recomputed. */
export interface MeetingSnapshot {
  /** The instant of the snapshot (UTC ISO) and its local date. */
  asOf: string
  asOfDate: string
  targets: SnapshotTargets
  handoff: SnapshotHandoff
  sinceLast: SinceLast | null
  /** The settings in force. */
  settings: Settings
}

export interface Meeting {
  id: number
  title: string
  /** Local date-time in the workspace zone, YYYY-MM-DDTHH:MM. */
  scheduledAt: string
  attendees: string[]
  agenda: string
  notes: string
  decisions: string[]
  startedAt: string | null
  endedAt: string | null
  state: MeetingState
  snapshot: MeetingSnapshot | null
}

/** Per owner or team: what the accountability table shows. */
export interface Accountability {
  open: number
  overdue: number
  doneOnTime: number
  doneLate: number
  carriedTwiceOrMore: number
}

/** What `report board --json` prints. */
export interface BoardReport {
  asOf: string
  open: number
  overdue: number
  /** Open items carried at least once. */
  carried: number
  byOwner: Record<string, Accountability>
  byTeam: Record<ActionTeam, Accountability>
  meeting: { id: number; title: string; scheduledAt: string; state: MeetingState } | null
  snapshot: MeetingSnapshot | null
  sinceLast: SinceLast | null
}

export interface BoardFilter {
  owner: string | null
  team: ActionTeam | null
  /** A meeting's items; null: the current (or next) meeting's. */
  meetingId: number | null
  overdueOnly: boolean
}

export interface BoardData {
  today: string
  /** The meeting in progress, else the next one planned, else null. */
  current: Meeting | null
  /** The latest ended meeting (what "last time" was). */
  previous: Meeting | null
  meetings: { id: number; title: string; scheduledAt: string; state: MeetingState }[]
  /** The proposed date-time of the next meeting on the team's cadence. */
  proposedNext: string
  items: ActionItem[]
  links: Record<number, LinkState>
  owners: string[]
  accountability: { byOwner: Record<string, Accountability>; byTeam: Record<ActionTeam, Accountability> }
}

// ---------------------------------------------------------------------------------------------------
// Argument schemas (shared by the IPC contract and the CLI)

const isoDateRe = /^\d{4}-\d{2}-\d{2}$/
export const dueDateSchema = z
  .string()
  .regex(isoDateRe, 'a due date must be a date as YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'a due date must be a real date',
  )
export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'must be a date and time as YYYY-MM-DDTHH:MM')
const title = z.string().trim().min(1, 'an action item needs a title').max(200, 'a title is at most 200 characters')
const linkSchema = z.strictObject({ kind: z.enum(ACTION_LINK_KINDS), id: z.string().min(1).max(500), label: z.string().max(500) })

export const newActionSchema = z.strictObject({
  title,
  notes: z.string().max(5000),
  owner: z.string().trim().max(200),
  team: z.enum(ACTION_TEAMS),
  dueDate: dueDateSchema.nullable(),
  link: linkSchema.nullable(),
})
export type NewAction = z.infer<typeof newActionSchema>

export const actionEditSchema = z.strictObject({
  title: title.optional(),
  notes: z.string().max(5000).optional(),
  owner: z.string().trim().max(200).optional(),
  team: z.enum(ACTION_TEAMS).optional(),
  dueDate: dueDateSchema.nullable().optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  /** Order within the column: an undo puts a card back exactly where it was. */
  position: z.number().finite().optional(),
})
export type ActionEdit = z.infer<typeof actionEditSchema>

export const meetingEditSchema = z.strictObject({
  title: z.string().trim().min(1, 'a meeting needs a title').max(200).optional(),
  scheduledAt: localDateTimeSchema.optional(),
  attendees: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  agenda: z.string().max(10_000).optional(),
  notes: z.string().max(50_000).optional(),
  decisions: z.array(z.string().trim().min(1).max(1000)).max(200).optional(),
})
export type MeetingEdit = z.infer<typeof meetingEditSchema>

export const boardFilterSchema = z.strictObject({
  owner: z.string().max(200).nullable(),
  team: z.enum(ACTION_TEAMS).nullable(),
  meetingId: z.number().int().positive().nullable(),
  overdueOnly: z.boolean(),
})

export const MINUTES_FORMATS = ['md', 'csv', 'ics', 'pdf'] as const
export type MinutesFormat = (typeof MINUTES_FORMATS)[number]

export const ALL_ITEMS: BoardFilter = { owner: null, team: null, meetingId: null, overdueOnly: false }

/** The title the minutes' print view sets once the minutes are on the page; the PDF printer waits for it. */
export const PRINT_READY_TITLE = 'tandem-print-ready'

/** The print view's route: `#print/minutes/<id>`. */
export const minutesPrintHash = (meetingId: number): string => `#print/minutes/${meetingId}`

/** The page a meeting's minutes PDF is printed from: the app's own URL with the print view's route. */
export const minutesPrintUrl = (appUrl: string, meetingId: number): string =>
  `${appUrl.split('#')[0] ?? appUrl}${minutesPrintHash(meetingId)}`
