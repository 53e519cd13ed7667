import type { Api } from './contract'
import { channelOf, contract, eventChannelOf, events } from './contract'

/**
 * How `window.api` reaches the main process. In Electron it is `ipcRenderer` (in the preload); in the
 * end-to-end tests it is a loopback HTTP bridge to the same handlers. Only this transport differs.
 */
export interface Transport {
  invoke(channel: string, args: unknown[]): Promise<unknown>
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
  /**
   * Registers a dropped file with the main process and resolves to `{ok, data: handle}`: the preload finds
   * its path (Electron's webUtils) and sends it over a private channel; the e2e bridge uploads it to a
   * harness-private route instead. The page never sees the path.
   */
  droppedFile(file: File): Promise<unknown>
}

/** Builds the named, typed functions of `window.api` from the contract: nothing generic is exposed. */
export function buildApi(transport: Transport): Api {
  const api: Record<string, Record<string, unknown>> = {}
  for (const [domain, verbs] of Object.entries(contract)) {
    const fns: Record<string, unknown> = {}
    for (const verb of Object.keys(verbs)) {
      const channel = channelOf(domain, verb)
      fns[verb] = (...args: unknown[]) => transport.invoke(channel, args)
    }
    api[domain] = fns
  }
  const on: Record<string, unknown> = {}
  for (const name of Object.keys(events)) {
    const channel = eventChannelOf(name)
    on[name] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function')
      return transport.subscribe(channel, listener)
    }
  }
  api.on = on
  const droppedFile = (file: File): Promise<unknown> => transport.droppedFile(file)
  return Object.assign(api, { droppedFile }) as unknown as Api
}
