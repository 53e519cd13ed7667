import { beforeAll, describe, expect, it } from 'vitest'
import * as electron from 'electron'
import { DROPPED_FILE_CHANNEL, contract, events } from '../../src/shared/contract'
import * as fake from '../helpers/fake-electron'

const f = electron as unknown as typeof fake

// The preload runs once, like in a window; both tests look at what it exposed.
beforeAll(async () => {
  fake.resetFakeElectron()
  await import('../../src/preload/index')
})

describe('preload', () => {
  it('exposes only window.api, with one function per contract channel and event', async () => {
    expect([...f.contextBridge.exposed.keys()]).toEqual(['api'])
    const api = f.contextBridge.exposed.get('api') as Record<string, Record<string, unknown>>
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract), 'on', 'droppedFile'].sort())
    for (const [domain, verbs] of Object.entries(contract)) {
      expect(Object.keys(api[domain]!).sort()).toEqual(Object.keys(verbs).sort())
      for (const fn of Object.values(api[domain]!)) expect(typeof fn).toBe('function')
    }
    expect(Object.keys(api['on']!).sort()).toEqual(Object.keys(events).sort())
    // Nothing generic leaks through.
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipcRenderer|invoke|send|process|require/)
  })

  it('calls the named channel with the arguments, and unsubscribes listeners', async () => {
    const api = f.contextBridge.exposed.get('api') as {
      workspace: { openRecent(id: string): Promise<unknown> }
      on: { navigate(cb: (v: unknown) => void): () => void }
    }
    await api.workspace.openRecent('fh_AAAAAAAAAAAAAAAAAAAAAA')
    expect(fake.calls.find((c) => c.name === 'ipcRenderer.invoke')?.args).toEqual(['workspace:openRecent', 'fh_AAAAAAAAAAAAAAAAAAAAAA'])

    const got: unknown[] = []
    const off = api.on.navigate((v) => got.push(v))
    const [listener] = f.ipcRenderer.listeners.get('event:navigate')!
    listener!({ sender: 'secret' }, 'board')
    expect(got).toEqual(['board']) // the payload only, never the event with its sender
    off()
    expect(f.ipcRenderer.listeners.get('event:navigate')).toEqual([])
  })
})

describe('a dropped file', () => {
  it('goes to the main process by its path over the private channel; the page gets only the answer', async () => {
    const api = f.contextBridge.exposed.get('api') as { droppedFile(file: unknown): Promise<unknown> }
    fake.calls.length = 0
    const answer = await api.droppedFile({ name: 'leads.csv', path: '/home/me/leads.csv' })
    expect(fake.calls.filter((c) => c.name === 'ipcRenderer.invoke').map((c) => c.args)).toEqual([
      [DROPPED_FILE_CHANNEL, '/home/me/leads.csv'],
    ])
    expect(answer).toEqual({ ok: true, data: null }) // what the fake main process answered
    expect(Object.keys(api)).not.toContain(DROPPED_FILE_CHANNEL)
  })

  it('without a path on disk (a File the page made itself) asks nothing', async () => {
    const api = f.contextBridge.exposed.get('api') as { droppedFile(file: unknown): Promise<unknown> }
    fake.calls.length = 0
    expect(await api.droppedFile({ name: 'made-up.csv' })).toEqual({ ok: true, data: null })
    expect(fake.calls.filter((c) => c.name === 'ipcRenderer.invoke')).toEqual([])
  })
})
