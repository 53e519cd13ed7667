import type { Database } from 'better-sqlite3'
import type { GradeHistory } from '@shared/handoff'
import { settingsHistory } from '../db/repos/settings'

/** The first-touch limits of one saved settings document, or null when it cannot be read. */
function limitsIn(doc: string): Record<string, number> | null {
  try {
    const parsed = JSON.parse(doc) as { sla?: { firstTouchHours?: unknown } }
    const hours = parsed.sla?.firstTouchHours
    if (typeof hours !== 'object' || hours === null) return null
    return Object.fromEntries(Object.entries(hours).filter((e): e is [string, number] => typeof e[1] === 'number'))
  } catch {
    // A damaged old version says nothing about the grades; the versions around it still do.
    return null
  }
}

/**
 * How each grade's first-touch limit changed, from the settings history ("what an A lead is will
 * evolve"): per grade, the limits newest first with the time each was saved. The metrics use the
 * current settings; this is shown beside them so a change of definition explains a change in numbers.
 */
export function gradeHistory(db: Database): GradeHistory[] {
  const versions = settingsHistory(db, 1000).reverse()
  const grades = new Map<string, GradeHistory['periods']>()
  let previous: Record<string, number> = {}
  versions.forEach((v, i) => {
    const limits = limitsIn(v.doc)
    if (limits === null) return
    for (const grade of new Set([...Object.keys(previous), ...Object.keys(limits)])) {
      const now = limits[grade] ?? null
      const periods = grades.get(grade) ?? []
      if (periods.length === 0) {
        // The first version that mentions a grade starts its history; a grade added later starts with
        // "no entry" before it, so "A: 4 h since …" reads against what came before.
        if (i > 0 && now !== null) periods.push({ hours: null, since: null })
        periods.push({ hours: now, since: i === 0 ? null : v.savedAt })
        grades.set(grade, periods)
      } else if ((periods[periods.length - 1] as { hours: number | null }).hours !== now) {
        periods.push({ hours: now, since: v.savedAt })
      }
    }
    previous = limits
  })
  return [...grades.entries()]
    .map(([grade, periods]) => ({ grade, periods: periods.reverse() }))
    .sort((a, b) => (a.grade === '*' ? 1 : b.grade === '*' ? -1 : a.grade.localeCompare(b.grade)))
}
