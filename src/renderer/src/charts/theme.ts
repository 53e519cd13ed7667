import { useEffect, useState } from 'react'
import type { SourceBucket } from '@shared/targets'

/**
 * Colours of the charts, read from the stylesheet's custom properties so that they follow the light or
 * dark theme (SVG presentation attributes cannot use var()). Series never rely on colour alone: lines
 * differ by dash pattern and every series is named in the legend.
 */
export interface ChartTheme {
  text: string
  muted: string
  grid: string
  surface: string
  won: string
  linear: string
  seasonal: string
  target: string
  sources: Record<SourceBucket, string>
}

const FALLBACK: ChartTheme = {
  text: '#15191f',
  muted: '#4f5866',
  grid: '#d5d9e0',
  surface: '#ffffff',
  won: '#15191f',
  linear: '#1f5fbf',
  seasonal: '#a3457f',
  target: '#4f5866',
  sources: { marketing: '#c25e00', sales: '#0072b2', partner: '#007a5a', unknown: '#8a8f98' },
}

function readTheme(): ChartTheme {
  if (typeof getComputedStyle !== 'function') return FALLBACK
  const style = getComputedStyle(document.documentElement)
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback
  return {
    text: v('--text', FALLBACK.text),
    muted: v('--text-muted', FALLBACK.muted),
    grid: v('--border', FALLBACK.grid),
    surface: v('--surface', FALLBACK.surface),
    won: v('--chart-won', FALLBACK.won),
    linear: v('--chart-linear', FALLBACK.linear),
    seasonal: v('--chart-seasonal', FALLBACK.seasonal),
    target: v('--chart-target', FALLBACK.target),
    sources: {
      marketing: v('--src-marketing', FALLBACK.sources.marketing),
      sales: v('--src-sales', FALLBACK.sources.sales),
      partner: v('--src-partner', FALLBACK.sources.partner),
      unknown: v('--src-unknown', FALLBACK.sources.unknown),
    },
  }
}

/** The chart colours of the current theme, updated when the system switches between light and dark. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme)
  useEffect(() => {
    const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null
    if (!query) return
    const update = (): void => setTheme(readTheme())
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])
  return theme
}

export const SOURCE_LABELS: Record<SourceBucket, string> = {
  marketing: 'Marketing',
  sales: 'Sales',
  partner: 'Partner',
  unknown: 'Unknown',
}
