import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { isAppError, oneLine } from '../errors'
import type { AppPrefs } from './app-prefs'
import type { WorkspaceManager } from './workspace'

/**
 * Opens the workspace to start with: the last one used when it is still there and opens, otherwise the
 * default one in the user-data folder (created on first run). Returns a sentence for the user when the
 * last workspace could not be opened, so the app can say why it shows another one.
 */
export async function openStartupWorkspace(workspace: WorkspaceManager, prefs: AppPrefs, defaultPath: string): Promise<string | null> {
  let problem: string | null = null
  const last = prefs.lastWorkspace
  if (last && last !== defaultPath) {
    if (!existsSync(last)) {
      problem = `The last workspace, ${basename(last)}, is not there any more (${last}); the default workspace is open instead.`
    } else {
      try {
        await workspace.open(last)
        return null
      } catch (e) {
        problem = `${isAppError(e) ? e.message : oneLine(e)} The default workspace is open instead.`
      }
    }
  }
  try {
    await workspace.open(defaultPath, { create: !existsSync(defaultPath) })
  } catch (e) {
    const why = isAppError(e) ? e.message : oneLine(e)
    workspace.unavailableReason = problem ? `${problem.replace(/ The default workspace is open instead\.$/, '')} ${why}` : why
    return workspace.unavailableReason
  }
  return problem
}
