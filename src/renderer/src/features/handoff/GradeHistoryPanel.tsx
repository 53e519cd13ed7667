import type { JSX } from 'react'
import type { GradeHistory } from '@shared/handoff'
import { formatHours, formatInZone } from '../../format'

function describe(g: GradeHistory, timeZone: string): string {
  return g.periods
    .map((p, i) => {
      const hours = p.hours === null ? 'no limit of its own' : formatHours(p.hours)
      if (p.since === null) return i === 0 ? hours : `${hours} before`
      return `${hours} since ${formatInZone(p.since, timeZone, false)}`
    })
    .join(', ')
}

/**
 * What a grade's first-touch limit is and was ("what an A lead is will evolve"), from the settings
 * history. The metrics use today's limits for every lead; this says when they changed.
 */
export function GradeHistoryPanel({ history, timeZone }: { history: GradeHistory[]; timeZone: string }): JSX.Element {
  return (
    <section className="panel grades" aria-labelledby="grades-title">
      <h2 id="grades-title" className="panel-title">
        Grade definitions
      </h2>
      <ul className="grade-list">
        {history.map((g) => (
          <li key={g.grade}>
            <strong>{g.grade === '*' ? 'Any other grade' : `Grade ${g.grade}`}</strong>: {describe(g, timeZone)}
          </li>
        ))}
      </ul>
      <p className="field-help">
        The numbers above use today&apos;s limits for every lead, also for leads handed off under an older definition. Change them in
        Settings.
      </p>
    </section>
  )
}
