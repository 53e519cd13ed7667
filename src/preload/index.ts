import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { buildApi } from '@shared/build-api'

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
  pathForFile: (file) => {
    const path = webUtils.getPathForFile(file)
    return Promise.resolve(path === '' ? null : path)
  },
})

contextBridge.exposeInMainWorld('api', api)
