import { basename } from 'node:path'
import { JSON_FILTERS } from '../services/dialogs'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function settingsHandlers(deps: MainDeps): Handlers['settings'] {
  const { settings, dialogs } = deps
  return {
    get: () => settings.get(),
    save: (doc) => settings.save(doc),
    defaults: () => settings.defaults(),
    exportFile: async () => {
      const path = await dialogs.saveFile({
        title: 'Export settings',
        defaultPath: 'tandem-settings.json',
        filters: JSON_FILTERS,
      })
      if (!path) return null
      settings.exportFile(path)
      return basename(path)
    },
    importFile: async () => {
      const path = await dialogs.openFile({ title: 'Import settings', filters: JSON_FILTERS })
      return path ? settings.importFile(path) : null
    },
  }
}
