import { defaultSettings } from '@shared/settings'
import { JSON_FILTERS } from '../services/dialogs'
import { exportSettingsFile, getSettings, importSettingsFile, saveSettings } from '../services/settings'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function settingsHandlers(deps: MainDeps): Handlers['settings'] {
  const { workspace, dialogs } = deps
  return {
    get: () => getSettings(workspace.db),
    save: (doc) => saveSettings(workspace.db, doc),
    defaults: () => defaultSettings(),
    exportFile: async () => {
      const path = await dialogs.saveFile({
        title: 'Export settings',
        defaultPath: 'tandem-settings.json',
        filters: JSON_FILTERS,
      })
      if (!path) return null
      exportSettingsFile(workspace.db, path)
      return path
    },
    importFile: async () => {
      const path = await dialogs.openFile({ title: 'Import settings', filters: JSON_FILTERS })
      return path ? importSettingsFile(workspace.db, path) : null
    },
  }
}
