import { CSV_FILTERS, IMPORT_FILTERS } from '../services/dialogs'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function importHandlers(deps: MainDeps): Handlers['import'] {
  const { imports, dialogs } = deps
  return {
    chooseFile: () => dialogs.openFile({ title: 'Import a CRM export', filters: IMPORT_FILTERS }),
    inspect: (path, overrides) => imports.inspect(path, overrides ?? {}),
    preview: (jobId, request) => imports.run(jobId, request, 'preview'),
    commit: (jobId, request) => imports.run(jobId, request, 'commit'),
    cancel: (jobId) => imports.cancel(jobId),
    history: () => imports.history(),
    problems: (batchId, offset, limit) => imports.problems(batchId, offset, limit),
    undo: (batchId) => imports.undo(batchId),
    saveProblems: async (source) => {
      const dest = await dialogs.saveFile({
        title: 'Save invalid rows',
        defaultPath: 'batchId' in source ? `import-${source.batchId}-invalid-rows.csv` : 'invalid-rows.csv',
        filters: CSV_FILTERS,
      })
      if (!dest) return null
      await imports.saveProblems(source, dest)
      return dest
    },
  }
}
