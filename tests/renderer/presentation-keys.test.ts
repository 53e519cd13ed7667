import { describe, expect, it } from 'vitest'
import { IDLE_STATE, applyControl, type Control, type PresentationState } from '../../src/shared/presentation'
import { startDwellTicker, type Clock } from '../../src/renderer/src/features/presentation/dwell-ticker'
import { keyCommand } from '../../src/renderer/src/features/presentation/keys'

describe('slide keys', () => {
  const control = (key: string, mods = {}) => {
    const c = keyCommand({ key, ...mods })
    return c?.kind === 'control' ? c.control : c
  }
  it('move with arrows, clicker keys (PageDown/PageUp) and Space; jump with numbers, Home and End', () => {
    for (const k of ['ArrowRight', 'PageDown', ' ', 'ArrowDown']) expect(control(k)).toEqual({ action: 'next' })
    for (const k of ['ArrowLeft', 'PageUp', 'ArrowUp']) expect(control(k)).toEqual({ action: 'prev' })
    expect(control(' ', { shiftKey: true })).toEqual({ action: 'prev' })
    expect(control('Home')).toEqual({ action: 'first' })
    expect(control('End')).toEqual({ action: 'last' })
    expect(control('1')).toEqual({ action: 'goto', index: 0 })
    expect(control('4')).toEqual({ action: 'goto', index: 3 })
    expect(control('0')).toBeNull()
  })
  it('blank with B (and a clicker\'s "."), pause with P, leave with Esc, capture with A', () => {
    expect(control('b')).toEqual({ action: 'blank' })
    expect(control('B')).toEqual({ action: 'blank' })
    expect(control('.')).toEqual({ action: 'blank' })
    expect(control('p')).toEqual({ action: 'pause' })
    expect(keyCommand({ key: 'Escape' })).toEqual({ kind: 'exit' })
    expect(keyCommand({ key: 'a' })).toEqual({ kind: 'capture' })
  })
  it('leave keys with Ctrl, Alt or Meta to the app and the system', () => {
    expect(keyCommand({ key: 'ArrowRight', ctrlKey: true })).toBeNull()
    expect(keyCommand({ key: 'p', metaKey: true })).toBeNull()
    expect(keyCommand({ key: '1', altKey: true })).toBeNull()
    expect(keyCommand({ key: 'x' })).toBeNull()
  })
})

/** A clock that moves only when told, with the intervals it has started. */
function fakeClock(): Clock & { advance(ms: number): void; running: number } {
  let t = 0
  const timers = new Map<number, { f: () => void; every: number; next: number }>()
  let id = 0
  return {
    now: () => t,
    setInterval(f, ms) {
      timers.set(++id, { f, every: ms, next: t + ms })
      return id
    },
    clearInterval(h) {
      timers.delete(h as number)
    },
    advance(ms) {
      const end = t + ms
      for (;;) {
        const due = [...timers.values()].filter((x) => x.next <= end).sort((a, b) => a.next - b.next)[0]
        if (!due) break
        t = due.next
        due.next += due.every
        due.f()
      }
      t = end
    },
    get running() {
      return timers.size
    },
  }
}

describe('auto-advance with a fake clock', () => {
  it('advances after each slide its own dwell, never twice for one slide, not while paused or blanked, and stops', () => {
    const clock = fakeClock()
    let state: PresentationState = { ...IDLE_STATE, active: true, count: 3, since: 0, startedAt: 0 }
    const dwells = [10, 30, 5]
    const asked: number[] = []
    const apply = (c: Control): void => {
      state = applyControl(state, c, clock.now())
    }
    const stop = startDwellTicker(
      () => ({ state, dwellMs: (dwells[state.index] ?? 0) * 1000 }),
      (from) => {
        asked.push(from)
        apply({ action: 'advance', from })
      },
      clock,
    )
    clock.advance(9_999)
    expect(state.index).toBe(0)
    clock.advance(250)
    expect(state.index).toBe(1)
    // Pausing 20 s into the 30 s slide keeps it there however long the pause.
    clock.advance(20_000)
    apply({ action: 'pause' })
    clock.advance(120_000)
    expect(state.index).toBe(1)
    apply({ action: 'pause' })
    clock.advance(9_000)
    expect(state.index).toBe(1)
    clock.advance(1_500)
    expect(state.index).toBe(2)
    // The last slide stays.
    clock.advance(60_000)
    expect(state.index).toBe(2)
    expect(asked).toEqual([0, 1])
    // Blanked: no advance either.
    apply({ action: 'first' })
    apply({ action: 'blank' })
    clock.advance(60_000)
    expect(state.index).toBe(0)
    stop()
    expect(clock.running).toBe(0)
  })

  it('asks once per slide even when the answer is slow', () => {
    const clock = fakeClock()
    const state: PresentationState = { ...IDLE_STATE, active: true, count: 3, since: 0, startedAt: 0 }
    const asked: number[] = []
    startDwellTicker(
      () => ({ state, dwellMs: 1000 }),
      (from) => asked.push(from),
      clock,
    )
    clock.advance(5_000)
    expect(asked).toEqual([0])
  })
})
