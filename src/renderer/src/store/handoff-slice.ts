import type { StateCreator } from 'zustand'
import type {
  FunnelReport,
  GradeHistory,
  HandoffOverview,
  LeadDetail,
  LeadRow,
  LeadTableQuery,
  MonthTrend,
  MqlTarget,
} from '@shared/handoff'
import { DEFAULT_LEAD_QUERY } from '@shared/handoff'
import { api, call, messageOf } from '../api'
import type { Store } from './index'

/** Rows per page of the lead table (a page is one round trip; the list renders only what is visible). */
export const LEAD_PAGE_SIZE = 100

export interface HandoffWindow {
  /** The as-of time as typed (a local date-time of the workspace zone), or null for now. */
  asOf: string | null
  from: string | null
  to: string | null
}

export interface HandoffSlice {
  handoffWindow: HandoffWindow
  handoffOverview: HandoffOverview | null
  handoffLoading: boolean
  handoffError: string | null
  handoffTrends: MonthTrend[] | null
  gradeHistory: GradeHistory[]
  mqlTargets: MqlTarget[]
  facets: { owners: string[]; grades: string[]; sources: string[] } | null
  funnelWindow: { from: string | null; to: string | null }
  funnel: FunnelReport | null
  funnelLoading: boolean
  funnelError: string | null
  leadQuery: LeadTableQuery
  /** Loaded pages of the current query, by page number. */
  leadPages: Record<number, LeadRow[]>
  leadTotal: number | null
  leadTableError: string | null
  /** Bumped whenever the table's query, T or data change: answers to an older query are dropped. */
  leadTableVersion: number
  openLead: LeadDetail | null
  openLeadError: string | null
  loadHandoff(): Promise<void>
  setHandoffWindow(update: Partial<HandoffWindow>): void
  loadFunnel(): Promise<void>
  setFunnelWindow(window: { from: string | null; to: string | null }): void
  setLeadQuery(update: Partial<LeadTableQuery>): void
  loadLeadPage(page: number): Promise<void>
  openLeadDetail(id: number): Promise<void>
  closeLead(): void
  saveMqlTarget(month: string, mqls: number | null): Promise<boolean>
  resetHandoff(): void
}

/** Pages being fetched, as `version:page`, so scrolling does not ask for the same page twice. */
const inFlight = new Set<string>()

/**
 * The instant every call of one view state uses: the overview's T. With "now" the main process picks
 * the time; the table and the timeline then use that same instant, so their statuses match the numbers.
 */
function effectiveAsOf(s: Store): string | null {
  return s.handoffOverview?.scope.asOf ?? s.handoffWindow.asOf
}

export const createHandoffSlice: StateCreator<Store, [], [], HandoffSlice> = (set, get) => ({
  handoffWindow: { asOf: null, from: null, to: null },
  handoffOverview: null,
  handoffLoading: false,
  handoffError: null,
  handoffTrends: null,
  gradeHistory: [],
  mqlTargets: [],
  facets: null,
  funnelWindow: { from: null, to: null },
  funnel: null,
  funnelLoading: false,
  funnelError: null,
  leadQuery: DEFAULT_LEAD_QUERY,
  leadPages: {},
  leadTotal: null,
  leadTableError: null,
  leadTableVersion: 0,
  openLead: null,
  openLeadError: null,

  async loadHandoff() {
    const window = get().handoffWindow
    set({ handoffLoading: true, handoffError: null })
    try {
      const h = api().handoff
      const [overview, trends, gradeHistory, mqlTargets, facets] = await Promise.all([
        call(h.overview(window)),
        call(h.trends(window.asOf)),
        call(h.gradeHistory()),
        call(h.mqlTargets()),
        call(h.facets()),
      ])
      // A newer window was asked for while this one loaded: its answer wins.
      if (get().handoffWindow !== window) return
      set((s) => ({
        handoffOverview: overview,
        handoffTrends: trends,
        gradeHistory,
        mqlTargets,
        facets,
        leadPages: {},
        leadTotal: null,
        leadTableError: null,
        leadTableVersion: s.leadTableVersion + 1,
      }))
      const open = get().openLead
      if (open) void get().openLeadDetail(open.id)
    } catch (e) {
      if (get().handoffWindow === window) set({ handoffError: messageOf(e) })
    } finally {
      if (get().handoffWindow === window) set({ handoffLoading: false })
    }
  },

  setHandoffWindow(update) {
    set((s) => ({ handoffWindow: { ...s.handoffWindow, ...update } }))
    void get().loadHandoff()
    // The funnel counts what had happened by the as-of time: a new T is a new funnel.
    if (update.asOf !== undefined) void get().loadFunnel()
  },

  async loadFunnel() {
    const window = get().funnelWindow
    set({ funnelLoading: true, funnelError: null })
    try {
      const funnel = await call(api().handoff.funnel({ ...window, asOf: get().handoffWindow.asOf }))
      if (get().funnelWindow === window) set({ funnel })
    } catch (e) {
      if (get().funnelWindow === window) set({ funnelError: messageOf(e) })
    } finally {
      if (get().funnelWindow === window) set({ funnelLoading: false })
    }
  },

  setFunnelWindow(window) {
    set({ funnelWindow: window })
    void get().loadFunnel()
  },

  setLeadQuery(update) {
    set((s) => ({
      leadQuery: { ...s.leadQuery, ...update },
      leadPages: {},
      leadTotal: null,
      leadTableError: null,
      leadTableVersion: s.leadTableVersion + 1,
    }))
  },

  async loadLeadPage(page) {
    const s = get()
    const version = s.leadTableVersion
    const key = `${version}:${page}`
    if (s.leadPages[page] || inFlight.has(key) || !s.handoffOverview) return
    inFlight.add(key)
    try {
      const result = await call(
        api().handoff.leads({ ...s.leadQuery, asOf: effectiveAsOf(s), offset: page * LEAD_PAGE_SIZE, limit: LEAD_PAGE_SIZE }),
      )
      if (get().leadTableVersion !== version) return
      set((cur) => ({ leadPages: { ...cur.leadPages, [page]: result.rows }, leadTotal: result.total }))
    } catch (e) {
      if (get().leadTableVersion === version) set({ leadTableError: messageOf(e) })
    } finally {
      inFlight.delete(key)
    }
  },

  async openLeadDetail(id) {
    set({ openLeadError: null })
    try {
      set({ openLead: await call(api().handoff.lead(id, effectiveAsOf(get()))) })
    } catch (e) {
      set({ openLead: null, openLeadError: messageOf(e) })
    }
  },

  closeLead() {
    set({ openLead: null, openLeadError: null })
  },

  async saveMqlTarget(month, mqls) {
    try {
      set({ mqlTargets: await call(api().handoff.setMqlTarget(month, mqls)) })
      await get().loadHandoff()
      return true
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
      return false
    }
  },

  resetHandoff() {
    set((s) => ({
      handoffOverview: null,
      handoffError: null,
      handoffTrends: null,
      gradeHistory: [],
      mqlTargets: [],
      facets: null,
      funnel: null,
      funnelError: null,
      leadQuery: DEFAULT_LEAD_QUERY,
      leadPages: {},
      leadTotal: null,
      leadTableError: null,
      leadTableVersion: s.leadTableVersion + 1,
      openLead: null,
      openLeadError: null,
    }))
  },
})
