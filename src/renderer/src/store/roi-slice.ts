import type { StateCreator } from 'zustand'
import type { RoiSortKey, RoiViewData } from '@shared/roi'
import { api, call, messageOf } from '../api'
import type { Store } from './index'

export interface RoiSort {
  key: RoiSortKey
  descending: boolean
}

export interface RoiSlice {
  roiReport: RoiViewData | null
  /** The period and as-of date asked for; unset means this quarter and today. */
  roiQuery: { period?: string; asOf?: string }
  roiLoading: boolean
  roiError: string | null
  /** How the campaign and channel tables are sorted (the rows are few: sorted on screen). */
  roiSort: RoiSort
  loadRoi(): Promise<void>
  setRoiQuery(change: { period?: string; asOf?: string | null }): void
  /** Sorts by a column; the same column again reverses the order. */
  sortRoi(key: RoiSortKey): void
}

/** Answers to older requests are dropped: the user may pick periods faster than reports arrive. */
let latestRequest = 0

export const createRoiSlice: StateCreator<Store, [], [], RoiSlice> = (set, get) => ({
  roiReport: null,
  roiQuery: {},
  roiLoading: false,
  roiError: null,
  roiSort: { key: 'sourcedWon', descending: true },

  async loadRoi() {
    const request = ++latestRequest
    set({ roiLoading: true })
    try {
      const report = await call(api().roi.report(get().roiQuery))
      if (request === latestRequest) set({ roiReport: report, roiError: null })
    } catch (e) {
      if (request === latestRequest) set({ roiError: messageOf(e) })
    } finally {
      if (request === latestRequest) set({ roiLoading: false })
    }
  },

  setRoiQuery(change) {
    const { period, asOf } = { ...get().roiQuery, ...change }
    set({ roiQuery: { ...(period ? { period } : {}), ...(asOf ? { asOf } : {}) } })
    void get().loadRoi()
  },

  sortRoi(key) {
    const sort = get().roiSort
    // Names read A to Z first, numbers largest first.
    set({ roiSort: sort.key === key ? { key, descending: !sort.descending } : { key, descending: key !== 'name' } })
  },
})
