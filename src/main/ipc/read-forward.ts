import { READ_CHANNELS } from '../services/read-calls'
import type { ReadWorker } from '../services/reads'
import type { Handlers } from './register'

/**
 * The handlers with every long report (READ_CHANNELS) run by the read worker instead of on the main
 * thread: same arguments (already checked by register.ts), same results and errors, so the renderer cannot
 * tell the difference except that the window stays responsive. The app and the e2e harness both use it;
 * the CLI has no window and calls the services in-process.
 */
export function forwardReads(handlers: Handlers, reads: Pick<ReadWorker, 'call'>): Handlers {
  const forwarded = Object.fromEntries(
    Object.entries(handlers).map(([domain, verbs]) => [domain, { ...(verbs as Record<string, unknown>) }]),
  ) as Record<string, Record<string, unknown>>
  for (const channel of READ_CHANNELS) {
    const [domain, verb] = channel.split(':') as [string, string]
    const own = forwarded[domain]
    if (typeof own?.[verb] !== 'function') throw new Error(`${channel} has no handler to forward`)
    own[verb] = (...args: unknown[]) => reads.call(channel, args)
  }
  return forwarded as unknown as Handlers
}
