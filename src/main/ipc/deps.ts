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
  /** Hands a vetted URL to the OS (Electron's shell.openExternal in the app). */
  openExternal(url: string): Promise<void>
}
