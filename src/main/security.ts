import { app, BrowserWindow, dialog, session, shell, type MessageBoxOptions, type Session, type WebContents } from 'electron'
import { ALLOWED_PERMISSIONS, CONTENT_SECURITY_POLICY, isAllowedRequest, isAppUrl, vetPageLink } from './security-policy'

/**
 * Electron's side of the security policy (security-policy.ts holds the rules). Installed before the
 * first window: every web contents the app ever creates gets the same guards.
 */

/**
 * Denies every permission request and check, cancels every request that would leave the app, and adds
 * the CSP header to every response.
 */
export function hardenSession(ses: Session, appUrl: () => string): void {
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, appUrl()) }))
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)))
  ses.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
  ses.setDevicePermissionHandler(() => false)
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })
}

/**
 * A link the page asked to open leaves the app only when it passes the vetting (https: or mailto:, no
 * query string) and the user confirms it in the main process's own dialog, which shows the full URL
 * (Cancel is the default). Resolves whether it was opened.
 */
export async function confirmAndOpenExternal(url: string): Promise<boolean> {
  const vetted = vetPageLink(url)
  if (!vetted) return false
  const options: MessageBoxOptions = {
    type: 'question',
    title: 'Open a link',
    message: 'Open this link outside Tandem?',
    detail: vetted,
    buttons: ['Cancel', 'Open'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  }
  const win = BrowserWindow.getFocusedWindow()
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)
  if (response !== 1) return false
  await shell.openExternal(vetted)
  return true
}

/** Keeps a web contents on the app's own page: no navigation away, no new windows, no webviews. */
export function hardenContents(contents: WebContents, appUrl: () => string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl())) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl())) event.preventDefault()
  })
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, appUrl())) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // A link meant for the browser (an https page, a mail address) goes there once the user confirms it;
    // nothing opens in-app.
    void confirmAndOpenExternal(url)
    return { action: 'deny' }
  })
}

/**
 * Installs the guards for the default session and for every web contents created from now on. Call
 * when the app is ready (sessions exist only then); `app.enableSandbox()` is called before that.
 */
export function installSecurity(appUrl: () => string): void {
  hardenSession(session.defaultSession, appUrl)
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, appUrl))
}
