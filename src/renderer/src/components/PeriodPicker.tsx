import type { JSX } from 'react'
import { granularityOf, type PeriodGranularity, periodOf, periodRange, shiftPeriod } from '@shared/time/periods'
import type { TargetsViewData } from '@shared/targets'
import { Icon } from './Icon'
import { formatDay, formatMonth } from '../format'

const GRANULARITIES: { value: PeriodGranularity; label: string; noun: string }[] = [
  { value: 'month', label: 'Month', noun: 'month' },
  { value: 'quarter', label: 'Quarter', noun: 'quarter' },
  { value: 'year', label: 'Fiscal year', noun: 'fiscal year' },
]

/** How a period reads on screen: "August 2025", "2025-Q3 · Jul – Sep 2025", "FY2025 · Jan – Dec 2025". */
export function periodLabel(period: string, fiscalYearStartMonth: number): string {
  const granularity = granularityOf(period)
  if (granularity === 'month') return formatMonth(period, true)
  const { start, end } = periodRange(period, fiscalYearStartMonth)
  return `${period} · ${formatMonth(start.slice(0, 7))} – ${formatMonth(end.slice(0, 7))}`
}

/** What the picker needs of a report: its period, as-of date and today (and where its data lies, when known). */
export type PeriodView = Pick<TargetsViewData, 'period' | 'range' | 'asOf' | 'today' | 'fiscalYearStartMonth'> & {
  dataRange?: TargetsViewData['dataRange']
}

/**
 * The periods of a granularity from the first data (or a year back) to the next one after today,
 * newest first: every past period is one choice away.
 */
function periodsToOffer(view: PeriodView, granularity: PeriodGranularity): string[] {
  const fy = view.fiscalYearStartMonth
  const first = [view.dataRange?.start, view.range.start, view.today].filter((d): d is string => d !== undefined).sort()[0] ?? view.today
  const last =
    [view.dataRange?.end, view.range.end, view.today]
      .filter((d): d is string => d !== undefined)
      .sort()
      .reverse()[0] ?? view.today
  const out: string[] = []
  let p = shiftPeriod(periodOf(last, granularity, fy), 1, fy)
  const stop = periodOf(first, granularity, fy)
  // Bounded: a workspace spans a few decades at most; 600 months is fifty years.
  for (let i = 0; i < 600; i++) {
    out.push(p)
    if (p === stop) break
    p = shiftPeriod(p, -1, fy)
  }
  return out
}

export function PeriodPicker({
  view,
  asOfChosen,
  onChange,
}: {
  view: PeriodView
  /** Whether the as-of date was picked (otherwise it is today). */
  asOfChosen: boolean
  onChange(change: { period?: string; asOf?: string | null }): void
}): JSX.Element {
  const fy = view.fiscalYearStartMonth
  const granularity = granularityOf(view.period)
  const noun = GRANULARITIES.find((g) => g.value === granularity)?.noun ?? 'period'
  const anchor = view.asOf >= view.range.start && view.asOf <= view.range.end ? view.asOf : view.range.start
  const go = (period: string): void => onChange({ period })
  const current = periodOf(view.today, granularity, fy)
  return (
    <div className="period-picker" role="group" aria-label="Period and as-of date">
      <div className="segmented" role="group" aria-label="Period length">
        {GRANULARITIES.map((g) => (
          <button
            key={g.value}
            type="button"
            aria-pressed={granularity === g.value}
            className={granularity === g.value ? 'active' : undefined}
            onClick={() => go(periodOf(anchor, g.value, fy))}
          >
            {g.label}
          </button>
        ))}
      </div>
      <div className="period-step">
        <button
          type="button"
          className="icon-button large"
          aria-label={`Previous ${noun}`}
          onClick={() => go(shiftPeriod(view.period, -1, fy))}
        >
          <Icon name="chevronLeft" />
        </button>
        <label className="sr-only" htmlFor="period-select">
          Period
        </label>
        <select id="period-select" className="input period-select" value={view.period} onChange={(e) => go(e.target.value)}>
          {periodsToOffer(view, granularity).map((p) => (
            <option key={p} value={p}>
              {periodLabel(p, fy)}
            </option>
          ))}
        </select>
        <button type="button" className="icon-button large" aria-label={`Next ${noun}`} onClick={() => go(shiftPeriod(view.period, 1, fy))}>
          <Icon name="chevronRight" />
        </button>
        <button type="button" className="button subtle" disabled={view.period === current} onClick={() => go(current)}>
          This {noun}
        </button>
      </div>
      <div className="as-of">
        <label htmlFor="as-of">As of</label>
        <input
          id="as-of"
          type="date"
          className="input date"
          value={view.asOf}
          onChange={(e) => {
            if (e.target.value) onChange({ asOf: e.target.value })
          }}
        />
        {asOfChosen ? (
          <button type="button" className="button subtle" onClick={() => onChange({ asOf: null })}>
            Today ({formatDay(view.today)})
          </button>
        ) : null}
      </div>
    </div>
  )
}
