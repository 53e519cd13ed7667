import type { StateCreator } from 'zustand'
import {
  ALL_ITEMS,
  STATUS_LABEL,
  type ActionEdit,
  type ActionItem,
  type ActionStatus,
  type BoardData,
  type BoardFilter,
  type MeetingEdit,
  type MinutesFormat,
  type NewAction,
} from '@shared/board'
import { api, call, messageOf } from '../api'
import type { Store } from './index'

/** One board edit that can be undone and redone (a move, a field edit): both directions as calls. */
export interface BoardEdit {
  label: string
  undo(): Promise<unknown>
  redo(): Promise<unknown>
}

/** The meeting board: what the service returns for the current filter, and the undo/redo history of edits. */
export interface BoardSlice {
  board: BoardData | null
  boardFilter: BoardFilter
  boardError: string | null
  undoStack: BoardEdit[]
  redoStack: BoardEdit[]
  loadBoard(filter?: BoardFilter): Promise<void>
  /** The main process says the board changed (another window, an import recovering a link): reload what is shown. */
  boardChanged(): Promise<void>
  /** Creates an item for the next meeting (from the Handoff view or the board); returns whether it was created. */
  addAction(item: NewAction): Promise<boolean>
  captureAction(line: string): Promise<boolean>
  /** Moves a card to a column, before another card (null: at the end); undoable. */
  moveCard(id: number, status: ActionStatus, beforeId: number | null): Promise<boolean>
  editCard(id: number, edit: ActionEdit): Promise<boolean>
  removeCard(id: number): Promise<void>
  saveMeeting(edit: MeetingEdit): Promise<boolean>
  startMeeting(title?: string): Promise<void>
  endMeeting(id: number): Promise<void>
  exportMinutes(id: number, format: MinutesFormat): Promise<void>
  undoBoard(): Promise<void>
  redoBoard(): Promise<void>
  resetBoard(): void
}

const MAX_UNDO = 100
let loads = 0

export const createBoardSlice: StateCreator<Store, [], [], BoardSlice> = (set, get) => {
  /** Runs a call; a refusal becomes a notice and the board is reloaded to what the database holds. */
  async function attempt<T>(run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run()
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
      await get().loadBoard()
      return undefined
    }
  }
  const record = (edit: BoardEdit): void => set((s) => ({ undoStack: [...s.undoStack, edit].slice(-MAX_UNDO), redoStack: [] }))
  const findItem = (id: number): ActionItem | undefined => get().board?.items.find((i) => i.id === id)
  const recordCreation = (created: ActionItem): void =>
    record({
      label: `creation of "${created.title}"`,
      undo: () => call(api().board.removeItem(created.id)),
      redo: () => call(api().board.restoreItem(created.id)),
    })

  return {
    board: null,
    boardFilter: ALL_ITEMS,
    boardError: null,
    undoStack: [],
    redoStack: [],

    async loadBoard(filter) {
      const f = filter ?? get().boardFilter
      // Loads overlap (an edit's own reload and the boardChanged event it caused): the newest one wins.
      const seq = ++loads
      set({ boardFilter: f })
      try {
        const board = await call(api().board.view(f))
        if (seq === loads) set({ board, boardError: null })
      } catch (e) {
        if (seq === loads) set({ boardError: messageOf(e) })
      }
    },

    async boardChanged() {
      // A board not yet shown loads when it is opened.
      if (get().board !== null) await get().loadBoard()
    },

    async addAction(item) {
      const created = await attempt(() => call(api().board.createItem(item)))
      if (!created) return false
      recordCreation(created)
      get().notify({ level: 'info', message: `Added to the next meeting: ${created.title}` })
      if (get().board) await get().loadBoard()
      return true
    },

    async captureAction(line) {
      const created = await attempt(() => call(api().board.capture(line)))
      if (!created) return false
      recordCreation(created)
      await get().loadBoard()
      return true
    },

    async moveCard(id, status, beforeId) {
      const before = findItem(id)
      const moved = await attempt(() => call(api().board.moveItem(id, status, beforeId)))
      if (!moved) return false
      if (before) {
        const back = { status: before.status, position: before.position }
        const again = { status: moved.status, position: moved.position }
        record({
          label: `move of "${moved.title}" to ${STATUS_LABEL[moved.status]}`,
          undo: () => call(api().board.editItem(id, back)),
          redo: () => call(api().board.editItem(id, again)),
        })
      }
      await get().loadBoard()
      return true
    },

    async editCard(id, edit) {
      const before = findItem(id)
      const edited = await attempt(() => call(api().board.editItem(id, edit)))
      if (!edited) return false
      if (before) {
        const back: ActionEdit = Object.fromEntries(Object.keys(edit).map((k) => [k, before[k as keyof ActionEdit]]))
        record({
          label: `edit of "${edited.title}"`,
          undo: () => call(api().board.editItem(id, back)),
          redo: () => call(api().board.editItem(id, edit)),
        })
      }
      await get().loadBoard()
      return true
    },

    async removeCard(id) {
      const before = findItem(id)
      if ((await attempt(() => call(api().board.removeItem(id)))) === undefined) return
      // The main process keeps a deleted item until the meeting ends: undo brings it back as it was,
      // under the same id, so earlier edits of it stay undoable too.
      record({
        label: `deletion of "${before?.title ?? `#${id}`}"`,
        undo: () => call(api().board.restoreItem(id)),
        redo: () => call(api().board.removeItem(id)),
      })
      get().notify({ level: 'info', message: `Deleted "${before?.title ?? `#${id}`}". Ctrl+Z brings it back until the meeting ends.` })
      await get().loadBoard()
    },

    async saveMeeting(edit) {
      const saved = await attempt(() => call(api().board.saveMeeting(edit)))
      if (!saved) return false
      await get().loadBoard()
      return true
    },

    async startMeeting(title) {
      await attempt(() => call(api().board.startMeeting(title === undefined ? {} : { title })))
      await get().loadBoard({ ...get().boardFilter, meetingId: null })
    },

    async endMeeting(id) {
      const out = await attempt(() => call(api().board.endMeeting(id)))
      if (!out) return
      get().notify({
        level: 'info',
        message: `Meeting ended: ${out.carried} open ${out.carried === 1 ? 'item' : 'items'} carried into the next meeting.`,
      })
      set({ undoStack: [], redoStack: [] })
      await get().loadBoard({ ...get().boardFilter, meetingId: null })
    },

    async exportMinutes(id, format) {
      const saved = await attempt(() => call(api().board.exportMinutes(id, format)))
      if (saved) get().notify({ level: 'info', message: `Saved ${saved}.` })
    },

    async undoBoard() {
      const edit = get().undoStack.at(-1)
      if (!edit) return
      set((s) => ({ undoStack: s.undoStack.slice(0, -1) }))
      if ((await attempt(edit.undo)) === undefined) return
      set((s) => ({ redoStack: [...s.redoStack, edit] }))
      get().notify({ level: 'info', message: `Undid the ${edit.label}.` })
      await get().loadBoard()
    },

    async redoBoard() {
      const edit = get().redoStack.at(-1)
      if (!edit) return
      set((s) => ({ redoStack: s.redoStack.slice(0, -1) }))
      if ((await attempt(edit.redo)) === undefined) return
      set((s) => ({ undoStack: [...s.undoStack, edit] }))
      get().notify({ level: 'info', message: `Redid the ${edit.label}.` })
      await get().loadBoard()
    },

    resetBoard() {
      loads++
      set({ board: null, boardFilter: ALL_ITEMS, boardError: null, undoStack: [], redoStack: [] })
    },
  }
}
