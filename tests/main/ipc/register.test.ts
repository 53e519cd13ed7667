import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { allChannels } from '../../../src/shared/contract'
import { defaultSettings } from '../../../src/shared/settings'
import { AppError } from '../../../src/main/errors'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { registerHandlers, type Handlers, type SenderEvent } from '../../../src/main/ipc/register'
import { AppPrefs } from '../../../src/main/services/app-prefs'
import { createMainServices } from '../../../src/main/services/main-services'
import { tmpDir } from '../../helpers/tmp'

const APP = 'file:///app/out/renderer/index.html'
type Listener = (event: SenderEvent, ...args: unknown[]) => Promise<unknown>

/** The audience window's web contents in these tests. */
const AUDIENCE = 99

async function setup(override?: (h: Handlers) => void) {
  const dir = tmpDir()
  const prefs = new AppPrefs(dir)
  const services = createMainServices({ emit: () => undefined, prefs })
  await services.workspace.open(join(dir, 'ws.sqlite'), { create: true })
  const handlers = createHandlers({
    appInfo: { name: 'Tandem', version: '1', schemaVersion: 1, platform: 'linux' },
    ...services,
    prefs,
    printMinutes: () => Promise.resolve(Buffer.from('')),
    dialogs: { openFile: () => Promise.resolve(null), saveFile: () => Promise.resolve(null) },
    openExternal: () => Promise.resolve(false),
    reveal: () => undefined,
  })
  override?.(handlers)
  const registered = new Map<string, Listener>()
  const logError = vi.fn()
  registerHandlers({ handle: (c, l) => void registered.set(c, l) }, handlers, {
    isTrustedSender: (url) => url === APP,
    logError,
    isAudience: (event) => event.sender?.id === AUDIENCE,
  })
  const call = (channel: string, args: unknown[], url: string | null = APP) =>
    registered.get(channel)!({ senderFrame: url === null ? null : { url }, sender: { id: 1 } }, ...args)
  const fromAudience = (channel: string, args: unknown[]) =>
    registered.get(channel)!({ senderFrame: { url: APP }, sender: { id: AUDIENCE } }, ...args)
  return { registered, call, fromAudience, logError, close: () => services.dispose() }
}

describe('registerHandlers', () => {
  it('registers exactly the channels of the contract', async () => {
    const { registered, close } = await setup()
    expect([...registered.keys()].sort()).toEqual(
      allChannels()
        .map((c) => c.channel)
        .sort(),
    )
    close()
  })

  it('answers {ok, data} for a valid call from the app page', async () => {
    const { call, close } = await setup()
    expect(await call('settings:get', [])).toMatchObject({ ok: true, data: { settings: defaultSettings() } })
    close()
  })

  it('gives the audience window the redacted slides and nothing else: not the presenter deck, another profile, the board or a write', async () => {
    const { call, fromAudience, close } = await setup()
    expect(await fromAudience('presentation:state', [])).toMatchObject({ ok: true })
    expect(await fromAudience('presentation:deck', [{}])).toMatchObject({ ok: true })
    const refused = (channel: string) => ({
      ok: false,
      code: 'UNTRUSTED_SENDER',
      message: `Request refused: the audience window shows the slides only and may not call ${channel}.`,
    })
    expect(await fromAudience('presentation:deck', [{ profile: 'joint' }])).toEqual(refused('presentation:deck'))
    for (const channel of allChannels().map((c) => c.channel)) {
      if (['app:info', 'presentation:state', 'presentation:deck'].includes(channel)) continue
      expect(await fromAudience(channel, [])).toEqual(refused(channel))
    }
    // The same calls from the main window are answered.
    expect(await call('presentation:presenterDeck', [])).toMatchObject({ ok: true })
    expect(await call('presentation:deck', [{ profile: 'joint' }])).toMatchObject({ ok: true })
    close()
  })

  it('refuses a call from any other page, and from a destroyed frame', async () => {
    const { call, close } = await setup()
    expect(await call('settings:get', [], 'https://evil.example/')).toEqual({
      ok: false,
      code: 'UNTRUSTED_SENDER',
      message: 'Request refused: it did not come from the Tandem window.',
    })
    expect(await call('settings:get', [], null)).toMatchObject({ ok: false, code: 'UNTRUSTED_SENDER' })
    close()
  })

  it('validates arguments before any handler runs', async () => {
    const { call, close } = await setup()
    expect(await call('workspace:openRecent', [42])).toMatchObject({
      ok: false,
      code: 'BAD_ARGS',
      message: expect.stringContaining('(argument 1)'),
    })
    expect(await call('workspace:openRecent', ['/a', 'extra'])).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(await call('backups:restore', ['../../etc/passwd'])).toMatchObject({
      ok: false,
      code: 'BAD_ARGS',
      message: expect.stringContaining('not a file handle'),
    })
    expect(await call('app:openExternal', ['x'.repeat(5000)])).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    close()
  })

  it('passes on user-facing errors with their code, message and problems', async () => {
    const { call, close } = await setup()
    const res = await call('settings:save', [{ ...defaultSettings(), currency: 'x' }])
    expect(res).toMatchObject({ ok: false, code: 'SETTINGS_INVALID', problems: [{ path: 'currency' }] })
    expect(await call('app:openExternal', ['file:///etc/passwd'])).toMatchObject({ ok: false, code: 'URL_REFUSED' })
    close()
  })

  it('hides unexpected errors: a generic message for the page, the stack for the log', async () => {
    const boom = new Error('SQLITE_IOERR at /home/me/secret/path\n    at stack line')
    const { call, logError, close } = await setup((h) => {
      h.settings.get = () => {
        throw boom
      }
    })
    const res = (await call('settings:get', [])) as { message: string }
    expect(res).toEqual({ ok: false, code: 'INTERNAL', message: 'Something went wrong in settings:get. The details are in the log.' })
    expect(logError).toHaveBeenCalledWith('settings:get', boom)
    close()
  })

  it('still reports AppErrors thrown by handlers as such', async () => {
    const { call, close } = await setup((h) => {
      h.workspace.current = () => {
        throw new AppError('NO_WORKSPACE', 'none')
      }
    })
    expect(await call('workspace:current', [])).toEqual({ ok: false, code: 'NO_WORKSPACE', message: 'none' })
    close()
  })
})

describe('text with a NUL character', () => {
  it('is refused on every channel before its handler runs, naming the argument (a title of "\\0" reached SQLite)', async () => {
    const { call, logError, close } = await setup()
    expect(await call('board:capture', ['\u0000'])).toEqual({
      ok: false,
      code: 'BAD_ARGS',
      message: 'Invalid request to board:capture (argument 1): text with a NUL character',
    })
    expect(await call('board:createItem', [{ title: 'ok', notes: 'a\u0000b' }])).toMatchObject({
      code: 'BAD_ARGS',
      message: expect.stringContaining('(argument 1.notes)'),
    })
    expect(logError).not.toHaveBeenCalled()
    close()
  })
})
