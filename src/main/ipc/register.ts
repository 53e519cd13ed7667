import { DROPPED_FILE_CHANNEL, allChannels, type ArgsOut, type Contract, type Domain, type ResultOf, type Verb } from '@shared/contract'
import { err, ok, type Result } from '@shared/result'
import { formatPath } from '@shared/settings'
import { AppError, isAppError, sqliteAppError, withoutFolders } from '../errors'
import type { FileHandles } from '../services/file-handles'

/** The part of Electron's `ipcMain` we use; the e2e bridge provides the same shape. */
export interface IpcHost {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>): void
}

/** The part of an `IpcMainInvokeEvent` we look at. */
export interface SenderEvent {
  senderFrame?: { url: string } | null
  /** The web contents that sent the call (Electron's `event.sender`): which window it came from. */
  sender?: { id: number } | null
}

/**
 * What the audience window (the slides on the meeting-room screen) may call: the presentation's state and
 * the deck redacted by the deck's own profile. Nothing else, so the slides on the wall cannot reach the
 * unredacted presenter deck, another profile, the board or any write, whatever that page does.
 */
export const AUDIENCE_CHANNELS: ReadonlySet<string> = new Set(['app:info', 'presentation:state', 'presentation:deck'])

type HandlerFor<D extends Domain, V extends Verb<D>> = (
  ...args: ArgsOut<Contract[D][V]>
) => Promise<ResultOf<Contract[D][V]>> | ResultOf<Contract[D][V]>

/** One handler per channel of the contract; the compiler checks that none is missing or mistyped. */
export type Handlers = { [D in Domain]: { [V in Verb<D>]: HandlerFor<D, V> } }

export interface RegisterOptions {
  /** Whether a frame URL is the app's own renderer page; anything else is refused. */
  isTrustedSender(url: string | undefined): boolean
  /** Where unexpected errors go (with their stack); the renderer only gets a one-line message. */
  logError(channel: string, error: unknown): void
  /** Whether the call comes from the audience window, which may use only AUDIENCE_CHANNELS. */
  isAudience?(event: SenderEvent): boolean
}

/**
 * Registers every channel of the contract. Each call: check the sender, validate the arguments
 * against the channel's schema, run the handler, and return `{ok, data}` or `{ok:false, code,
 * message}`. Nothing else, no stack trace, crosses back to the renderer.
 */
export function registerHandlers(host: IpcHost, handlers: Handlers, options: RegisterOptions): void {
  for (const { channel, domain, verb, args: schema } of allChannels()) {
    const handler = (handlers[domain] as Record<string, ((...a: unknown[]) => unknown) | undefined>)[verb]
    if (typeof handler !== 'function') throw new Error(`No handler for ${channel}`)
    host.handle(channel, async (event, ...args): Promise<Result<unknown>> => {
      if (!options.isTrustedSender(event.senderFrame?.url)) return untrusted()
      if (options.isAudience?.(event) && !audienceMay(channel, args)) {
        return err('UNTRUSTED_SENDER', `Request refused: the audience window shows the slides only and may not call ${channel}.`)
      }
      const nul = nulAt(args)
      if (nul !== null) {
        const where = nul.length > 0 ? ` (argument ${formatPath(nul)})` : ''
        return err('BAD_ARGS', `Invalid request to ${channel}${where}: text with a NUL character`)
      }
      const parsed = schema.safeParse(args)
      if (!parsed.success) {
        const first = parsed.error.issues[0]
        const where = first && first.path.length > 0 ? ` (argument ${formatPath(first.path)})` : ''
        return err('BAD_ARGS', `Invalid request to ${channel}${where}: ${first?.message ?? 'bad arguments'}`)
      }
      return settle(channel, () => handler(...(parsed.data as unknown[])), options)
    })
  }
}

/**
 * Where the first string holding a NUL character is in a call's arguments (its path), or null. No text the
 * user can type holds one, and SQLite's text functions stop at it (a title of "\0" has length 0), so it is
 * refused for every channel before the schemas see it.
 */
export function nulAt(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null
  if (depth > 20 || value === null || typeof value !== 'object') return null
  for (const [key, inner] of Object.entries(value)) {
    const found = nulAt(inner, [...path, Array.isArray(value) ? Number(key) : key], depth + 1)
    if (found) return found
  }
  return null
}

/** The audience may ask for the deck only as its profile redacts it (no preview of another profile). */
function audienceMay(channel: string, args: unknown[]): boolean {
  if (!AUDIENCE_CHANNELS.has(channel)) return false
  if (channel !== 'presentation:deck') return true
  const [query] = args
  return typeof query === 'object' && query !== null && !('profile' in query)
}

const untrusted = (): Result<never> => err('UNTRUSTED_SENDER', 'Request refused: it did not come from the Tandem window.')

async function settle(channel: string, run: () => unknown, options: RegisterOptions): Promise<Result<unknown>> {
  try {
    return ok(await run())
  } catch (e) {
    // Messages are written for the command line too, where a full path helps; the page gets names only.
    if (isAppError(e)) return err(e.code, withoutFolders(e.message), e.problems)
    const known = sqliteAppError(e)
    if (known) return err(known.code, withoutFolders(known.message))
    options.logError(channel, e)
    return err('INTERNAL', `Something went wrong in ${channel}. The details are in the log.`)
  }
}

/**
 * The private channel of dropped files: the preload (or, in the e2e harness, its upload route) sends the
 * path of a file the user dropped, and the page gets a handle for it. Not part of the contract, so not in
 * `window.api`: page code cannot reach it, only the preload can. The sender check still applies.
 */
export function registerDroppedFile(host: IpcHost, files: FileHandles, options: RegisterOptions): void {
  host.handle(DROPPED_FILE_CHANNEL, async (event, ...args): Promise<Result<unknown>> => {
    if (!options.isTrustedSender(event.senderFrame?.url) || options.isAudience?.(event)) return untrusted()
    const [path] = args
    return settle(
      DROPPED_FILE_CHANNEL,
      () => {
        if (args.length !== 1 || typeof path !== 'string' || path.length > 4096 || path.includes('\0')) {
          throw new AppError('BAD_ARGS', 'A dropped file is registered by its path on disk.')
        }
        return files.grant(path)
      },
      options,
    )
  })
}
