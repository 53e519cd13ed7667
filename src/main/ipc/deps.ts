import type { AppInfo } from '@shared/types'
import type { AppPrefs } from '../services/app-prefs'
import type { Dialogs } from '../services/dialogs'
import type { MainServices } from '../services/main-services'

/**
 * What the IPC handlers need: the services of `createMainServices` and the outside world (dialogs, the
 * OS's browser). The app and the e2e bridge both provide it.
 */
export interface MainDeps extends Omit<MainServices, 'dispose'> {
  appInfo: AppInfo
  prefs: AppPrefs
  dialogs: Dialogs
  /** A meeting's minutes as PDF: the renderer's print view printed by the browser engine (printToPDF in the app). */
  printMinutes(meetingId: number): Promise<Buffer>
  /**
   * Shows the user the full URL in a main-process dialog and, when they confirm, hands it to the OS
   * (security.ts's confirmAndOpenExternal in the app); resolves whether it was opened.
   */
  openExternal(url: string): Promise<boolean>
  /**
   * Shows a file in the system's file manager (shell.showItemInFolder in the app): how the user finds
   * where the workspace or its backups are, without the page ever holding the path.
   */
  reveal(path: string): void
}
