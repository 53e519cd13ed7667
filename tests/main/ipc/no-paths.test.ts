import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allChannels, eventChannelOf, events, type Channel } from '../../../src/shared/contract'
import { withoutFolders } from '../../../src/main/errors'
import type { ImportSettings } from '../../../src/shared/import/outcome'
import { channelSamples, probeCalls } from '../../helpers/channel-samples'
import { writeCsv } from '../../helpers/import'
import { createLoopback, type Loopback } from '../../helpers/loopback'

/**
 * Issue 17, the other direction: the page never learns where a file is. Every channel of the contract is
 * called through the real handlers with normal arguments (after an import, a backup and an export, with
 * every dialog answered), and every answer, refusal and event is walked: no string in it may name the
 * workspace's folder, the temp folder, the home folder, or look like an absolute path at all.
 */

/** `/a/b…` (not the `//host/…` of a URL, not `a/b`), or a drive or UNC path: `C:\…`, `\\server\…`. */
const ABSOLUTE = [/(?<![\w:/.])\/[\w.~-][^\s/]*\/\S*/, /\b[A-Za-z]:[\\/]/, /\\\\[\w.-]+\\/]
const lookLikePath = (s: string): boolean => ABSOLUTE.some((re) => re.test(s))

/** Every string in a value, with where it is (`data.history.0.fileName`). */
function strings(value: unknown, at: string): { at: string; text: string }[] {
  if (typeof value === 'string') return [{ at, text: value }]
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([k, v]) => [{ at: `${at}.${k} (key)`, text: k }, ...strings(v, `${at}.${k}`)])
}

let loop: Loopback
let dir: string
let legit: string
let seen: { where: string; value: unknown }[]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-nopaths-'))
  legit = writeCsv(dir, 'deals.csv', [
    ['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date'],
    ['006A1', 'Acme renewal', 'Closed Won', '12500', '2025-08-14'],
    ['006A2', 'Bolt', 'Closed Won', 'lots', '2025-08-15'], // one invalid row, so there is a problem file to save
  ])
  mkdirSync(join(dir, 'app'))
  loop = await createLoopback({ dir: join(dir, 'app'), appUrl: 'http://tandem.test/' })
  seen = []
  for (const name of Object.keys(events)) {
    loop.subscribe(eventChannelOf(name), (payload) => seen.push({ where: `event:${name}`, value: payload }))
  }
})
afterAll(() => {
  loop.close()
  rmSync(dir, { recursive: true, force: true })
})

const { call, data, chosen } = probeCalls(
  () => loop,
  () => legit,
  (channel, res) => seen.push({ where: channel, value: res }),
)

/** What the user picks in the dialog a channel opens (a new file in the test's folder, or one made earlier). */
const answers: Partial<Record<Channel, () => string>> = {
  'workspace:create': () => join(dir, 'made here.sqlite'),
  'workspace:open': () => join(dir, 'saved as.sqlite'),
  'workspace:saveAs': () => join(dir, 'saved as.sqlite'),
  'workspace:exportAll': () => join(dir, 'everything.zip'),
  'settings:exportFile': () => join(dir, 'settings.json'),
  'settings:importFile': () => join(dir, 'settings.json'),
  'import:chooseFile': () => legit,
  'import:saveProblems': () => join(dir, 'invalid rows.csv'),
  'board:exportMinutes': () => join(dir, 'minutes.md'),
}
/** The channels that switch or replace the workspace go last, so the others see the imported data. */
const LAST: Channel[] = [
  'backups:restore',
  'workspace:restoreDamaged',
  'workspace:saveAs',
  'workspace:openRecent',
  'workspace:create',
  'workspace:open',
]

