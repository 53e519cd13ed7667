import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { buildApi } from '@shared/build-api'
import { DROPPED_FILE_CHANNEL } from '@shared/contract'

/**
 * The preload exposes `window.api`, built from the IPC contract, and nothing else: no ipcRenderer,
 * no process, no generic invoke. It runs sandboxed, so it is bundled into one CommonJS file.
 */
const api = buildApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
  subscribe: (channel, listener) => {
    // Never hand the IpcRendererEvent (which carries `sender`) to the page: payload only.
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  },
  // The path stays here: it goes to the main process over a channel the page cannot call (not part of
  // window.api), and the page gets back a handle. A File the page built itself has no path ('').
  droppedFile: (file) => {
    const path = webUtils.getPathForFile(file)
    return path === '' ? Promise.resolve({ ok: true, data: null }) : ipcRenderer.invoke(DROPPED_FILE_CHANNEL, path)
  },
})

contextBridge.exposeInMainWorld('api', api)
