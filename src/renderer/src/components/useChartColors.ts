import { useEffect, useState } from 'react'

/**
 * Chart colours from the theme's CSS variables (`--chart-1` … `--chart-6`, `--chart-grid`,
 * `--chart-text`), read again when the system switches between light and dark. recharts writes colours
 * into SVG attributes, where CSS variables do not resolve, so they are read here.
 */
export interface ChartColors {
  series: string[]
  grid: string
  text: string
  danger: string
}

function read(): ChartColors {
  const css = getComputedStyle(document.documentElement)
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback
  return {
    series: [1, 2, 3, 4, 5, 6].map((i) => v(`--chart-${i}`, '#1f5fbf')),
    grid: v('--chart-grid', '#d5d9e0'),
    text: v('--chart-text', '#4f5866'),
    danger: v('--danger', '#b3261e'),
  }
}

export function useChartColors(): ChartColors {
  const [colors, setColors] = useState(read)
  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)')
    if (!media) return
    const update = (): void => setColors(read())
    media.addEventListener('change', update)
    return () => media.removeEventListener('change', update)
  }, [])
  return colors
}
