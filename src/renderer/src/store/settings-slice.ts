import type { StateCreator } from 'zustand'
import type { Problem } from '@shared/result'
import type { SettingsState } from '@shared/types'
import { api, ApiError, call, messageOf } from '../api'
import { formToDocument, settingsToForm, type SettingsForm } from './settings-form'
import type { Store } from './index'

export interface SettingsSlice {
  settings: SettingsState | null
  /** The editor's working copy; equal to `settings` until the user edits. */
  settingsDraft: SettingsForm | null
  settingsDirty: boolean
  /** Problems of the draft (checked live) or of the last refused save/import. */
  settingsProblems: Problem[]
  settingsStatus: 'idle' | 'loading' | 'saving'
  settingsError: string | null
  /** A section to bring into view when Settings opens (set by "map in Settings" elsewhere). */
  settingsFocus: 'fx' | 'stages' | 'sources' | null
  clearSettingsFocus(): void
  loadSettings(): Promise<void>
  editSettings(update: (draft: SettingsForm) => SettingsForm): void
  saveSettings(): Promise<boolean>
  discardSettings(): void
  loadDefaultSettings(): Promise<void>
  importSettingsFile(): Promise<void>
  exportSettingsFile(): Promise<void>
}

export const createSettingsSlice: StateCreator<Store, [], [], SettingsSlice> = (set, get) => {
  const adopt = (state: SettingsState): void =>
    set({ settings: state, settingsDraft: settingsToForm(state.settings), settingsDirty: false, settingsProblems: [], settingsError: null })

  return {
    settings: null,
    settingsDraft: null,
    settingsDirty: false,
    settingsProblems: [],
    settingsStatus: 'idle',
    settingsError: null,
    settingsFocus: null,

    clearSettingsFocus() {
      set({ settingsFocus: null })
    },

    async loadSettings() {
      set({ settingsStatus: 'loading' })
      try {
        adopt(await call(api().settings.get()))
      } catch (e) {
        set({ settingsError: messageOf(e), settingsProblems: e instanceof ApiError ? e.problems : [] })
      } finally {
        set({ settingsStatus: 'idle' })
      }
    },

    editSettings(update) {
      const current = get().settingsDraft
      if (!current) return
      const draft = update(current)
      set({ settingsDraft: draft, settingsDirty: true, settingsProblems: formToDocument(draft).problems })
    },

    async saveSettings() {
      const draft = get().settingsDraft
      if (!draft) return false
      const { doc, problems } = formToDocument(draft)
      if (problems.length > 0) {
        set({ settingsProblems: problems })
        return false
      }
      set({ settingsStatus: 'saving' })
      try {
        adopt(await call(api().settings.save(doc)))
        get().notify({ level: 'info', message: 'Settings saved.' })
        return true
      } catch (e) {
        set({ settingsProblems: e instanceof ApiError ? e.problems : [], settingsError: messageOf(e) })
        return false
      } finally {
        set({ settingsStatus: 'idle' })
      }
    },

    discardSettings() {
      const saved = get().settings
      if (saved) adopt(saved)
    },

    async loadDefaultSettings() {
      try {
        const defaults = await call(api().settings.defaults())
        const draft = settingsToForm(defaults)
        set({ settingsDraft: draft, settingsDirty: true, settingsProblems: formToDocument(draft).problems })
      } catch (e) {
        get().notify({ level: 'error', message: messageOf(e) })
      }
    },

    async importSettingsFile() {
      try {
        const state = await call(api().settings.importFile())
        if (state) {
          adopt(state)
          get().notify({ level: 'info', message: 'Settings imported and saved.' })
        }
      } catch (e) {
        get().notify({ level: 'error', message: messageOf(e) })
      }
    },

    async exportSettingsFile() {
      try {
        const name = await call(api().settings.exportFile())
        if (name) get().notify({ level: 'info', message: `Settings exported to ${name}.` })
      } catch (e) {
        get().notify({ level: 'error', message: messageOf(e) })
      }
    },
  }
}
