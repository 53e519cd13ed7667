import { basename, dirname, join } from 'node:path'
import type { BackupInfo, ListedBackup } from '@shared/types'
import { AppError } from '../errors'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function backupHandlers(deps: MainDeps): Handlers['backups'] {
  const { workspace, files } = deps
  // The page restores a backup by the id listed with it; only the main process knows the file.
  const listed = (b: BackupInfo): ListedBackup => ({ ...b, id: files.idFor(join(workspace.backupsDir, b.file), 'backup') })
  return {
    list: () => workspace.listBackups().map(listed),
    create: async () => listed(await workspace.backupNow('manual')),
    restore: (id) => {
      const path = files.listedPath(id, 'backup')
      if (!path || dirname(path) !== workspace.backupsDir) {
        throw new AppError('NOT_FOUND', 'That backup is not in the list of this workspace’s backups: pick it from the list again.')
      }
      return workspace.restore(basename(path))
    },
    reveal: () => {
      const newest = workspace.listBackups()[0]
      if (!newest) throw new AppError('NOT_FOUND', 'This workspace has no backups yet: Back up now makes the first one.')
      deps.reveal(join(workspace.backupsDir, newest.file))
      return null
    },
  }
}
