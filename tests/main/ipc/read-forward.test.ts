import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { leadQuery } from '../../../src/shared/handoff'
import { LATEST_SCHEMA_VERSION } from '../../../src/main/db/connection'
import { AppError } from '../../../src/main/errors'
import type { MainDeps } from '../../../src/main/ipc/deps'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { forwardReads } from '../../../src/main/ipc/read-forward'
import type { Handlers } from '../../../src/main/ipc/register'
import { READ_CHANNELS } from '../../../src/main/services/read-calls'
import { createMainServices, type MainServices } from '../../../src/main/services/main-services'
import { generateLeads } from '../../helpers/generate-leads'
import { insertOpportunities } from '../../helpers/leads'
import { tmpDir } from '../../helpers/tmp'

const AS_OF = '2025-09-30T12:00:00'
let services: MainServices
let plain: Handlers
let forwarded: Handlers
let dir: string

/** 3,000 leads and 2,000 opportunities with amounts, targets, and a board item linked to a metric. */
function seed(s: MainServices): void {
  const db = s.workspace.db
  generateLeads(db, { count: 3000, end: '2025-09-30T16:00:00.000Z', days: 200 })
  const stages = ['Closed Won', 'Closed Lost', 'Prospecting', 'Negotiation']
  insertOpportunities(
    db,
    Array.from({ length: 2000 }, (_, i) => ({
      external_id: `O${i}`,
      stage: stages[i % 4] as string,
      close_date: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      created_at: '2025-01-01T00:00:00.000Z',
      lead_id: i % 3 === 0 ? `L${i}` : null,
    })),
  )
  db.exec("UPDATE opportunities SET amount_minor = 100000 + (id * 7919) % 900000, currency = 'USD'")
  s.targets.save([{ period: '2025-Q3', team: '', segment: '', amount: '2500000' }])
  s.board.startMeeting({ title: 'Sync', at: '2025-09-15T10:00' })
  s.board.createItem({
    title: 'Watch attainment',
    notes: '',
    owner: 'Ana',
    team: 'joint',
    dueDate: null,
    link: s.board.linkTo('metric', 'attainment'),
  })
}

function handlersOf(s: MainServices): Handlers {
  const deps: MainDeps = {
    appInfo: { name: 'Tandem', version: 'test', schemaVersion: LATEST_SCHEMA_VERSION, platform: process.platform },
    ...s,
    prefs: undefined as never,
    dialogs: undefined as never,
    printMinutes: () => Promise.reject(new Error('no printing here')),
    openExternal: () => Promise.resolve(false),
    reveal: () => undefined,
  }
  return createHandlers(deps)
}

beforeEach(async () => {
  dir = tmpDir()
  services = createMainServices({ emit: () => undefined, dailyBackup: false })
  await services.workspace.open(join(dir, 'w.sqlite'), { create: true })
  seed(services)
  plain = handlersOf(services)
  forwarded = forwardReads(plain, services.reads)
})
afterEach(() => services.dispose())

/** Each read channel with arguments a view sends (fixed dates, so both sides compute the same instant). */
const CALLS: { channel: string; args: unknown[] }[] = [
  { channel: 'targets:report', args: [{ period: '2025-Q3', asOf: '2025-09-30' }] },
  { channel: 'targets:list', args: ['2025-Q3'] },
  { channel: 'targets:undated', args: ['open'] },
  { channel: 'handoff:overview', args: [{ asOf: AS_OF, from: null, to: null }] },
  { channel: 'handoff:trends', args: [AS_OF] },
  { channel: 'handoff:funnel', args: [{ from: null, to: null, asOf: AS_OF }] },
  { channel: 'handoff:leads', args: [leadQuery(AS_OF)] },
  { channel: 'handoff:lead', args: [17, AS_OF] },
  { channel: 'handoff:facets', args: [] },
  { channel: 'handoff:gradeHistory', args: [] },
  { channel: 'roi:report', args: [{ period: '2025-Q3', asOf: '2025-09-30' }] },
  { channel: 'board:view', args: [{ meetingId: null, owner: null, team: null, overdueOnly: false }] },
]

