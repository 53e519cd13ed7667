import { useState, type JSX, type ReactNode } from 'react'
import type { ActionTeam } from '@shared/board'
import type { HandoffOverview } from '@shared/handoff'
import { MetricToMeeting } from '../../components/AddToMeeting'
import { formatCount, formatHours, formatMonth, formatPercent } from '../../format'
import { useStore } from '../../store'

/** A big number; `raw` (the unrounded value) is kept in data-value, for checks against the CLI. */
function Metric({
  label,
  value,
  raw,
  testId,
  children,
  action,
}: {
  label: string
  value: string
  raw: number | null
  testId: string
  children?: ReactNode
  /** What the number offers to do about it (take it to the next meeting). */
  action?: ReactNode
}): JSX.Element {
  return (
    <div className="metric">
      <dt>{label}</dt>
      <dd className="metric-value" data-testid={testId} data-value={raw === null ? 'null' : String(raw)}>
        {value}
      </dd>
      {children ? <dd className="metric-note">{children}</dd> : null}
      {action ? <dd className="metric-action">{action}</dd> : null}
    </div>
  )
}

/**
 * The two-sided SLA scorecard: marketing's promise (qualified leads, in volume, that sales accepts)
 * beside sales' promise (work them within the agreed time), for the window.
 */
export function Scorecard({ o }: { o: HandoffOverview }): JSX.Element {
  const due = o.workedByT + o.pastLimitUnworked
  const live = useLiveWindow()
  const toMeeting = (metric: 'acceptanceRate' | 'slaAttainment', team: ActionTeam, title: string, what: string): ReactNode =>
    live && o[metric] !== null ? (
      <MetricToMeeting metric={metric} team={team} title={title} notes={`${what}, ${o.scope.fromDate} to ${o.scope.toDate}.`} />
    ) : null
  return (
    <section className="scorecard" aria-label="SLA scorecard">
      <div className="promise">
        <h2 className="promise-title">
          <span className="team-chip marketing">Marketing</span> hands over qualified leads
        </h2>
        <dl className="metrics">
          <Metric label="MQLs handed off" value={formatCount(o.handedOff)} raw={o.handedOff} testId="metric-handed-off">
            {o.mqlTarget === null ? (
              <>No MQL target for these months</>
            ) : (
              <>
                of {formatCount(Math.round(o.mqlTarget))} target ·{' '}
                <strong>{formatPercent(o.mqlTarget === 0 ? null : o.handedOff / o.mqlTarget)}</strong>
              </>
            )}
          </Metric>
          <Metric
            label="Acceptance rate"
            value={formatPercent(o.acceptanceRate)}
            raw={o.acceptanceRate}
            testId="metric-acceptance"
            action={toMeeting(
              'acceptanceRate',
              'marketing',
              `Raise the acceptance rate: ${formatPercent(o.acceptanceRate)} of worked leads accepted`,
              `${formatCount(o.accepted)} of ${formatCount(o.workedByT)} worked leads accepted`,
            )}
          >
            {o.workedByT === 0 ? 'no lead worked yet' : `${formatCount(o.accepted)} of ${formatCount(o.workedByT)} worked leads accepted`}
          </Metric>
        </dl>
        <MqlTargets />
      </div>
      <div className="promise">
        <h2 className="promise-title">
          <span className="team-chip sales">Sales</span> works them within the SLA
        </h2>
        <dl className="metrics">
          <Metric
            label="SLA attainment"
            value={formatPercent(o.slaAttainment)}
            raw={o.slaAttainment}
            testId="metric-sla"
            action={toMeeting(
              'slaAttainment',
              'sales',
              `Raise SLA attainment: ${formatPercent(o.slaAttainment)} of leads worked within their limit`,
              `${formatCount(o.withinLimit)} of ${formatCount(due)} within their limit`,
            )}
          >
            {!o.slaMeasurable
              ? 'cannot be measured: the leads carry no worked dates'
              : due === 0
                ? 'no lead due yet'
                : `${formatCount(o.withinLimit)} of ${formatCount(due)} within their limit`}
          </Metric>
          <Metric
            label="Median time to first touch"
            value={formatHours(o.medianHoursToFirstTouch)}
            raw={o.medianHoursToFirstTouch}
            testId="metric-median"
          >
            {o.scope.clock === 'business' ? 'business hours' : 'calendar hours'}
          </Metric>
          <Metric label="Rejection rate" value={formatPercent(o.rejectionRate)} raw={o.rejectionRate} testId="metric-rejection">
            {formatCount(o.rejected)} rejected · {formatCount(o.recycled)} recycled
          </Metric>
        </dl>
      </div>
    </section>
  )
}

/**
 * Whether the view shows the default window at the present time, which is what the board follows for
 * a metric link; a number of another window or as-of time is not offered as one.
 */
export function useLiveWindow(): boolean {
  return useStore((s) => s.handoffWindow.asOf === null && s.handoffWindow.from === null && s.handoffWindow.to === null)
}

/** Monthly MQL targets (marketing's volume promise), prorated over the window by the metrics. */
function MqlTargets(): JSX.Element {
  const targets = useStore((s) => s.mqlTargets)
  const save = useStore((s) => s.saveMqlTarget)
  const [month, setMonth] = useState('')
  const [mqls, setMqls] = useState('')
  const valid = /^\d{4}-\d{2}$/.test(month) && /^\d+$/.test(mqls) && Number(mqls) > 0
  return (
    <details className="mql-targets">
      <summary>MQL targets per month{targets.length > 0 ? ` (${targets.length})` : ''}</summary>
      {targets.length > 0 ? (
        <ul className="target-list">
          {targets.map((t) => (
            <li key={t.month}>
              {formatMonth(t.month)}: <strong>{formatCount(t.mqls)}</strong>
              <button
                type="button"
                className="link-button"
                onClick={() => void save(t.month, null)}
                aria-label={`Remove the target of ${formatMonth(t.month)}`}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="target-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (valid) void save(month, Number(mqls)).then((ok) => ok && setMqls(''))
        }}
      >
        <label className="field">
          <span className="field-label">Month</span>
          <input className="input" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">MQLs</span>
          <input className="input number" inputMode="numeric" value={mqls} onChange={(e) => setMqls(e.target.value.trim())} />
        </label>
        <button type="submit" className="button" disabled={!valid}>
          Set target
        </button>
      </form>
    </details>
  )
}
