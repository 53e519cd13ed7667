import { protocol } from 'electron'
import { readFileSync } from 'node:fs'
import { APP_SCHEME, resolveAppUrl } from './app-protocol'
import { CONTENT_SECURITY_POLICY } from './security-policy'

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
  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppUrl(request.url, rendererDir)
    if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })
    return new Response(readFileSync(file.path), {
      headers: { 'content-type': file.contentType, 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-store' },
    })
  })
}
