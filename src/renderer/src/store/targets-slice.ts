import type { StateCreator } from 'zustand'
import { isPeriod } from '@shared/time/periods'
import { MQL_SEGMENT, type DealDetail, type TargetEdit, type TargetEntry, type TargetsViewData, type Team } from '@shared/targets'
import { api, call, messageOf } from '../api'
import type { Store } from './index'

/** What a target row is for, as the editor names it: a team, and for MQLs a fixed segment. */
export const TARGET_KINDS = {
  revenue: { label: 'Joint revenue', team: '' },
  bookings: { label: 'Sales: bookings', team: 'sales' },
  pipeline: { label: 'Marketing: sourced pipeline', team: 'marketing' },
  mqls: { label: 'Marketing: MQLs (count)', team: 'marketing' },
} as const satisfies Record<string, { label: string; team: Team }>
export type TargetKind = keyof typeof TARGET_KINDS

export interface EditorRow {
  /** Stable React key. */
  id: number
  period: string
  kind: TargetKind
  segment: string
  /** Decimal text as typed, in the home currency (MQLs: a count). */
  amount: string
  /** The stored target this row shows, or null for a row added in the editor. */
  origin: TargetEntry | null
}

export interface TargetEditorState {
  fiscalYear: string
  rows: EditorRow[]
  /** Every target of the fiscal year as loaded, to tell removed ones. */
  loaded: TargetEntry[]
}

export interface TargetsSlice {
  targetsReport: TargetsViewData | null
  /** The period and as-of date asked for; unset means this quarter and today. */
  targetsQuery: { period?: string; asOf?: string }
  targetsLoading: boolean
  targetsError: string | null
  loadTargets(): Promise<void>
  /**
   * Changes the period and/or the as-of date asked for (`asOf: null` goes back to today). Changes merge
   * into what was asked last, not into the report on screen, which may still be on its way.
   */
  setTargetsQuery(change: { period?: string; asOf?: string | null }): void
  targetEditor: TargetEditorState | null
  targetEditorBusy: boolean
  targetEditorError: string | null
  /** Opens the editor on the fiscal year of the period shown; `add` starts a new row for that period. */
  openTargetEditor(options?: { add?: boolean }): Promise<void>
  editTargetRows(update: (rows: EditorRow[]) => EditorRow[]): void
  closeTargetEditor(): void
  saveTargetEditor(): Promise<void>
  /** The deal a link opened (shown over the Targets view), or why it could not be opened. */
  openDeal: DealDetail | null
  openDealError: string | null
  openDealDetail(id: number): Promise<void>
  closeDeal(): void
  /** Adds settings rows for the given unmapped values (or rate-less currencies) and opens Settings. */
  mapInSettings(values: { stages?: string[]; sources?: string[]; currencies?: string[] }): Promise<void>
}

let nextRowId = 1
/** Answers to older requests are dropped: the user may pick periods faster than reports arrive. */
let latestRequest = 0

function kindOf(entry: { team: Team; segment: string }): TargetKind {
  if (entry.team === 'sales') return 'bookings'
  if (entry.team === 'marketing') return entry.segment === MQL_SEGMENT ? 'mqls' : 'pipeline'
  return 'revenue'
}

/** Amount text without grouping, as an input shows it (12500.5 -> "12500.5"). */
const amountText = (amount: number): string => String(amount)

export function rowOf(entry: TargetEntry): EditorRow {
  const kind = kindOf(entry)
  return {
    id: nextRowId++,
    period: entry.period,
    kind,
    segment: kind === 'mqls' ? '' : entry.segment,
    amount: amountText(entry.amount),
    origin: entry,
  }
}

export function newRow(period: string): EditorRow {
  return { id: nextRowId++, period, kind: 'revenue', segment: '', amount: '', origin: null }
}

function keyOf(e: { period: string; team: string; segment: string }): string {
  return `${e.period}|${e.team}|${e.segment}`
}

function target(row: EditorRow): { period: string; team: Team; segment: string } {
  const { team } = TARGET_KINDS[row.kind]
  return { period: row.period.trim(), team, segment: row.kind === 'mqls' ? MQL_SEGMENT : row.segment.trim() }
}

/**
 * The edits that turn the loaded targets into the rows on screen: rows that are new or changed are set,
 * loaded targets that no row holds any more are removed. Untouched rows are not sent (a target stored
 * in another currency stays as it is). Returns the problems to fix first, if any.
 */
