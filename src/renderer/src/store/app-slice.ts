import type { StateCreator } from 'zustand'
import type { AppInfo, DamagedWorkspace, Notice, RecentWorkspace, ViewId, WorkspaceInfo } from '@shared/types'
import { api, call, messageOf } from '../api'
import type { Store } from './index'

export interface NoticeItem extends Notice {
  id: number
}

export interface AppSlice {
  view: ViewId
  appInfo: AppInfo | null
  workspace: WorkspaceInfo | null
  /**
   * Counts the switches of workspace (open, new, save as, restore): what views reload or reset on. The page
   * knows a workspace only by its name, which two files in different folders may share.
   */
  workspaceGeneration: number
  /** Why no workspace is open, when none is (the whole app then offers New / Open). */
  workspaceError: string | null
  recent: RecentWorkspace[]
  notices: NoticeItem[]
  booted: boolean
  /** A workspace refused as damaged (at start-up or on open), offered for restore from its newest good backup. */
  damaged: DamagedWorkspace | null
  loadDamaged(): Promise<void>
  /** Puts the damaged workspace's newest verified backup in its place and opens it. */
  restoreDamaged(): Promise<void>
  /** Hides the damaged workspace's banner until another open is refused as damaged. */
  dismissDamaged(): void
  boot(): Promise<void>
  navigate(view: ViewId): void
  refreshWorkspace(): Promise<void>
  workspaceChanged(info: WorkspaceInfo): void
  /** Runs New / Open / Save As / Open Recent; errors become notices. */
  /** `recent` is the id the main process listed a recent workspace with. */
  switchWorkspace(action: 'create' | 'open' | 'saveAs' | { recent: string }): Promise<void>
  /** Imported data changed (a commit or an undo): refresh what is on screen. */
  dataChanged(): Promise<void>
  notify(notice: Notice): void
  dismissNotice(id: number): void
}

let nextNoticeId = 1

export const createAppSlice: StateCreator<Store, [], [], AppSlice> = (set, get) => ({
  view: 'targets',
  appInfo: null,
  workspace: null,
  workspaceGeneration: 0,
  workspaceError: null,
  recent: [],
  notices: [],
  booted: false,
  damaged: null,

  async boot() {
    try {
      set({ appInfo: await call(api().app.info()) })
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
    }
    await get().refreshWorkspace()
    await get().loadDamaged()
    set({ booted: true })
  },

  async loadDamaged() {
    try {
      set({ damaged: await call(api().workspace.damaged()) })
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
    }
  },

  async restoreDamaged() {
    const damaged = get().damaged
    try {
      const info = await call(api().workspace.restoreDamaged())
      set({ damaged: null })
      get().workspaceChanged(info)
      get().notify({
        level: 'info',
        message: `Restored ${info.name} from its backup ${damaged?.backup?.file ?? ''}. The damaged file is kept beside it.`,
      })
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
      await get().loadDamaged()
    }
  },

  dismissDamaged() {
    set({ damaged: null })
  },

  navigate(view) {
    set({ view })
  },

  async refreshWorkspace() {
    try {
      const [workspace, recent] = await Promise.all([call(api().workspace.current()), call(api().workspace.recent())])
      set({ workspace, recent, workspaceError: null })
    } catch (e) {
      set({ workspace: null, workspaceError: messageOf(e) })
      try {
        set({ recent: await call(api().workspace.recent()) })
      } catch {
        // The recent list is a convenience; the error above is what the user needs to see.
      }
    }
  },

  workspaceChanged(info) {
    set({ workspace: info, workspaceGeneration: get().workspaceGeneration + 1, workspaceError: null })
    // Everything loaded from the previous workspace is stale now.
    get().resetWorkspaceData()
    void call(api().workspace.recent()).then(
      (recent) => set({ recent }),
      () => undefined,
    )
  },

  async switchWorkspace(action) {
    try {
      const w = api().workspace
      const info =
        action === 'create'
          ? await call(w.create())
          : action === 'open'
            ? await call(w.open())
            : action === 'saveAs'
              ? await call(w.saveAs())
              : await call(w.openRecent(action.recent))
      if (info) {
        get().workspaceChanged(info)
        if (action === 'saveAs') get().notify({ level: 'info', message: `Saved as ${info.name}; you are now working in the copy.` })
      }
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
      // A workspace refused as damaged is offered for restore.
      await get().loadDamaged()
    }
  },

  async dataChanged() {
    await get().refreshWorkspace()
    if (get().historyLoaded) await get().loadHistory()
    // The Handoff view reloads what it has shown; otherwise it loads when next opened.
    if (get().handoffOverview !== null || get().handoffError !== null) await Promise.all([get().loadHandoff(), get().loadFunnel()])
    if (get().view === 'targets') await get().loadTargets()
    // Linked numbers on the board follow the data.
    if (get().board !== null) await get().loadBoard()
  },

  notify(notice) {
    const id = nextNoticeId++
    set((s) => ({ notices: [...s.notices.slice(-4), { ...notice, id }] }))
  },

  dismissNotice(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
  },
})
