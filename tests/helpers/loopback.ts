import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { buildApi } from '../../src/shared/build-api'
import { DROPPED_FILE_CHANNEL, eventChannelOf, type Api, type EventName, type EventPayload } from '../../src/shared/contract'
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/connection'
import { createHandlers } from '../../src/main/ipc/handlers'
import { forwardReads } from '../../src/main/ipc/read-forward'
import type { MainDeps } from '../../src/main/ipc/deps'
import { registerDroppedFile, registerHandlers, type SenderEvent } from '../../src/main/ipc/register'
import { isAppUrl } from '../../src/main/security-policy'
import { AppPrefs } from '../../src/main/services/app-prefs'
import type { Dialogs } from '../../src/main/services/dialogs'
import { createMainServices } from '../../src/main/services/main-services'
import type { WorkspaceManager } from '../../src/main/services/workspace'
import type { ImportService } from '../../src/main/services/imports'
import type { BoardService } from '../../src/main/services/board'
import { AppError } from '../../src/main/errors'

/**
 * The real main-process side of Tandem (services, handlers, sender check, argument validation) without
 * Electron: what the e2e bridge serves over HTTP and what renderer tests call in-process. Only the
 * transport differs from the app.
 */

/** Dialog answers prepared by a test, one per dialog the app opens; an unexpected dialog fails loudly. */
export class ScriptedDialogs implements Dialogs {
  readonly answers: (string | null)[] = []
  readonly asked: { kind: 'open' | 'save'; title: string }[] = []
  private next(kind: 'open' | 'save', title: string): Promise<string | null> {
    this.asked.push({ kind, title })
    if (this.answers.length === 0) return Promise.reject(new Error(`The test did not prepare an answer for the "${title}" dialog`))
    return Promise.resolve(this.answers.shift() ?? null)
  }
  openFile({ title }: { title: string }): Promise<string | null> {
    return this.next('open', title)
  }
  saveFile({ title }: { title: string }): Promise<string | null> {
    return this.next('save', title)
  }
}

export interface Loopback {
  appUrl: string
  workspace: WorkspaceManager
  prefs: AppPrefs
  dialogs: ScriptedDialogs
  /** Links the page asked to open (each would be shown in a confirmation dialog), and whether the user confirms. */
  opened: string[]
  /** Files the main process showed in the file manager (workspace:reveal, backups:reveal). */
  revealed: string[]
  confirmExternal: boolean
  errors: { channel: string; error: unknown }[]
  invoke(channel: string, args: unknown[], senderUrl?: string): Promise<unknown>
  /**
   * What the preload does with a dropped file's path: registers it over the private channel (with the
   * sender check) and resolves to `{ok, data: {handle, name}}`. The e2e bridge's upload route calls it.
   */
  registerDropped(path: string, senderUrl?: string): Promise<unknown>
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  /** window.api for an in-process caller (renderer unit tests). */
  api(): Api
  imports: ImportService
  board: BoardService
  /**
   * What the app's `printToPDF` of the minutes' print view is here: refused by default (no Electron); the
   * e2e harness sets it to Chromium printing the same page (tests/e2e/harness/app.ts).
   */
  printMinutes(meetingId: number): Promise<Buffer>
  close(): void
}

export async function createLoopback(options: { dir: string; appUrl: string; workspaceFile?: string }): Promise<Loopback> {
  const bus = new EventEmitter()
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    bus.emit(eventChannelOf(name), payload)
  }
  const prefs = new AppPrefs(join(options.dir, 'user-data'))
  const services = createMainServices({ emit, prefs })
  const { workspace, imports, board } = services
  const dialogs = new ScriptedDialogs()
  const opened: string[] = []
  const revealed: string[] = []
  const errors: { channel: string; error: unknown }[] = []
  const deps: MainDeps = {
    appInfo: { name: 'Tandem', version: 'test', schemaVersion: LATEST_SCHEMA_VERSION, platform: process.platform },
    ...services,
    prefs,
    dialogs,
    printMinutes: (id) => loop.printMinutes(id),
    openExternal: (url) => {
      opened.push(url)
      return Promise.resolve(loop.confirmExternal)
    },
    reveal: (path) => void revealed.push(path),
  }
  const registered = new Map<string, (event: SenderEvent, ...args: unknown[]) => Promise<unknown>>()
  const host = {
    handle: (channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>) =>
      void registered.set(channel, listener),
  }
  const registerOptions = {
    isTrustedSender: (url: string | undefined) => isAppUrl(url, options.appUrl),
    logError: (channel: string, error: unknown) => errors.push({ channel, error }),
  }
  // As in the app: the long reports run in the read worker.
  registerHandlers(host, forwardReads(createHandlers(deps), services.reads), registerOptions)
  registerDroppedFile(host, services.files, registerOptions)
  await workspace.open(join(options.dir, options.workspaceFile ?? 'tandem.sqlite'), { create: true })

  const invoke = async (channel: string, args: unknown[], senderUrl = options.appUrl): Promise<unknown> => {
    const handler = channel === DROPPED_FILE_CHANNEL ? undefined : registered.get(channel)
    if (!handler) return { ok: false, code: 'BAD_ARGS', message: `Unknown channel ${channel}` }
    return handler({ senderFrame: { url: senderUrl } }, ...args)
  }
  const subscribe = (channel: string, listener: (payload: unknown) => void): (() => void) => {
    bus.on(channel, listener)
    return () => bus.off(channel, listener)
  }
  const registerDropped = (path: string, senderUrl = options.appUrl): Promise<unknown> =>
    registered.get(DROPPED_FILE_CHANNEL)!({ senderFrame: { url: senderUrl } }, path)
  const loop: Loopback = {
    appUrl: options.appUrl,
    workspace,
    prefs,
    dialogs,
    opened,
    revealed,
    confirmExternal: false,
    errors,
    invoke,
    registerDropped,
    subscribe,
    emit,
    // Structured clone, like Electron's IPC: the renderer never shares objects with the main process.
    api: () =>
      buildApi({
        invoke: async (c, a) => structuredClone(await invoke(c, structuredClone(a))),
        subscribe,
        // In-process callers hand files over as objects that carry their path (as Electron's File
        // objects do for webUtils); it is registered the way the preload registers it.
        droppedFile: async (file) => {
          const path = (file as File & { path?: string }).path
          return path ? structuredClone(await registerDropped(path)) : { ok: true, data: null }
        },
      }),
    imports,
    board,
    printMinutes: () => Promise.reject(new AppError('INTERNAL', 'PDF printing needs the app window (Electron).')),
    close: () => services.dispose(),
  }
  return loop
}
