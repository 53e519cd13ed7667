import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './security-policy'

/**
 * The app's own origin, `app://tandem/`, as plain functions (no Electron here, so every rule is tested).
 *
 * The renderer is served from this privileged custom scheme rather than from `file://`: with
 * `script-src 'self'` a file:// page may run a script from any local file:// path, while `'self'` on
 * app://tandem means the app's renderer folder alone. app-scheme.ts answers each request with `appResponse`;
 * the end-to-end harness serves the built renderer through the same rules, and tests/e2e/origin.test.ts
 * serves `appResponse` itself to Chromium.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'tandem'
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export interface AppFile {
  /** The file's real path, inside the renderer folder. */
  path: string
  contentType: string
}

/**
 * The file a request path names inside the renderer folder, or null: a path that leaves the folder
 * (`..`, encoded or not), names an absolute path, holds a NUL or a backslash, is not a regular file, or is
 * a link to a file outside the folder. `/` is index.html.
 */
export function resolveAppPath(pathname: string, rendererDir: string): AppFile | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const root = resolve(rendererDir)
  const file = resolve(root, decoded === '/' || decoded === '' ? 'index.html' : `.${decoded.startsWith('/') ? '' : '/'}${decoded}`)
  const inside = relative(root, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
  if (!existsSync(file) || !statSync(file).isFile()) return null
  const real = realpathSync(file)
  if (!real.startsWith(realpathSync(root) + sep)) return null
  return { path: real, contentType: TYPES[extname(real)] ?? 'application/octet-stream' }
}

/** The file an `app://tandem/…` URL names, or null for any other URL (another scheme or host, credentials). */
export function resolveAppUrl(raw: string, rendererDir: string): AppFile | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return null
  return resolveAppPath(url.pathname, rendererDir)
}

/**
 * What the app:// handler answers a request with (a Fetch API Response, as Electron's `protocol.handle`
 * takes): the file with its type and the Content-Security-Policy header, or a 404 for anything
 * `resolveAppUrl` refuses. No Electron here, so the origin test can serve exactly this to Chromium.
 */
export function appResponse(url: string, rendererDir: string): Response {
  const file = resolveAppUrl(url, rendererDir)
  if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })
  return new Response(readFileSync(file.path), {
    headers: { 'content-type': file.contentType, 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-store' },
  })
}
