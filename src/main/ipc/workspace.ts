import { basename } from 'node:path'
import { AppError } from '../errors'
import { WORKSPACE_FILTERS, ZIP_FILTERS } from '../services/dialogs'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function workspaceHandlers(deps: MainDeps): Handlers['workspace'] {
  const { workspace, dialogs, prefs, files, export: exporter } = deps
  return {
    current: () => workspace.info(),
    create: async () => {
      const path = await dialogs.saveFile({
        title: 'New workspace',
        defaultPath: 'Tandem workspace.sqlite',
        filters: WORKSPACE_FILTERS,
      })
      if (!path) return null
      return workspace.open(withExtension(path), { create: true })
    },
    open: async () => {
      const path = await dialogs.openFile({ title: 'Open workspace', filters: WORKSPACE_FILTERS })
      return path ? workspace.open(path) : null
    },
    damaged: () => workspace.damaged(),
    restoreDamaged: () => workspace.restoreLastDamaged(),
    openRecent: async (id) => {
      // Only an id `recent` listed, for a workspace still in the list, opens anything.
      const path = files.listedPath(id, 'recent-workspace')
      if (!path || !prefs.recent().some((r) => r.path === path)) {
        throw new AppError('NOT_FOUND', 'That workspace is not in the list of recent workspaces: open it with Open workspace….')
      }
      return workspace.open(path)
    },
    saveAs: async () => {
      const path = await dialogs.saveFile({
        title: 'Save workspace as',
        defaultPath: workspace.info().name.replace(/(\.[^.]+)?$/, ' copy$1'),
        filters: WORKSPACE_FILTERS,
      })
      return path ? workspace.saveAs(withExtension(path)) : null
    },
    recent: () => prefs.recent().map(({ path, ...r }) => ({ id: files.idFor(path, 'recent-workspace'), ...r })),
    exportAll: async () => {
      const name = workspace.info().name.replace(/\.[^.]+$/, '')
      const path = await dialogs.saveFile({
        title: 'Export everything',
        defaultPath: `${name} export ${new Date().toISOString().slice(0, 10)}.zip`,
        filters: ZIP_FILTERS,
      })
      return path ? exporter.exportTo(path) : null
    },
    reveal: () => {
      deps.reveal(workspace.path)
      return null
    },
  }
}

/** A new workspace typed without an extension gets `.sqlite`, so it shows up in the Open dialog. */
export function withExtension(path: string): string {
  return /\.[A-Za-z0-9]+$/.test(basename(path)) ? path : `${path}.sqlite`
}
