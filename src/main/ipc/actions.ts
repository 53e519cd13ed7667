import { createAction, listActions, removeAction, setActionStatus } from '../services/actions'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

export function actionHandlers(deps: MainDeps): Handlers['actions'] {
  const { workspace } = deps
  return {
    list: () => listActions(workspace.db),
    create: (item) => createAction(workspace.db, item),
    setStatus: (id, status) => setActionStatus(workspace.db, id, status),
    remove: (id) => removeAction(workspace.db, id),
  }
}
