import { beforeAll, describe, expect, it } from 'vitest'
import * as electron from 'electron'
import { contract, events } from '../../src/shared/contract'
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
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract), 'on', 'pathForFile'].sort())
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
      workspace: { openRecent(p: string): Promise<unknown> }
      on: { navigate(cb: (v: unknown) => void): () => void }
    }
    await api.workspace.openRecent('/w/a.sqlite')
    expect(fake.calls.find((c) => c.name === 'ipcRenderer.invoke')?.args).toEqual(['workspace:openRecent', '/w/a.sqlite'])

    const got: unknown[] = []
    const off = api.on.navigate((v) => got.push(v))
    const [listener] = f.ipcRenderer.listeners.get('event:navigate')!
    listener!({ sender: 'secret' }, 'board')
    expect(got).toEqual(['board']) // the payload only, never the event with its sender
    off()
    expect(f.ipcRenderer.listeners.get('event:navigate')).toEqual([])
  })
})
