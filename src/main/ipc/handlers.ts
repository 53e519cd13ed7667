import { appHandlers } from './app'
import { backupHandlers } from './backups'
import { boardHandlers } from './board'
import { handoffHandlers } from './handoff'
import { importHandlers } from './imports'
import { presentationHandlers } from './presentation'
import { roiHandlers } from './roi'
import type { MainDeps } from './deps'
import type { Handlers } from './register'
import { settingsHandlers } from './settings'
import { targetsHandlers } from './targets'
import { workspaceHandlers } from './workspace'

/** Every feature's handlers, joined: the type makes a missing channel a compile error. */
export function createHandlers(deps: MainDeps): Handlers {
  return {
    app: appHandlers(deps),
    workspace: workspaceHandlers(deps),
    backups: backupHandlers(deps),
    settings: settingsHandlers(deps),
    import: importHandlers(deps),
    handoff: handoffHandlers(deps),
    board: boardHandlers(deps),
    targets: targetsHandlers(deps),
    roi: roiHandlers(deps),
    presentation: presentationHandlers(deps),
  }
}
