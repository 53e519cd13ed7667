import { describe, expect, it } from 'vitest'
import { DEFAULT_SIZE, MIN_SIZE, restoreBounds } from '../../src/main/window-state'

const laptop = { x: 0, y: 0, width: 1440, height: 900 }
const projector = { x: 1440, y: 0, width: 1024, height: 768 }

describe('restoreBounds', () => {
  it('centres the default size on first start', () => {
    expect(restoreBounds(undefined, [laptop], laptop)).toEqual({
      x: (1440 - DEFAULT_SIZE.width) / 2,
      y: (900 - DEFAULT_SIZE.height) / 2,
      ...DEFAULT_SIZE,
      maximized: false,
      fullScreen: false,
    })
  })

  it('puts the window back where it was', () => {
    const saved = { x: 1500, y: 40, width: 1000, height: 700, maximized: false, fullScreen: true }
    expect(restoreBounds(saved, [laptop, projector], laptop)).toEqual(saved)
  })

  it('brings the window back when its display is gone (the projector was unplugged)', () => {
    const saved = { x: 1500, y: 40, width: 1000, height: 700, maximized: true, fullScreen: true }
    const r = restoreBounds(saved, [laptop], laptop)
    expect(r.x).toBeLessThan(1440)
    expect(r.maximized).toBe(true)
    expect(r.fullScreen).toBe(false)
  })

  it('shrinks a window larger than its display, never below the minimum', () => {
    const saved = { x: 1440, y: 0, width: 3000, height: 2000, maximized: false, fullScreen: false }
    const r = restoreBounds(saved, [laptop, projector], laptop)
    expect(r.width).toBe(1024)
    expect(r.height).toBe(768)
    const tiny = restoreBounds({ ...saved, width: 300, height: 250 }, [laptop, projector], laptop)
    expect(tiny.width).toBe(MIN_SIZE.width)
    expect(tiny.height).toBe(MIN_SIZE.height)
  })
})
