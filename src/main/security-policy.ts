/**
 * The app's security policy as plain functions (no Electron here), so every rule is unit-tested.
 * security.ts wires these into Electron's hooks.
 */

/**
 * Content-Security-Policy of the renderer. Scripts only from the app itself, no eval, no network:
 * `'self'` is the app's own origin (app://tandem in Electron, the loopback bridge in tests).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ')

/** URLs the app will hand to the OS: https pages (no credentials in them) and mailto links. */
export function vetExternalUrl(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol === 'mailto:') return /^mailto:[^\s<>"]+$/i.test(url.href) ? url.href : null
  if (url.protocol !== 'https:') return null
  if (!url.hostname || url.username || url.password) return null
  return url.href
}

/**
 * A link the page asks to open (an IPC call, a `target=_blank` link, window.open): vetted as above and
 * without a query string or fragment, so page code cannot pack data it read into the URL's parameters.
 * The user still confirms the full URL in a main-process dialog before it leaves the app.
 */
export function vetPageLink(raw: string): string | null {
  const vetted = vetExternalUrl(raw)
  return vetted && !vetted.includes('?') && !vetted.includes('#') ? vetted : null
}

/** Scheme and host of a URL (`new URL` gives a custom scheme's origin as "null", so origins cannot be compared). */
const placeOf = (url: URL): string => `${url.protocol}//${url.host}`

/**
 * Whether a URL is the app's own renderer page. `appUrl` is what the window loaded: app://tandem/index.html,
 * or, in development, the dev server's page (http://localhost).
 */
export function isAppUrl(candidate: string | undefined | null, appUrl: string): boolean {
  if (!candidate) return false
  let url: URL
  let app: URL
  try {
    url = new URL(candidate)
    app = new URL(appUrl)
  } catch {
    return false
  }
  return placeOf(url) === placeOf(app) && url.username === '' && url.password === ''
}

/** Permissions the renderer may ask for: none. (Clipboard writes from a user gesture need none.) */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set()

/**
 * Whether the app may load a URL at all: its own files (and the dev server while developing), inline
 * data, and DevTools. Everything else is cancelled in the main process, so no code path (a stray image
 * URL in imported data, a library phoning home) can reach the network, and no `file:` URL is ever loaded.
 */
export function isAllowedRequest(raw: string, appUrl: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (['data:', 'blob:', 'devtools:'].includes(url.protocol)) return true
  const app = new URL(appUrl)
  if (placeOf(url) === placeOf(app)) return true
  // The dev server's live-reload socket (development only: the app itself is never served over http).
  return app.protocol === 'http:' && url.protocol === 'ws:' && url.hostname === app.hostname
}
