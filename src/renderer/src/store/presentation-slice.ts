import type { StateCreator } from 'zustand'
import { IDLE_STATE, type Control, type Deck, type DeckSettings, type PresentationState, type PresenterDeck } from '@shared/presentation'
import { api, call, messageOf } from '../api'
import type { Store } from './index'

export interface PresentationSlice {
  /** The state the main process holds; every window follows it. */
  presentation: PresentationState
  /** The audience's slides (redacted in the main process), or in the presenter view both decks. */
  deck: Deck | null
  presenterDeck: PresenterDeck | null
  deckError: string | null
  deckSettings: DeckSettings | null
  deckSettingsError: string | null
  deckEditorOpen: boolean
  /** 'audience' in the audience window (`#audience`): it only ever asks for the redacted deck. */
  presentationRole: 'main' | 'audience'
  /** The audience window's start: the role, the state as it is, and the slides when a presentation runs. */
  joinAsAudience(): Promise<void>
  /** Present: full screen, and the slides (or the presenter view, with an audience window or when asked). */
  startPresentation(options?: { presenterView?: boolean }): Promise<void>
  stopPresentation(): Promise<void>
  control(c: Control): Promise<void>
  presentationChanged(state: PresentationState): void
  loadDeck(): Promise<void>
  loadDeckSettings(): Promise<void>
  saveDeckSettings(settings: DeckSettings): Promise<boolean>
  openDeckEditor(open: boolean): void
}

export const createPresentationSlice: StateCreator<Store, [], [], PresentationSlice> = (set, get) => ({
  presentation: IDLE_STATE,
  deck: null,
  presenterDeck: null,
  deckError: null,
  deckSettings: null,
  deckSettingsError: null,
  deckEditorOpen: false,
  presentationRole: 'main',

  async joinAsAudience() {
    set({ presentationRole: 'audience' })
    try {
      const state = await call(api().presentation.state())
      set({ presentation: state })
      if (state.active) await get().loadDeck()
    } catch (e) {
      set({ deckError: messageOf(e) })
    }
  },

  async startPresentation(options = {}) {
    if (get().workspace === null) return
    set({ deckEditorOpen: false })
    // Full screen is asked for at once, while the key press or click still counts as the user's gesture.
    if (!document.fullscreenElement) void document.documentElement.requestFullscreen?.().catch(() => undefined)
    try {
      const state = await call(api().presentation.start({ presenterView: options.presenterView ?? false }))
      set({ presentation: state })
      await get().loadDeck()
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
    }
  },

  async stopPresentation() {
    if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined)
    try {
      set({ presentation: await call(api().presentation.stop()) })
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
    }
  },

  async control(c) {
    try {
      set({ presentation: await call(api().presentation.control(c)) })
    } catch (e) {
      get().notify({ level: 'error', message: messageOf(e) })
    }
  },

  presentationChanged(state) {
    const was = get().presentation
    set({ presentation: state })
    // A new presentation (from another window or the menu): its slides are loaded afresh.
    if (state.active && (!was.active || was.startedAt !== state.startedAt)) void get().loadDeck()
  },

  async loadDeck() {
    try {
      if (get().presentationRole === 'main' && get().presentation.mode === 'presenter') {
        const pd = await call(api().presentation.presenterDeck())
        set({ presenterDeck: pd, deck: pd.audience, deckError: null })
      } else {
        set({ deck: await call(api().presentation.deck({})), presenterDeck: null, deckError: null })
      }
    } catch (e) {
      set({ deckError: messageOf(e) })
    }
  },

  async loadDeckSettings() {
    try {
      set({ deckSettings: await call(api().presentation.settings()), deckSettingsError: null })
    } catch (e) {
      set({ deckSettingsError: messageOf(e) })
    }
  },

  async saveDeckSettings(settings) {
    try {
      set({ deckSettings: await call(api().presentation.saveSettings(settings)), deckSettingsError: null })
      return true
    } catch (e) {
      set({ deckSettingsError: messageOf(e) })
      return false
    }
  },

  openDeckEditor(open) {
    set({ deckEditorOpen: open })
    if (open) void get().loadDeckSettings()
  },
})
