import { z } from 'zod'
import type { Result } from './result'
import type {
  AppInfo,
  DamagedWorkspace,
  FileRef,
  ListedBackup,
  Notice,
  RecentWorkspace,
  SettingsState,
  ViewId,
  WorkspaceExport,
  WorkspaceInfo,
} from './types'
import { BACKUP_KINDS, VIEWS } from './types'
import type { BatchSummary, FileInspection, ImportOutcome, ImportProgress, ListedProblem, UndoOutcome } from './import/outcome'
import { CRMS, DATE_ORDERS, IMPORT_KINDS } from './import/types'
import {
  asOfSchema,
  funnelQuerySchema,
  handoffQuerySchema,
  leadQuerySchema,
  type FunnelReport,
  type GradeHistory,
  type HandoffOverview,
  type LeadDetail,
  type LeadPage,
  type MonthTrend,
  type MqlTarget,
} from './handoff'
import {
  ACTION_STATUSES,
  MINUTES_FORMATS,
  actionEditSchema,
  boardFilterSchema,
  meetingEditSchema,
  newActionSchema,
  type ActionItem,
  type BoardData,
  type BoardReport,
  type Meeting,
} from './board'
import { isPeriod } from './time/periods'
import { STAGE_CATEGORIES, isIsoDate } from './settings'
import { TEAMS, type DealDetail, type TargetEntry, type TargetSaveOutcome, type TargetsViewData, type UndatedDeal } from './targets'
import type { RoiViewData } from './roi'
import { controlSchema, type Deck, type DeckSettings, type PresentationState, type PresenterDeck } from './presentation'

/**
 * The one IPC contract. Every channel is `domain:verb`, declared here and nowhere else: the preload
 * builds `window.api` from this object, the main process registers exactly these handlers, and both
 * sides take their types from it. `args` validates what the renderer sends (the main process never
 * trusts it); `result` is a type-only marker for what comes back inside `{ok, data}`.
 */

declare const resultBrand: unique symbol
type Returns<T> = { readonly [resultBrand]?: T }
const returns = <T>(): Returns<T> => ({})

const none = z.tuple([])
/**
 * The page never names a file: where a channel reads a file it takes a handle the main process minted
 * (src/main/services/file-handles.ts) for a file the user chose or dropped, or an id of a file the main
 * process listed (a recent workspace, a backup). A path, a URL or a file name is not one.
 */
const fileHandle = z.string().regex(/^fh_[A-Za-z0-9_-]{22}$/, 'not a file handle: choose or drop the file in Tandem')

const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a job id')
const batchId = z.number().int().positive()
const fieldSource = z.union([
  z.strictObject({ column: z.number().int().min(0).max(100_000), header: z.string().max(1000) }),
  z.strictObject({ constant: z.string().max(1000) }),
])
const importSettings = z.strictObject({
  kind: z.enum(IMPORT_KINDS),
  sourceSystem: z.string().trim().min(1).max(100),
  sheet: z.string().max(255).nullable(),
  headerRow: z.number().int().min(1).max(10_000_000),
  dateOrder: z.enum(DATE_ORDERS),
  decimal: z.enum(['.', ',']),
  probabilityScale: z.enum(['fraction', 'percent']),
  mapping: z.record(z.string().max(64), fieldSource),
  wide: z
    .strictObject({
      labelColumn: z.number().int().min(0).max(100_000).nullable(),
      periodColumns: z.array(z.strictObject({ column: z.number().int().min(0).max(100_000), period: z.string().max(16) })).max(1000),
    })
    .nullable(),
})
const importRequest = importSettings.extend({ file: fileHandle })
const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
const inspectOverrides = z.strictObject({
  sheet: z.string().max(255).optional(),
  headerRow: z.number().int().min(1).max(10_000_000).optional(),
  kind: z.enum(IMPORT_KINDS).optional(),
  crm: z.enum(CRMS).optional(),
})

const period = z.string().max(16).refine(isPeriod, 'not a period (write 2025-08, 2025-Q3 or FY2025)')
const isoDate = z.string().max(10).refine(isIsoDate, 'not a date (write YYYY-MM-DD)')
const targetEdit = z.strictObject({
  period,
  team: z.enum(TEAMS),
  segment: z.string().max(100),
  /** Decimal text in the home currency (for an MQL target, a count); null removes the target. */
  amount: z.string().max(40).nullable(),
})

