import { create } from 'zustand'
import { createAppSlice, type AppSlice } from './app-slice'
import { createBackupsSlice, type BackupsSlice } from './backups-slice'
import { createBoardSlice, type BoardSlice } from './board-slice'
import { createHandoffSlice, type HandoffSlice } from './handoff-slice'
import { createImportSlice, type ImportSlice } from './import-slice'
import { createPresentationSlice, type PresentationSlice } from './presentation-slice'
import { createRoiSlice, type RoiSlice } from './roi-slice'
import { createSettingsSlice, type SettingsSlice } from './settings-slice'
import { createTargetsSlice, type TargetsSlice } from './targets-slice'

/**
 * One store made of feature slices. The database is the source of truth: the store holds query results
 * plus loading and error state, and `resetWorkspaceData` drops them all when the workspace changes.
 */
export type Store = AppSlice &
  SettingsSlice &
  BackupsSlice &
  ImportSlice &
  HandoffSlice &
  BoardSlice &
  TargetsSlice &
  RoiSlice &
  PresentationSlice & {
    resetWorkspaceData(): void
  }

export const useStore = create<Store>()((...a) => {
  const [set, get] = a
  return {
    ...createAppSlice(...a),
    ...createSettingsSlice(...a),
    ...createBackupsSlice(...a),
    ...createImportSlice(...a),
    ...createHandoffSlice(...a),
    ...createBoardSlice(...a),
    ...createTargetsSlice(...a),
    ...createRoiSlice(...a),
    ...createPresentationSlice(...a),
    resetWorkspaceData() {
      set({ settings: null, settingsDraft: null, settingsDirty: false, settingsProblems: [], settingsError: null, backups: [] })
      get().resetImport()
      set({ history: [], historyLoaded: false })
      get().resetBoard()
      get().resetHandoff()
      set({
        targetsReport: null,
        targetsQuery: {},
        targetsError: null,
        targetEditor: null,
        targetEditorError: null,
        openDeal: null,
        openDealError: null,
      })
      set({ roiReport: null, roiQuery: {}, roiError: null })
      set({ deck: null, presenterDeck: null, deckError: null, deckSettings: null, deckSettingsError: null })
      // Views reload what they show when they next render; the settings view is loaded right away
      // because it can be on screen while the workspace switches.
      if (get().view === 'settings') {
        void get().loadSettings()
        void get().loadBackups()
      }
      if (get().view === 'import') void get().loadHistory()
      if (get().view === 'handoff') {
        void get().loadHandoff()
        void get().loadFunnel()
      }
      if (get().view === 'board') void get().loadBoard()
      if (get().view === 'targets') void get().loadTargets()
      if (get().view === 'roi') void get().loadRoi()
    },
  }
})
