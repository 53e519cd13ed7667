import { protocol } from 'electron'
import { APP_SCHEME, appResponse } from './app-protocol'

/**
 * Electron's side of the app's origin (app-protocol.ts holds the rules). The scheme must be registered
 * as privileged before the app is ready: standard (so relative URLs and `'self'` work), secure, and
 * allowed to fetch.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** Serves `app://tandem/…` from the renderer folder and nothing else; every other path is a 404. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request.url, rendererDir))
}
