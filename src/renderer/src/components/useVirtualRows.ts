import { useCallback, useEffect, useState } from 'react'

/**
 * Windowed rendering of a long list of fixed-height rows: only the rows in view (plus `overscan` either
 * side) are in the DOM, absolutely positioned in a spacer as tall as the whole list.
 *
 * Browsers cap an element's height (Chromium at about 33 million px), so a list taller than
 * `MAX_SPACER_PX` gets a spacer of that height and scroll positions are scaled onto it: the scrollbar
 * still spans the whole list, one pixel of it standing for more than one pixel of rows.
 */
const MAX_SPACER_PX = 8_000_000

export interface VirtualRows {
  /** Pass as `ref` of the scrolling element (a callback: the element is kept in state). */
  setScroller(el: HTMLDivElement | null): void
  onScroll(): void
  /** First and last index (inclusive) to render; last < first when there is nothing. */
  first: number
  last: number
  spacerHeight: number
  /** Top (px) of row `index` inside the spacer. */
  topOf(index: number): number
  /** Scrolls back to the first row (after a new query). */
  reset(): void
}

export interface RowWindow {
  first: number
  last: number
  spacerHeight: number
  /** The row at the top of the view, and how far (px) it is scrolled out of view. */
  firstVisible: number
  offset: number
}

/** Which rows a scroll position shows (pure, for tests): see the module comment for the scaling. */
export function windowOf(count: number, rowHeight: number, scrollTop: number, viewport: number, overscan: number): RowWindow {
  const total = count * rowHeight
  const spacerHeight = Math.min(total, MAX_SPACER_PX)
  // Where in the full list the top of the view is (equal to scrollTop unless the list is scaled).
  const scale = total > spacerHeight ? Math.max(0, total - viewport) / Math.max(1, spacerHeight - viewport) : 1
  const position = Math.max(0, Math.min(scrollTop * scale, total - viewport))
  const firstVisible = Math.floor(position / rowHeight)
  const offset = position - firstVisible * rowHeight
  return {
    first: Math.max(0, firstVisible - overscan),
    last: Math.min(count - 1, firstVisible + Math.ceil(viewport / rowHeight) + overscan),
    spacerHeight,
    firstVisible,
    offset,
  }
}

export function useVirtualRows(count: number, rowHeight: number, overscan = 8): VirtualRows {
  const [el, setScroller] = useState<HTMLDivElement | null>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(0)

  useEffect(() => {
    if (!el) return
    // The observer reports the size once on observe, then on every change.
    const observer = new ResizeObserver(() => setViewport(el.clientHeight))
    observer.observe(el)
    return () => observer.disconnect()
  }, [el])

  const onScroll = useCallback(() => {
    if (el) setScrollTop(el.scrollTop)
  }, [el])

  const reset = useCallback(() => {
    // jsdom (the renderer tests) has no scrollTo.
    if (el && typeof el.scrollTo === 'function') el.scrollTo({ top: 0 })
    setScrollTop(0)
  }, [el])

  const { first, last, spacerHeight, firstVisible, offset } = windowOf(
    count,
    rowHeight,
    scrollTop,
    viewport > 0 ? viewport : rowHeight * 10,
    overscan,
  )
  const topOf = useCallback(
    (index: number) => scrollTop - offset + (index - firstVisible) * rowHeight,
    [scrollTop, offset, firstVisible, rowHeight],
  )
  return { setScroller, onScroll, first, last, spacerHeight, topOf, reset }
}
