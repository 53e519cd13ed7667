import { basename } from 'node:path'
import type { ImportRequest } from '@shared/import/outcome'
import type { ArgsOut, Contract } from '@shared/contract'
import { CSV_FILTERS, IMPORT_FILTERS } from '../services/dialogs'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function importHandlers(deps: MainDeps): Handlers['import'] {
  const { imports, dialogs, files } = deps
  // The page names the file by its handle; only the main process knows where it is.
  const withPath = ({ file, ...settings }: ArgsOut<Contract['import']['commit']>[1]): ImportRequest => ({
    ...settings,
    path: files.importPath(file),
  })
  return {
    chooseFile: async () => {
      const path = await dialogs.openFile({ title: 'Import a CRM export', filters: IMPORT_FILTERS })
      return path ? files.grant(path) : null
    },
    inspect: (handle, overrides) => imports.inspect(files.importPath(handle), overrides ?? {}),
    preview: (jobId, request) => imports.run(jobId, withPath(request), 'preview'),
    // A commit spends the handle: importing the file again takes choosing or dropping it again.
    commit: async (jobId, request) => {
      const outcome = await imports.run(jobId, withPath(request), 'commit')
      files.spend(request.file)
      return outcome
    },
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
      return basename(dest)
    },
  }
}