export const contract = {
  app: {
    info: { args: none, result: returns<AppInfo>() },
    /**
     * Opens an https:/mailto: link without a query string in the user's browser or mail program, after
     * the user confirms a main-process dialog that shows the full URL; true when it was opened.
     */
    openExternal: { args: z.tuple([z.string().max(2048)]), result: returns<boolean>() },
  },
  workspace: {
    current: { args: none, result: returns<WorkspaceInfo>() },
    /** Asks where to create a new workspace, creates it and switches to it; null when cancelled. */
    create: { args: none, result: returns<WorkspaceInfo | null>() },
    /** Asks for a workspace file and switches to it; null when cancelled. */
    open: { args: none, result: returns<WorkspaceInfo | null>() },
    /** The last workspace refused as damaged since start-up, and its newest verified backup; null when none. */
    damaged: { args: none, result: returns<DamagedWorkspace | null>() },
    /**
     * Puts the newest verified backup of the workspace `damaged` names in its place (the damaged file is kept
     * beside it as `<name>.damaged-<time>`) and opens it.
     */
    restoreDamaged: { args: none, result: returns<WorkspaceInfo>() },
    /** Opens a recent workspace by the id `recent` listed it with. */
    openRecent: { args: z.tuple([fileHandle]), result: returns<WorkspaceInfo>() },
    /** Copies the workspace (SQLite online backup) to a chosen file and switches to the copy. */
    saveAs: { args: none, result: returns<WorkspaceInfo | null>() },
    recent: { args: none, result: returns<RecentWorkspace[]>() },
    /**
     * Asks where to save (the main process's save dialog: the page never names a path) and writes every
     * table as CSV plus the settings into one zip; null when cancelled.
     */
    exportAll: { args: none, result: returns<WorkspaceExport | null>() },
    /** Shows the workspace file in the system's file manager: the page never learns where it is. */
    reveal: { args: none, result: returns<null>() },
  },
  backups: {
    list: { args: none, result: returns<ListedBackup[]>() },
    create: { args: none, result: returns<ListedBackup>() },
    /** Replaces the workspace with a backup (by the id `list` gave it), after backing up the current state first. */
    restore: { args: z.tuple([fileHandle]), result: returns<WorkspaceInfo>() },
    /** Shows the workspace's backups folder (its newest backup) in the system's file manager. */
    reveal: { args: none, result: returns<null>() },
  },
  settings: {
    get: { args: none, result: returns<SettingsState>() },
    /** The document is checked in the main process against the settings schema. */
    save: { args: z.tuple([z.unknown()]), result: returns<SettingsState>() },
    defaults: { args: none, result: returns<SettingsState['settings']>() },
    /** Asks where to write the settings as JSON; returns the file's name, or null when cancelled. */
    exportFile: { args: none, result: returns<string | null>() },
    /** Asks for a settings JSON file, checks it and saves it; null when cancelled. */
    importFile: { args: none, result: returns<SettingsState | null>() },
  },
  import: {
    /** Asks for a CSV/XLSX file to import; returns a handle for it, or null when cancelled. */
    chooseFile: { args: none, result: returns<FileRef | null>() },
    inspect: { args: z.tuple([fileHandle, inspectOverrides.optional()]), result: returns<FileInspection>() },
    /** Runs the import in a rolled-back transaction: exactly what a commit would change. A commit spends the file's handle. */
    preview: { args: z.tuple([jobId, importRequest]), result: returns<ImportOutcome>() },
    commit: { args: z.tuple([jobId, importRequest]), result: returns<ImportOutcome>() },
    cancel: { args: z.tuple([jobId]), result: returns<boolean>() },
    history: { args: none, result: returns<BatchSummary[]>() },
    problems: {
      args: z.tuple([batchId, z.number().int().min(0), z.number().int().min(1).max(1000)]),
      result: returns<{ total: number; items: ListedProblem[] }>(),
    },
    undo: { args: z.tuple([batchId]), result: returns<UndoOutcome>() },
    /** Asks where to save the invalid rows (of a preview or a batch) as CSV; returns the file's name or null. */
    saveProblems: {
      args: z.tuple([z.union([z.strictObject({ jobId }), z.strictObject({ batchId })])]),
      result: returns<string | null>(),
    },
  },
  handoff: {
    /** The scorecard, backlog and window metrics at an as-of time (null: now) over a window. */
    overview: { args: z.tuple([handoffQuerySchema]), result: returns<HandoffOverview>() },
    /** Rejection reasons and recycled leads per month, the 12 months up to the as-of time. */
    trends: { args: z.tuple([asOfSchema.nullable()]), result: returns<MonthTrend[]>() },
    funnel: { args: z.tuple([funnelQuerySchema]), result: returns<FunnelReport>() },
    /** One page of the lead table, filtered, searched and sorted in the database. */
    leads: { args: z.tuple([leadQuerySchema]), result: returns<LeadPage>() },
    lead: { args: z.tuple([rowId, asOfSchema.nullable()]), result: returns<LeadDetail>() },
    /** The owners, grades and sources the table can be filtered by ('' = none). */
    facets: { args: none, result: returns<{ owners: string[]; grades: string[]; sources: string[] }>() },
    gradeHistory: { args: none, result: returns<GradeHistory[]>() },
    mqlTargets: { args: none, result: returns<MqlTarget[]>() },
    /** Sets a month's MQL target, or removes it with null; returns every target. */
    setMqlTarget: {
      args: z.tuple([month, z.number().int().min(1).max(10_000_000).nullable()]),
      result: returns<MqlTarget[]>(),
    },
  },
  board: {
    /** The board: the current meeting's items (or a past meeting's), filtered, with links, accountability and meetings. */
    view: { args: z.tuple([boardFilterSchema]), result: returns<BoardData>() },
    meeting: { args: z.tuple([rowId]), result: returns<Meeting>() },
    /** The items a meeting's minutes list (its own and those carried through it). */
    meetingItems: { args: z.tuple([rowId]), result: returns<ActionItem[]>() },
    /** Plans or edits the next meeting (title, time, attendees, agenda, notes, decisions). */
    saveMeeting: { args: z.tuple([meetingEditSchema]), result: returns<Meeting>() },
    /** Starts the next meeting: freezes its snapshot and since-last-meeting. */
    startMeeting: { args: z.tuple([z.strictObject({ title: z.string().max(200).optional() })]), result: returns<Meeting>() },
    endMeeting: { args: z.tuple([rowId]), result: returns<{ meeting: Meeting; next: Meeting; carried: number }>() },
    createItem: { args: z.tuple([newActionSchema]), result: returns<ActionItem>() },
    /** Quick capture: `Follow up webinar leads @rep7 #marketing due:fri`. */
    capture: { args: z.tuple([z.string().max(500)]), result: returns<ActionItem>() },
    editItem: { args: z.tuple([rowId, actionEditSchema]), result: returns<ActionItem>() },
    /** Moves a card to a column, before another card (null: at the end). */
    moveItem: { args: z.tuple([rowId, z.enum(ACTION_STATUSES), rowId.nullable()]), result: returns<ActionItem>() },
    /** Deletes an item; restoreItem undoes that until the meeting ends. */
    removeItem: { args: z.tuple([rowId]), result: returns<null>() },
    restoreItem: { args: z.tuple([rowId]), result: returns<ActionItem>() },
    report: { args: none, result: returns<BoardReport>() },
    /** Asks where to save a meeting's minutes (md, pdf) or action items (csv, ics); returns the file name, or null when cancelled. */
    exportMinutes: { args: z.tuple([rowId, z.enum(MINUTES_FORMATS)]), result: returns<string | null>() },
  },
  targets: {
    /** The Targets metrics of a period (default: this quarter) as of a date (default: today). */
    report: {
      args: z.tuple([z.strictObject({ period: period.optional(), asOf: isoDate.optional() })]),
      result: returns<TargetsViewData>(),
    },
    /** The targets in effect for the fiscal year a period belongs to, for the editor. */
    list: { args: z.tuple([period]), result: returns<{ fiscalYear: string; entries: TargetEntry[] }>() },
    /** Saves edited targets as one undoable batch ("Edited in Tandem" in the import history). */
    save: { args: z.tuple([z.array(targetEdit).min(1).max(2000)]), result: returns<TargetSaveOutcome>() },
    /** Deals of a stage category without a close date (in no period), the largest first (at most 500). */
    undated: { args: z.tuple([z.enum(STAGE_CATEGORIES)]), result: returns<UndatedDeal[]>() },
    /** One deal (by row id) and the leads linked to it, as a board item's link opens it; NOT_FOUND once its import is undone. */
    deal: { args: z.tuple([rowId]), result: returns<DealDetail>() },
  },
  roi: {
    /** The Marketing ROI figures per campaign and channel of a period (default: this quarter) as of a date (default: today). */
    report: {
      args: z.tuple([z.strictObject({ period: period.optional(), asOf: isoDate.optional() })]),
      result: returns<RoiViewData>(),
    },
  },
  presentation: {
    /** The deck's settings (order, hidden slides, dwell, notes, profile, theme, stale threshold, profiles). */
    settings: { args: none, result: returns<DeckSettings>() },
    /** Checked in the main process against the deck schema; saved in the workspace. */
    saveSettings: { args: z.tuple([z.unknown()]), result: returns<DeckSettings>() },
    /** The audience's slides, redacted in the main process by the deck's profile (or the one named, for a preview). */
    deck: { args: z.tuple([z.strictObject({ profile: z.string().max(40).optional() })]), result: returns<Deck>() },
    /** The presenter view: the audience's slides, the same unredacted, and the notes. */
    presenterDeck: { args: none, result: returns<PresenterDeck>() },
    state: { args: none, result: returns<PresentationState>() },
    /** Starts presenting (an audience window opens on a second display); presenterView: the presenter view on one display. */
    start: { args: z.tuple([z.strictObject({ presenterView: z.boolean() })]), result: returns<PresentationState>() },
    /** Next, previous, go to, blank, pause: every window follows the state the main process holds. */
    control: { args: z.tuple([controlSchema]), result: returns<PresentationState>() },
    stop: { args: none, result: returns<PresentationState>() },
  },
} as const

