import fc from 'fast-check'
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allChannels } from '../../../src/shared/contract'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { registerHandlers, type SenderEvent } from '../../../src/main/ipc/register'
import { AppPrefs } from '../../../src/main/services/app-prefs'
import { createMainServices, type MainServices } from '../../../src/main/services/main-services'

/**
 * Every IPC handler's argument validation, fuzzed through the real registration (the sender check, the zod
 * schema, the handler) over a real workspace (the released schema-8 fixture, with data and meetings): for
 * each channel of the contract, RUNS generated argument lists, as a compromised page could send them. None
 * may crash (an INTERNAL error or a logged exception), none may hang, and an input that is refused changes
 * nothing in the workspace (SQLite's total_changes() of its connection stays put) and writes no file.
 */
const RUNS = Number(process.env.TANDEM_FUZZ_RUNS ?? 10_000)
const SEED = Number(process.env.TANDEM_FUZZ_SEED ?? 18)
const APP = 'app://tandem/index.html'
const FIXTURE = resolve(import.meta.dirname, '../../fixtures/workspaces/v8.sqlite')
type Listener = (event: SenderEvent, ...args: unknown[]) => Promise<unknown>

/** What a hostile page would try first: paths, URLs, huge and odd values, prototype keys. */
const hostile = fc.oneof(
  fc.constantFrom(
    '/etc/passwd',
    '../../../../etc/passwd',
    'file:///etc/passwd',
    'C:\\Windows\\win.ini',
    '\\\\server\\share\\x.csv',
    'https://example.com/?q=secret',
    'javascript:alert(1)',
    '\0',
    '',
    ' ',
    'x'.repeat(70_000),
    '2025-02-30',
    '9999-99-99T99:99',
    'FY2025',
    '2025-Q5',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, -1, 2 ** 53, Number.MAX_VALUE, 1e-300, 0.5),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
  fc.constantFrom(null, undefined, true, false, [], {}),
)
const primitive = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: hostile },
)
/** The names the contract's argument objects use, so objects get past the first key now and then. */
const KEYS = ['period', 'asOf', 'title', 'from', 'to', 'status', 'team', 'id', 'kind', 'path', 'window', 'owner', 'due', 'link', 'page']
const value = fc.oneof(
  { weight: 6, arbitrary: primitive },
  { weight: 3, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), primitive, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.array(primitive, { maxLength: 3 }) },
  // Anything at all, now and then: deep objects, typed arrays, odd prototypes (ten times dearer to make).
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
)
const argumentLists = fc.oneof(
  fc.array(value, { maxLength: 4 }),
  fc.tuple(fc.integer({ min: -5, max: 1_000_000 }), value),
  fc.tuple(fc.string({ maxLength: 40 })),
)

let services: MainServices
let call: (channel: string, args: unknown[]) => Promise<unknown>
let changes: () => number
let files: () => string
let dir = ''
const logged: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-fuzz-')) // one workspace for the whole file, removed after it
  const path = join(dir, 'ws.sqlite')
  copyFileSync(FIXTURE, path)
  const prefs = new AppPrefs(join(dir, 'prefs'))
  services = createMainServices({ emit: () => undefined, prefs })
  await services.workspace.open(path)
  const handlers = createHandlers({
    appInfo: { name: 'Tandem', version: '1', schemaVersion: 1, platform: 'linux' },
    ...services,
    prefs,
    printMinutes: () => Promise.resolve(Buffer.from('')),
    // The user cancels every dialog: a fuzzed call must not get a file it did not ask the user for.
    dialogs: { openFile: () => Promise.resolve(null), saveFile: () => Promise.resolve(null) },
    openExternal: () => Promise.resolve(false), // and every confirmation to open a link
    reveal: () => undefined,
  })
  const registered = new Map<string, Listener>()
  registerHandlers({ handle: (c, l) => void registered.set(c, l) }, handlers, {
    isTrustedSender: (url) => url === APP,
    logError: (channel, e) => logged.push(`${channel}: ${String(e)}`),
  })
  call = (channel, args) => registered.get(channel)!({ senderFrame: { url: APP } }, ...args)
  const totalChanges = services.workspace.db.prepare('SELECT total_changes()').pluck()
  changes = () => totalChanges.get() as number
  const listing = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listing(join(d, e.name)) : [join(d, e.name)]))
  files = () =>
    listing(dir)
      .filter((f) => !/-(wal|shm|journal)$/.test(f))
      .sort()
      .join('\n')
})

afterAll(() => {
  services?.dispose()
  rmSync(dir, { recursive: true, force: true })
})

function withinTime<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} hung for ${ms} ms`)), ms)))
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}

describe(`IPC argument validation: ${RUNS} generated calls per channel (seed ${SEED})`, () => {
  for (const { channel } of allChannels()) {
    it(
      channel,
      async () => {
        const tally = { refused: 0, accepted: 0 }
        const loggedBefore = logged.length
        const filesBefore = files()
        await fc.assert(
          fc.asyncProperty(argumentLists, async (args) => {
            const before = changes()
            const result = (await withinTime(call(channel, args), 5000, channel)) as { ok: boolean; code?: string; message?: string }
            // Plain checks (not expect) in the loop: it runs RUNS times per channel; what failed is thrown.
            if (result.ok === true) {
              tally.accepted++
              return
            }
            tally.refused++
            const input = (): string => (JSON.stringify(args) ?? String(args)).slice(0, 200)
            if (result.ok !== false) throw new Error(`${channel} answered neither ok nor refused for ${input()}`)
            if (result.code === 'INTERNAL') throw new Error(`${channel} crashed on ${input()}: ${result.message}`)
            // One line, and not a dump of the input.
            if (!/^[^\n]{1,400}$/.test(result.message ?? ''))
              throw new Error(`${channel}: unreadable refusal: ${result.message?.slice(0, 500)}`)
            if (changes() !== before) throw new Error(`${channel} refused ${input()} but changed the workspace`)
          }),
          { numRuns: RUNS, seed: SEED },
        )
        expect(logged.slice(loggedBefore)).toEqual([])
        // A run that refused everything wrote nothing beside the workspace either.
        if (tally.accepted === 0) expect(files()).toBe(filesBefore)
        console.log(`fuzz: ${channel}: ${RUNS} calls, ${tally.refused} refused, ${tally.accepted} accepted, 0 crashes, 0 hangs`)
      },
      600_000,
    )
  }
})
