import type { WindowBounds } from './services/app-prefs'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_SIZE = { width: 1280, height: 800 }
export const MIN_SIZE = { width: 960, height: 600 }

/**
 * Where to open the window: the remembered bounds when they still fit a display (a second monitor may
 * be gone, or a projector's resolution smaller), otherwise the default size centred on the primary
 * display. At least 64 px of the title bar must be on a display so the user can grab it.
 */
export function restoreBounds(
  saved: WindowBounds | undefined,
  displays: Rect[],
  primary: Rect,
): Rect & { maximized: boolean; fullScreen: boolean } {
  const centred = (area: Rect): Rect => {
    const width = Math.min(DEFAULT_SIZE.width, area.width)
    const height = Math.min(DEFAULT_SIZE.height, area.height)
    return {
      x: Math.round(area.x + (area.width - width) / 2),
      y: Math.round(area.y + (area.height - height) / 2),
      width,
      height,
    }
  }
  if (!saved) return { ...centred(primary), maximized: false, fullScreen: false }
  const host = displays.find((d) => overlap(titleBar(saved), d) >= 64 * 16)
  if (!host) return { ...centred(primary), maximized: saved.maximized, fullScreen: false }
  const width = Math.max(MIN_SIZE.width, Math.min(saved.width, host.width))
  const height = Math.max(MIN_SIZE.height, Math.min(saved.height, host.height))
  return { x: saved.x, y: saved.y, width, height, maximized: saved.maximized, fullScreen: saved.fullScreen }
}

function titleBar(r: Rect): Rect {
  return { x: r.x, y: r.y, width: r.width, height: 16 }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}
