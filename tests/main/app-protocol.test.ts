import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { APP_URL, resolveAppUrl } from '../../src/main/app-protocol'
import { isAllowedRequest, isAppUrl } from '../../src/main/security-policy'
import { tmpDir } from '../helpers/tmp'

let root: string
let renderer: string

beforeAll(() => {
  root = tmpDir()
  renderer = join(root, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html>')
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.txt'), 'not for the page')
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'link.js'))
})

describe('app://tandem serves the renderer folder and nothing else', () => {
  it('serves index.html and the assets with their types', () => {
    expect(resolveAppUrl(APP_URL, renderer)).toMatchObject({ path: join(renderer, 'index.html'), contentType: 'text/html; charset=utf-8' })
    expect(resolveAppUrl('app://tandem/', renderer)?.path).toBe(join(renderer, 'index.html'))
    expect(resolveAppUrl('app://tandem/assets/index-abc.js?v=1#x', renderer)?.contentType).toBe('text/javascript; charset=utf-8')
  })

  it.each([
    'app://tandem/../secret.txt',
    'app://tandem/..%2fsecret.txt',
    'app://tandem/%2e%2e/secret.txt',
    'app://tandem/%2e%2e%2fsecret.txt',
    'app://tandem/assets/..%2f..%2fsecret.txt',
    'app://tandem/..%5csecret.txt',
    'app://tandem/%2Fetc%2Fpasswd',
    'app://tandem/index.html%00.js',
    'app://tandem/assets/link.js',
    'app://tandem/assets',
    'app://tandem/missing.js',
    'app://evil/index.html',
    'app://user:pw@tandem/index.html',
    'file:///etc/passwd',
    'http://tandem/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppUrl(url, renderer)).toBeNull()
  })

  it('is the only origin the page may talk to or load from: no file: URL, no other scheme', () => {
    expect(isAppUrl('app://tandem/index.html#board', APP_URL)).toBe(true)
    expect(isAppUrl('app://evil/index.html', APP_URL)).toBe(false)
    expect(isAppUrl('file:///app/out/renderer/index.html', APP_URL)).toBe(false)
    expect(isAllowedRequest('app://tandem/assets/index-abc.js', APP_URL)).toBe(true)
    expect(isAllowedRequest('file:///home/user/evil.js', APP_URL)).toBe(false)
    expect(isAllowedRequest('file:///app/out/renderer/index.html', APP_URL)).toBe(false)
    expect(isAllowedRequest('ws://localhost:5173/', APP_URL)).toBe(false)
    expect(isAllowedRequest('https://example.com/', APP_URL)).toBe(false)
    expect(isAllowedRequest('data:image/png;base64,AA', APP_URL)).toBe(true)
  })
})
