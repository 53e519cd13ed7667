import type { StateCreator } from 'zustand'
import type { ActionItem, ActionStatus, NewAction } from '@shared/handoff'
import { api, call, messageOf } from '../api'
import type { Store } from './index'

/** The action items waiting for the next meeting (the meeting board itself comes later). */
export interface BoardSlice {
  actionItems: ActionItem[]
  actionsLoaded: boolean
  actionsError: string | null
  loadActions(): Promise<void>
  /** Creates an item for the next meeting; says so in a notice. Returns whether it was created. */
  addAction(item: NewAction): Promise<boolean>
  setActionStatus(id: number, status: ActionStatus): Promise<void>
  removeAction(id: number): Promise<void>
}

export const createBoardSlice: StateCreator<Store, [], [], BoardSlice> = (set, get) => ({
  actionItems: [],
  actionsLoaded: false,
  actionsError: null,

  async loadActions() {
    try {
      set({ actionItems: await call(api().actions.list()), actionsLoaded: true, actionsError: null })
    } catch (e) {
      set({ actionsError: messageOf(e) })
    }
  },

  async addAction(item) {
    try {
      const created = await call(api().actions.create(item))
      get().notify({ level: 'info', message: `Added to the next meeting: ${created.title}` })
      if (get().actionsLoaded) await get().loadActions()
      return true
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
      return false
    }
  },

  async setActionStatus(id, status) {
    try {
      const updated = await call(api().actions.setStatus(id, status))
      set((s) => ({ actionItems: s.actionItems.map((a) => (a.id === id ? updated : a)) }))
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
      await get().loadActions()
    }
  },

  async removeAction(id) {
    try {
      await call(api().actions.remove(id))
      set((s) => ({ actionItems: s.actionItems.filter((a) => a.id !== id) }))
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
      await get().loadActions()
    }
  },
})
