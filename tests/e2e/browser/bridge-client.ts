import { buildApi } from '../../../src/shared/build-api'

/**
 * window.api for the end-to-end tests: the same buildApi as the preload, over HTTP to the loopback
 * bridge instead of Electron's IPC. Calls are POSTs to /__ipc/<channel>; events arrive over SSE.
 */
const listeners = new Map<string, Set<(payload: unknown) => void>>()
const source = new EventSource('./__events')
source.onmessage = (message: MessageEvent<string>) => {
  const { channel, payload } = JSON.parse(message.data) as { channel: string; payload: unknown }
  for (const listener of listeners.get(channel) ?? []) listener(payload)
}

window.api = buildApi({
  async invoke(channel, args) {
    const res = await fetch(`./__ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    })
    return res.json()
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set()
    set.add(listener)
    listeners.set(channel, set)
    return () => set.delete(listener)
  },
})
