import type { AppInfo } from '@shared/types'
import type { AppPrefs } from '../services/app-prefs'
import type { ImportService } from '../services/imports'
import type { Dialogs } from '../services/dialogs'
import type { TargetsService } from '../services/targets'
import type { WorkspaceManager } from '../services/workspace'

/** What the IPC handlers need from the outside world; the app and the e2e bridge both provide it. */
export interface MainDeps {
  appInfo: AppInfo
  workspace: WorkspaceManager
  prefs: AppPrefs
  dialogs: Dialogs
  imports: ImportService
  targets: TargetsService
  /** Hands a vetted URL to the OS (Electron's shell.openExternal in the app). */
  openExternal(url: string): Promise<void>
}
