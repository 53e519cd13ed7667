import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// The views wait for the main-process services behind the loopback, whose long reports run in the read
// worker; on a fresh clone that worker is bundled on first use, and on a busy 2-core machine a view's first
// answer can take seconds. `findBy…` and `waitFor` wait up to 10 s (the test itself has 20 s), not 1 s.
configure({ asyncUtilTimeout: 10_000 })

afterEach(() => {
  cleanup()
})

// jsdom has no layout; charts need a ResizeObserver that reports a size (see PITFALLS.md).
class FixedResizeObserver {
  constructor(private readonly cb: ResizeObserverCallback) {}
  observe(target: Element): void {
    this.cb([{ target, contentRect: { width: 800, height: 400 } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver)
  }
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= FixedResizeObserver as unknown as typeof ResizeObserver