/** Events the main process pushes to the renderer (`event:<name>`). */
export const events = {
  workspaceChanged: returns<WorkspaceInfo>(),
  navigate: returns<ViewId>(),
  /** Something the user should read that did not come from a call of theirs (a menu action's error). */
  notice: returns<Notice>(),
  /** Progress of a running import (a few times a second). */
  importProgress: returns<ImportProgress>(),
  /** Imported data changed (an import committed or was undone): views reload what they show. */
  dataChanged: returns<null>(),
  /** The meeting board changed (a meeting started or ended, an item moved): board views reload. */
  boardChanged: returns<null>(),
  /** File > Import: open the file chooser of the Import view. */
  importFile: returns<null>(),
  /** View > Present (F5): start presenting. */
  present: returns<null>(),
  /** The presentation moved (slide, blank, pause, start, stop): every window follows. */
  presentationState: returns<PresentationState>(),
} as const

export const viewSchema = z.enum(VIEWS)
export const backupKindSchema = z.enum(BACKUP_KINDS)

export type Contract = typeof contract
export type Domain = keyof Contract
export type Verb<D extends Domain> = keyof Contract[D] & string
export type Channel = { [D in Domain]: `${D}:${Verb<D>}` }[Domain]

type Def = { args: z.ZodType; result: Returns<unknown> }
type AsList<A> = A extends unknown[] ? A : never
export type ArgsIn<T> = T extends Def ? AsList<z.input<T['args']>> : never
export type ArgsOut<T> = T extends Def ? AsList<z.output<T['args']>> : never
export type ResultOf<T> = T extends { result: Returns<infer R> } ? R : never