export function editsOf(editor: TargetEditorState): { edits: TargetEdit[]; problems: string[] } {
  const problems: string[] = []
  const edits: TargetEdit[] = []
  const kept = new Set<string>()
  const seen = new Map<string, number>()
  editor.rows.forEach((row, i) => {
    const t = target(row)
    const key = keyOf(t)
    const where = `Row ${i + 1}`
    if (!isPeriod(t.period)) problems.push(`${where}: "${row.period}" is not a period (write 2025-08, 2025-Q3 or FY2025).`)
    if (row.amount.trim() === '') problems.push(`${where}: enter an amount, or remove the row.`)
    const first = seen.get(key)
    if (first !== undefined) problems.push(`${where}: the same target as row ${first + 1}.`)
    else seen.set(key, i)
    kept.add(key)
    const origin = row.origin
    const unchanged = origin !== null && keyOf(origin) === key && amountText(origin.amount) === row.amount.trim()
    if (!unchanged) edits.push({ ...t, amount: row.amount.trim() })
  })
  for (const entry of editor.loaded) {
    if (!kept.has(keyOf(entry))) edits.push({ period: entry.period, team: entry.team, segment: entry.segment, amount: null })
  }
  return { edits, problems }
}

export const createTargetsSlice: StateCreator<Store, [], [], TargetsSlice> = (set, get) => ({
  targetsReport: null,
  targetsQuery: {},
  targetsLoading: false,
  targetsError: null,
  targetEditor: null,
  targetEditorBusy: false,
  targetEditorError: null,
  openDeal: null,
  openDealError: null,

  async openDealDetail(id) {
    set({ openDeal: null, openDealError: null })
    try {
      set({ openDeal: await call(api().targets.deal(id)) })
    } catch (e) {
      set({ openDealError: messageOf(e) })
    }
  },

  closeDeal() {
    set({ openDeal: null, openDealError: null })
  },

  async loadTargets() {
    const request = ++latestRequest
    set({ targetsLoading: true })
    try {
      const report = await call(api().targets.report(get().targetsQuery))
      if (request === latestRequest) set({ targetsReport: report, targetsError: null })
    } catch (e) {
      if (request === latestRequest) set({ targetsError: messageOf(e) })
    } finally {
      if (request === latestRequest) set({ targetsLoading: false })
    }
  },

  setTargetsQuery(change) {
    const { period, asOf } = { ...get().targetsQuery, ...change }
    set({ targetsQuery: { ...(period ? { period } : {}), ...(asOf ? { asOf } : {}) } })
    void get().loadTargets()
  },

  async openTargetEditor(options) {
    const period = get().targetsReport?.period ?? get().targetsQuery.period
    if (!period) return
    set({ targetEditorBusy: true, targetEditorError: null })
    try {
      const { fiscalYear, entries } = await call(api().targets.list(period))
      const rows = entries.map(rowOf)
      if (options?.add || rows.length === 0) rows.push(newRow(period))
      set({ targetEditor: { fiscalYear, rows, loaded: entries } })
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
    } finally {
      set({ targetEditorBusy: false })
    }
  },

  editTargetRows(update) {
    const editor = get().targetEditor
    if (editor) set({ targetEditor: { ...editor, rows: update(editor.rows) }, targetEditorError: null })
  },

  closeTargetEditor() {
    set({ targetEditor: null, targetEditorError: null })
  },

  async saveTargetEditor() {
    const editor = get().targetEditor
    if (!editor) return
    const { edits, problems } = editsOf(editor)
    if (problems.length > 0) {
      set({ targetEditorError: problems.join(' ') })
      return
    }
    if (edits.length === 0) {
      set({ targetEditor: null })
      return
    }
    set({ targetEditorBusy: true, targetEditorError: null })
    try {
      const outcome = await call(api().targets.save(edits))
      set({ targetEditor: null })
      get().notify({
        level: 'info',
        message:
          outcome.batchId === null
            ? 'The targets were already like that; nothing to save.'
            : `Targets saved as import #${outcome.batchId} ("Edited in Tandem"); undo it from Import history.`,
      })
      await get().loadTargets()
    } catch (e) {
      set({ targetEditorError: messageOf(e) })
    } finally {
      set({ targetEditorBusy: false })
    }
  },

  async mapInSettings({ stages = [], sources = [], currencies = [] }) {
    if (!get().settingsDraft) await get().loadSettings()
    if (!get().settingsDraft) return
    get().editSettings((d) => ({
      ...d,
      stages: [...d.stages, ...stages.map((match) => ({ match, category: 'open' as const, probability: '' }))],
      sources: [...d.sources, ...sources.map((match) => ({ match, sourcedBy: 'marketing' as const }))],
      fxRates: [...d.fxRates, ...currencies.map((code) => ({ code, rate: '' }))],
    }))
    set({ settingsFocus: currencies.length > 0 ? 'fx' : stages.length > 0 ? 'stages' : 'sources' })
    get().navigate('settings')
    const n = stages.length + sources.length + currencies.length
    get().notify({
      level: 'info',
      message: `${n === 1 ? 'One row was' : `${n} rows were`} added at the end of the list: choose what ${n === 1 ? 'it means' : 'each means'}, then save the settings.`,
    })
  },
})
