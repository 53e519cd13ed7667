import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_URL } from '../../src/main/app-protocol'
import { CONTENT_SECURITY_POLICY, isAllowedRequest, isAppUrl, vetExternalUrl } from '../../src/main/security-policy'

describe('external links', () => {
  it.each([
    ['https://example.com/path?q=1', 'https://example.com/path?q=1'],
    ['mailto:team@example.com', 'mailto:team@example.com'],
    ['http://example.com', null],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['smb://server/share', null],
    ['https://user:pw@example.com', null],
    ['not a url', null],
    ['https://' + 'a'.repeat(3000) + '.com', null],
  ])('%s -> %s', (input, expected) => {
    expect(vetExternalUrl(input)).toBe(expected)
  })
})

describe('the app page', () => {
  it('recognises the built page, also with a hash or query', () => {
    expect(isAppUrl(APP_URL, APP_URL)).toBe(true)
    expect(isAppUrl(`${APP_URL}#settings`, APP_URL)).toBe(true)
    expect(isAppUrl('app://tandem/?x=1', APP_URL)).toBe(true)
  })
  it('refuses local files, other origins and nothing', () => {
    expect(isAppUrl('file:///tmp/evil.html', APP_URL)).toBe(false)
    expect(isAppUrl('file:///opt/Tandem/resources/app.asar/out/renderer/index.html', APP_URL)).toBe(false)
    expect(isAppUrl('app://other/index.html', APP_URL)).toBe(false)
    expect(isAppUrl('https://example.com/', APP_URL)).toBe(false)
    expect(isAppUrl(undefined, APP_URL)).toBe(false)
    expect(isAppUrl('', APP_URL)).toBe(false)
  })
  it('compares origins for the dev server and the test bridge', () => {
    expect(isAppUrl('http://127.0.0.1:5173/index.html', 'http://127.0.0.1:5173/')).toBe(true)
    expect(isAppUrl('http://127.0.0.1:5174/', 'http://127.0.0.1:5173/')).toBe(false)
  })
})

describe('content security policy', () => {
  it('is strict: scripts only from the app, no eval, no remote connections', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/)
  })

  it('is the one in index.html, word for word', () => {
    const html = readFileSync(join(__dirname, '../../src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY)
  })
})

describe('requests the app may make', () => {
  it('allows its own files, inline data and DevTools; nothing else', () => {
    const app = APP_URL
    expect(isAllowedRequest('app://tandem/assets/a.js', app)).toBe(true)
    expect(isAllowedRequest('file:///opt/Tandem/out/renderer/assets/a.js', app)).toBe(false)
    expect(isAllowedRequest('data:image/png;base64,AA', app)).toBe(true)
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', app)).toBe(true)
    expect(isAllowedRequest('https://example.com/x.png', app)).toBe(false)
    expect(isAllowedRequest('http://localhost:5173/', app)).toBe(false)
    expect(isAllowedRequest('nonsense', app)).toBe(false)
  })
  it('allows the dev server and its websocket while developing', () => {
    const dev = 'http://localhost:5173/'
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true)
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true)
    expect(isAllowedRequest('https://registry.npmjs.org/', dev)).toBe(false)
  })
})
