import type { ArgsOut, Contract, Domain, ResultOf, Verb } from '@shared/contract'
import type { BoardService } from './board'
import type { HandoffService } from './handoff'
import type { RoiService } from './roi'
import type { TargetsService } from './targets'

/** The services whose reports can run on a read-only connection. */
export interface ReadServices {
  targets: TargetsService
  handoff: HandoffService
  roi: RoiService
  board: BoardService
}

type ReadCall<D extends Domain, V extends Verb<D>> = (s: ReadServices, ...args: ArgsOut<Contract[D][V]>) => ResultOf<Contract[D][V]>
type ReadCalls = { [D in Domain]?: { [V in Verb<D>]?: ReadCall<D, V> } }

/**
 * The IPC calls that only read and can take longer than 100 ms over a large workspace (1,000,000
 * opportunities, 400,000 leads: see bench/stall.bench.ts): the app runs them in the read worker so the
 * main process (and with it the window) never waits for them. Each is the same service call as its IPC
 * handler's, with the arguments the contract's schema has already checked. Calls that write, and small
 * reads (settings, the import history, a meeting's items), stay on the main connection.
 */
const READ_CALLS: ReadCalls = {
  targets: {
    report: (s, query) => s.targets.report(query),
    list: (s, period) => s.targets.list(period),
    undated: (s, category) => s.targets.undated(category),
  },
  handoff: {
    overview: (s, query) => s.handoff.overview(query),
    trends: (s, asOf) => s.handoff.trends(asOf),
    funnel: (s, query) => s.handoff.funnel(query),
    leads: (s, query) => s.handoff.leads(query),
    lead: (s, id, asOf) => s.handoff.lead(id, asOf),
    facets: (s) => s.handoff.facets(),
    gradeHistory: (s) => s.handoff.gradeHistory(),
  },
  roi: {
    report: (s, query) => s.roi.report(query),
  },
  board: {
    // The links of the board's items compute the Targets and Handoff numbers they point at.
    view: (s, filter) => s.board.view(filter),
  },
}

/** The channels (`domain:verb`) of READ_CALLS. */
export const READ_CHANNELS: readonly string[] = Object.entries(READ_CALLS).flatMap(([domain, verbs]) =>
  Object.keys(verbs as object).map((verb) => `${domain}:${verb}`),
)

/** Runs one read call by its channel name (in the read worker). */
export function runRead(services: ReadServices, channel: string, args: readonly unknown[]): unknown {
  const [domain, verb] = channel.split(':') as [string, string]
  const call = (READ_CALLS as Record<string, Record<string, ((s: ReadServices, ...a: unknown[]) => unknown) | undefined> | undefined>)[
    domain
  ]?.[verb]
  if (!call) throw new Error(`${channel} is not a read call`)
  return call(services, ...args)
}