const call = (h: Handlers, channel: string, args: unknown[]): Promise<unknown> => {
  const [domain, verb] = channel.split(':') as [string, string]
  const fn = (h as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[domain]?.[verb]
  if (!fn) throw new Error(`no handler ${channel}`)
  return Promise.resolve().then(() => fn(...args))
}

describe('the read worker behind the IPC handlers', () => {
  it('forwards exactly the read channels the test calls', () => {
    expect([...READ_CHANNELS].sort()).toEqual(CALLS.map((c) => c.channel).sort())
  })

  it('returns exactly what the in-process handlers return, on a seeded workspace', async () => {
    for (const { channel, args } of CALLS) {
      const expected = await call(plain, channel, args)
      const got = await call(forwarded, channel, args)
      expect(got, channel).toEqual(structuredClone(expected))
    }
    // The seed is not empty: the comparison compares numbers, not two empty reports.
    const report = (await call(forwarded, 'handoff:funnel', [{ from: null, to: null, asOf: AS_OF }])) as { stages: unknown[] }
    expect(JSON.stringify(report)).toMatch(/[1-9]\d{2,}/)
  })

  it('throws the same one-line AppError as in-process (a lead that does not exist)', async () => {
    const inProcess = await call(plain, 'handoff:lead', [999_999, AS_OF]).catch((e: unknown) => e)
    const viaWorker = await call(forwarded, 'handoff:lead', [999_999, AS_OF]).catch((e: unknown) => e)
    expect(inProcess).toBeInstanceOf(AppError)
    expect(viaWorker).toBeInstanceOf(AppError)
    expect({ code: (viaWorker as AppError).code, message: (viaWorker as AppError).message }).toEqual({
      code: (inProcess as AppError).code,
      message: (inProcess as AppError).message,
    })
  })

  it('sees a write on the main connection in the very next call', async () => {
    const q = [{ period: '2025-Q3', asOf: '2025-09-30' }]
    const before = JSON.stringify(await call(forwarded, 'targets:report', q))
    services.targets.save([{ period: '2025-Q3', team: '', segment: '', amount: '9999999' }])
    const after = await call(forwarded, 'targets:report', q)
    expect(JSON.stringify(after)).not.toBe(before)
    expect(after).toEqual(structuredClone(await call(plain, 'targets:report', q)))
  })

  it('reads the workspace switched to, and refuses with NO_WORKSPACE when none is open', async () => {
    const facets = (await call(forwarded, 'handoff:facets', [])) as { owners: string[] }
    expect(facets.owners.length).toBeGreaterThan(0)
    await services.workspace.open(join(dir, 'other.sqlite'), { create: true })
    expect(await call(forwarded, 'handoff:facets', [])).toEqual({ owners: [], grades: [], sources: [] })
    services.workspace.close()
    await expect(call(forwarded, 'handoff:facets', [])).rejects.toMatchObject({ code: 'NO_WORKSPACE' })
    await services.workspace.open(join(dir, 'w.sqlite'))
    expect(await call(forwarded, 'handoff:facets', [])).toEqual(facets)
  })

  it('reads a restored backup, and the restore is not blocked by the worker', async () => {
    const backup = await services.workspace.backupNow()
    const q = [{ period: '2025-Q3', asOf: '2025-09-30' }]
    const atBackup = await call(forwarded, 'targets:report', q)
    services.targets.save([{ period: '2025-Q3', team: '', segment: '', amount: '1' }])
    expect(await call(forwarded, 'targets:report', q)).not.toEqual(atBackup)
    // A report made just before may finish during the restore's own backup, or be stopped: never block it.
    const running = call(forwarded, 'handoff:funnel', [{ from: null, to: null, asOf: AS_OF }]).catch((e: unknown) => e)
    await services.workspace.restore(backup.file)
    const outcome = await running
    if (outcome instanceof AppError) expect(outcome.code).toBe('CANCELLED')
    expect(await call(forwarded, 'targets:report', q)).toEqual(atBackup)
  })

  it('stops a call in flight when the file is about to be replaced, and says so in one line', async () => {
    const running = services.reads.call('handoff:funnel', [{ from: null, to: null, asOf: AS_OF }]).catch((e: unknown) => e)
    await services.reads.release()
    expect(await running).toBeInstanceOf(AppError)
    expect(await running).toMatchObject({
      code: 'CANCELLED',
      message: 'handoff:funnel was stopped: the workspace was replaced or closed while it ran.',
    })
    expect(services.reads.worker).toBeNull()
    expect(await call(forwarded, 'handoff:facets', [])).toEqual(await call(plain, 'handoff:facets', []))
  })

  it('recovers from a worker that dies: the call in flight gets one line, the next call works', async () => {
    const q = [{ asOf: AS_OF, from: null, to: null }]
    const expected = await call(forwarded, 'handoff:overview', q)
    const inFlight = call(forwarded, 'handoff:overview', q)
    const worker = services.reads.worker
    expect(worker).not.toBeNull()
    await worker?.terminate()
    const e = (await inFlight.catch((x: unknown) => x)) as AppError
    expect(e).toBeInstanceOf(AppError)
    expect(e.code).toBe('INTERNAL')
    expect(e.message).toMatch(/^handoff:overview failed: the report worker ended unexpectedly .*; try again\.$/)
    expect(e.message).not.toContain('\n')
    expect(await call(forwarded, 'handoff:overview', q)).toEqual(expected)
    expect(services.reads.worker).not.toBe(worker)
  })

  it('leaves no write-ahead log behind when the workspace closes after reports', async () => {
    await call(forwarded, 'handoff:funnel', [{ from: null, to: null, asOf: AS_OF }])
    services.workspace.close()
    expect(existsSync(join(dir, 'w.sqlite-wal'))).toBe(false)
  })
})
