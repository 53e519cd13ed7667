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
    // JSON has no undefined: drop trailing omitted arguments, as structured clone would keep them absent.
    while (args.length > 0 && args[args.length - 1] === undefined) args = args.slice(0, -1)
    const res = await fetch(`./__ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    })
    return res.json()
  },
  // Chromium has no file paths for dropped files; the bridge stores the bytes in a temporary file and
  // registers it as the preload registers a dropped file: the answer is a handle, never a path.
  async droppedFile(file) {
    const res = await fetch(`./__upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file })
    return res.json()
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set()
    set.add(listener)
    listeners.set(channel, set)
    return () => set.delete(listener)
  },
})