describe('the page never learns where a file is', () => {
  it('no answer of any channel, and no event, names a folder', async () => {
    // An import (with an invalid row), a backup and an export first: the history, the backups list and
    // the export notice are where a path would show.
    const first = await chosen()
    const { settings } = await data<{ settings: ImportSettings }>('import:inspect', [first.handle])
    await data('import:commit', ['job-nopaths-0', { ...settings, file: first.handle }])
    await data('backups:create', [])
    loop.dialogs.answers.push(join(dir, 'first export.zip'))
    await data('workspace:exportAll', [])

    const table = await channelSamples(data, chosen)
    const order = [
      ...allChannels()
        .map((c) => c.channel)
        .filter((c) => !LAST.includes(c)),
      ...LAST,
    ]
    expect(new Set(order).size).toBe(allChannels().length)
    for (const channel of order) {
      loop.dialogs.answers.splice(0, Infinity)
      const answer = answers[channel]
      if (answer) loop.dialogs.answers.push(answer())
      await call(channel, table[channel].args)
    }
    expect(seen.filter((s) => s.where === 'workspace:open')).toMatchObject([{ value: { ok: true, data: { name: 'saved as.sqlite' } } }])
    // Where the user needs the location, the main process shows it: the workspace, its newest backup.
    expect(loop.revealed).toEqual([join(dir, 'app', 'tandem.sqlite'), expect.stringMatching(/[\\/]app[\\/]tandem\.backups[\\/]backup-/)])
    expect(seen.filter((s) => s.where === 'import:history')).toMatchObject([{ value: { ok: true } }])

    const folders = [dir, realpathSync(dir), tmpdir(), realpathSync(tmpdir()), homedir()]
    const found: string[] = []
    for (const { where, value } of seen) {
      for (const { at, text } of strings(value, where)) {
        if (folders.some((f) => text.includes(f)) || lookLikePath(text)) found.push(`${at}: ${text.slice(0, 160)}`)
      }
    }
    expect(found).toEqual([])
    expect(seen.some((s) => s.where === 'event:workspaceChanged')).toBe(true)
    expect(loop.errors).toEqual([])
  }, 120_000)

  it('a refusal names the file, not its folder (the messages the command line prints in full)', async () => {
    const before = seen.length
    const refused: [Channel, string][] = [
      ['workspace:open', join(dir, 'app')], // a folder
      ['workspace:open', join(dir, 'no such.sqlite')],
      ['workspace:create', join(dir, 'no such folder', 'new.sqlite')],
      ['workspace:open', legit], // a CSV, not a workspace
      ['settings:importFile', legit],
    ]
    for (const [channel, answer] of refused) {
      loop.dialogs.answers.splice(0, Infinity, answer)
      expect(await call(channel, []), `${channel} ${answer}`).toMatchObject({ ok: false })
    }
    const messages = seen.slice(before).map((s) => (s.value as { message: string }).message)
    expect(messages.filter((m) => lookLikePath(m) || m.includes(dir))).toEqual([])
    expect(messages.join('\n')).toMatch(/new\.sqlite/)
  })

  it('the boundary takes folders out of messages, spaces and Windows paths too', () => {
    expect(withoutFolders('Cannot create /home/ana/Q3/new.sqlite: the folder /home/ana/Q3 does not exist.')).toBe(
      'Cannot create new.sqlite: the folder Q3 does not exist.',
    )
    expect(withoutFolders('/Users/Ana Lopez/Team plan.sqlite is a folder, not a workspace file.')).toBe(
      'Team plan.sqlite is a folder, not a workspace file.',
    )
    expect(withoutFolders('Could not open C:\\Users\\ana\\team.sqlite: locked')).toBe('Could not open team.sqlite: locked')
    expect(withoutFolders('Read \\\\server\\share\\deals.csv')).toBe('Read deals.csv')
    for (const kept of ['See https://docs.example.com/help/x.', 'Won / Lost', 'MQL/SQL on 2025/08/14'])
      expect(withoutFolders(kept)).toBe(kept)
  })

  it('a workspace without backups has none to show, and says so', async () => {
    loop.dialogs.answers.push(join(dir, 'fresh.sqlite'))
    await data('workspace:create', [])
    const before = loop.revealed.length
    expect(await call('backups:reveal', [])).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no backups yet/),
    })
    expect(loop.revealed).toHaveLength(before)
  })

  it('the path pattern finds what it should, and leaves links, dates and fractions alone', () => {
    for (const p of [
      '/home/ana/Tandem/team.sqlite',
      'saved to /tmp/x/y.zip.',
      'C:\\Users\\ana\\team.sqlite',
      '\\\\server\\share\\a.csv',
      '"/Users/Ana Lopez/a"',
    ]) {
      expect(lookLikePath(p), p).toBe(true)
    }
    for (const s of ['https://docs.example.com/help/x', 'Won / Lost / Open', 'MQL/SQL', '2025/08/14', 'team.sqlite', '50%/month']) {
      expect(lookLikePath(s), s).toBe(false)
    }
  })
})