export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = (typeof events)[E] extends Returns<infer P> ? P : never

/**
 * The private channel over which the preload registers a dropped file's path (resolved with Electron's
 * `webUtils.getPathForFile`). It is not part of the contract, so `window.api` has no function for it: the
 * page hands over the File object and gets a handle back, never a path in either direction.
 */
export const DROPPED_FILE_CHANNEL = 'private:droppedFile'

/** What the renderer sees as `window.api`. */
export type Api = ContractApi & {
  /** A handle for a file dropped on the window (null when it has no file on disk, e.g. a dragged text snippet). */
  droppedFile(file: File): Promise<Result<FileRef | null>>
}

type ContractApi = {
  [D in Domain]: {
    [V in Verb<D>]: (...args: ArgsIn<Contract[D][V]>) => Promise<Result<ResultOf<Contract[D][V]>>>
  }
} & {
  on: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void }
}

export const channelOf = (domain: string, verb: string): string => `${domain}:${verb}`
export const eventChannelOf = (name: string): string => `event:${name}`

/** Every channel with its argument schema, for registration and tests. */
export function allChannels(): { channel: Channel; domain: Domain; verb: string; args: z.ZodType }[] {
  return (Object.keys(contract) as Domain[]).flatMap((domain) =>
    Object.entries(contract[domain] as Record<string, Def>).map(([verb, def]) => ({
      channel: channelOf(domain, verb) as Channel,
      domain,
      verb,
      args: def.args,
    })),
  )
}
