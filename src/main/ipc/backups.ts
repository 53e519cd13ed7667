import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function backupHandlers(deps: MainDeps): Handlers['backups'] {
  const { workspace } = deps
  return {
    list: () => workspace.listBackups(),
    create: () => workspace.backupNow('manual'),
    restore: (file) => workspace.restore(file),
  }
}
