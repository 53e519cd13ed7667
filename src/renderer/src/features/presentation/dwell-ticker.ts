import { dwellDue, type PresentationState } from '@shared/presentation'

export interface Clock {
  now(): number
  setInterval(f: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export const realClock: Clock = {
  now: () => Date.now(),
  setInterval: (f, ms) => setInterval(f, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
}

/**
 * Auto-advance, run by the one window that controls the slides (the presenter's, or the only one): when
 * the current slide's dwell has run out, asks once to advance from that slide. The main process ignores
 * an advance for a slide already left, so a late tick can never skip one.
 */
export function startDwellTicker(
  read: () => { state: PresentationState; dwellMs: number } | null,
  advance: (from: number) => void,
  clock: Clock = realClock,
  everyMs = 250,
): () => void {
  let asked: { from: number; since: number } | null = null
  const handle = clock.setInterval(() => {
    const r = read()
    if (!r) return
    const { state } = r
    if (!dwellDue(state, clock.now(), r.dwellMs)) return
    if (asked && asked.from === state.index && asked.since === state.since) return
    asked = { from: state.index, since: state.since }
    advance(state.index)
  }, everyMs)
  return () => clock.clearInterval(handle)
}
