/**
 * A stand-in for the `electron` module in unit tests (aliased in vitest.config.mts). It records what the
 * main-process glue asks of Electron so tests can check window options, security handlers, menus and
 * IPC registration without the Electron binary.
 */
import { EventEmitter } from 'node:events'

type Listener = (...args: unknown[]) => unknown

export const calls: { name: string; args: unknown[] }[] = []
const record = (name: string, ...args: unknown[]): void => {
  calls.push({ name, args })
}

let nextWebContentsId = 1

class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  sent: { channel: string; payload: unknown }[] = []
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload })
  }
  printOptions: unknown[] = []
  /** A PDF's first bytes; records the options it was asked for. */
  printToPDF(options: unknown): Promise<Buffer> {
    this.printOptions.push(options)
    return Promise.resolve(Buffer.from('%PDF-1.7 fake'))
  }
  /** Emits like Electron: returns whether a listener called preventDefault(). */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false
    const e = { preventDefault: () => (prevented = true), url: typeof args[0] === 'string' ? args[0] : undefined }
    this.emit(event, e, ...args)
    return prevented
  }
}

export class BrowserWindow extends EventEmitter {
  static windows: BrowserWindow[] = []
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.windows
  }
  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.windows[0] ?? null
  }
  readonly webContents = new FakeWebContents()
  loadedUrl: string | null = null
  bounds: { x: number; y: number; width: number; height: number }
  maximized = false
  fullScreen = false
  destroyed = false
  constructor(readonly options: Record<string, unknown>) {
    super()
    this.bounds = {
      x: Number(options['x'] ?? 0),
      y: Number(options['y'] ?? 0),
      width: Number(options['width'] ?? 800),
      height: Number(options['height'] ?? 600),
    }
    BrowserWindow.windows.push(this)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    return Promise.resolve()
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  maximize(): void {
    this.maximized = true
  }
  isMaximized(): boolean {
    return this.maximized
  }
  setFullScreen(v: boolean): void {
    this.fullScreen = v
  }
  isFullScreen(): boolean {
    return this.fullScreen
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds }
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds }
  }
  setBounds(b: { x: number; y: number; width: number; height: number }): void {
    this.bounds = b
  }
  show(): void {
    record('BrowserWindow.show')
  }
  destroy(): void {
    this.destroyed = true
    record('BrowserWindow.destroy')
  }
}

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  },
}

export const ipcRenderer = {
  invoke: (...args: unknown[]) => {
    record('ipcRenderer.invoke', ...args)
    return Promise.resolve({ ok: true, data: null })
  },
  listeners: new Map<string, Listener[]>(),
  on(channel: string, l: Listener) {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), l])
  },
  removeListener(channel: string, l: Listener) {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((x) => x !== l),
    )
  },
}

export const webUtils = {
  getPathForFile: (file: { path?: string }) => file.path ?? '',
}

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, value: unknown): void {
    this.exposed.set(key, value)
  },
}

class FakeSession {
  permissionRequestHandler: Listener | null = null
  permissionCheckHandler: Listener | null = null
  devicePermissionHandler: Listener | null = null
  headersListener: Listener | null = null
  beforeRequestListener: Listener | null = null
  setPermissionRequestHandler(h: Listener): void {
    this.permissionRequestHandler = h
  }
  setPermissionCheckHandler(h: Listener): void {
    this.permissionCheckHandler = h
  }
  setDevicePermissionHandler(h: Listener): void {
    this.devicePermissionHandler = h
  }
  webRequest = {
    onHeadersReceived: (l: Listener): void => {
      this.headersListener = l
    },
    onBeforeRequest: (l: Listener): void => {
      this.beforeRequestListener = l
    },
  }
}

export const session = { defaultSession: new FakeSession() }

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  /** Whether `whenReady` has resolved (Electron refuses privileged schemes from then on). */
  ready: false,
  paths: new Map<string, string>(),
  enableSandbox: () => record('app.enableSandbox'),
  getVersion: () => '0.0.0-test',
  getPath: (name: string) => app.paths.get(name) ?? `/tmp/fake-electron/${name}`,
  setPath: (name: string, path: string) => void app.paths.set(name, path),
  isReady: () => app.ready,
  requestSingleInstanceLock: () => true,
  quit: () => record('app.quit'),
  whenReady: () => {
    app.ready = true
    return Promise.resolve()
  },
})

/** Electron's protocol module: privileged schemes (only before ready, as Electron enforces) and handlers. */
export const protocol = {
  privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready')
    this.privileged.push(...schemes)
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    this.handlers.set(scheme, handler)
  },
}

export const shell = {
  opened: [] as string[],
  shown: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url)
    return Promise.resolve()
  },
  showItemInFolder(path: string): void {
    this.shown.push(path)
  },
}

export const Menu = {
  current: null as unknown,
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu(menu: unknown): void {
    this.current = menu
  },
}

export const dialog = {
  nextOpen: null as string | null,
  nextSave: null as string | null,
  showOpenDialog: (..._args: unknown[]) =>
    Promise.resolve({ canceled: dialog.nextOpen === null, filePaths: dialog.nextOpen ? [dialog.nextOpen] : [] }),
  showSaveDialog: (..._args: unknown[]) => Promise.resolve({ canceled: dialog.nextSave === null, filePath: dialog.nextSave ?? undefined }),
  /** The options of every message box shown (the window argument, if any, left out). */
  messageBoxes: [] as Record<string, unknown>[],
  /** The button the user presses in the next message box (0: the first, Cancel in a confirmation). */
  nextResponse: 0,
  showMessageBox: (...args: unknown[]) => {
    dialog.messageBoxes.push(args[args.length - 1] as Record<string, unknown>)
    return Promise.resolve({ response: dialog.nextResponse })
  },
}

export const nativeTheme = { shouldUseDarkColors: false, themeSource: 'system' }

type Rect = { x: number; y: number; width: number; height: number }
export interface FakeDisplay {
  id: number
  bounds: Rect
  workArea: Rect
}
export const ONE_DISPLAY: FakeDisplay[] = [
  { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1080 } },
]

export const screen = {
  displays: ONE_DISPLAY,
  getAllDisplays() {
    return this.displays
  },
  getPrimaryDisplay() {
    return this.displays[0]
  },
  /** The display a rectangle is on: the one holding its centre, else the primary. */
  getDisplayMatching(r: Rect) {
    const cx = r.x + r.width / 2
    const cy = r.y + r.height / 2
    return (
      this.displays.find(
        (d) => cx >= d.bounds.x && cx < d.bounds.x + d.bounds.width && cy >= d.bounds.y && cy < d.bounds.y + d.bounds.height,
      ) ?? this.displays[0]
    )
  },
}

export function resetFakeElectron(): void {
  calls.length = 0
  BrowserWindow.windows = []
  ipcMain.handlers.clear()
  ipcRenderer.listeners.clear()
  contextBridge.exposed.clear()
  session.defaultSession = new FakeSession()
  shell.opened = []
  shell.shown = []
  Menu.current = null
  dialog.nextOpen = null
  dialog.nextSave = null
  dialog.messageBoxes = []
  dialog.nextResponse = 0
  app.removeAllListeners()
  app.ready = false
  app.paths.clear()
  protocol.privileged = []
  screen.displays = ONE_DISPLAY
  protocol.handlers.clear()
}

export type { FakeWebContents }
export default {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  webUtils,
  session,
  shell,
  Menu,
  dialog,
  nativeTheme,
  screen,
  protocol,
}
