import { useEffect, useState, type JSX } from 'react'
import type { HandoffOverview } from '@shared/handoff'
import { MS_PER_DAY } from '@shared/time/calendar'
import { localDateTimeOf } from '@shared/time/zones'
import { DateRangeFields, isHalfRange } from '../../components/DateRangeFields'
import { EmptyState } from '../../components/EmptyState'
import { Icon } from '../../components/Icon'
import { ViewHeader } from '../../components/ViewHeader'
import { formatCount, formatDate, formatInZone } from '../../format'
import { useStore } from '../../store'
import { GoToImport } from '../../components/GoToImport'
import { BacklogPanel } from './BacklogPanel'
import { FunnelPanel } from './FunnelPanel'
import { GradeHistoryPanel } from './GradeHistoryPanel'
import { LeadTable } from './LeadTable'
import { RejectionsPanel } from './RejectionsPanel'
import { Scorecard } from './Scorecard'

const SUBTITLE = 'Is the handoff from marketing to sales working?'

function NoLeads({ withoutHandoff }: { withoutHandoff: number }): JSX.Element {
  return (
    <>
      <ViewHeader title="Handoff" subtitle={SUBTITLE} />
      {withoutHandoff > 0 ? (
        <EmptyState
          icon="handoff"
          title={`${formatCount(withoutHandoff)} lead${withoutHandoff === 1 ? ' has' : 's have'} no hand-off date`}
          action={<GoToImport />}
        >
          <p data-testid="no-handoff-date">
            Every handoff number starts when marketing hands a lead to sales, and the leads imported so far carry no such date. Import the
            lead export again and map its hand-off column (an MQL date, or the created date when leads go to sales as they arrive) as the
            hand-off date.
          </p>
        </EmptyState>
      ) : (
        <EmptyState icon="handoff" title="No leads yet" action={<GoToImport />}>
          <p>
            Import a lead export to see the leads marketing handed to sales, how fast they were touched against the agreed SLA, the backlog
            by age and the funnel from handoff to won.
          </p>
        </EmptyState>
      )}
    </>
  )
}

export function HandoffView(): JSX.Element {
  const workspaceEmpty = useStore((s) => s.workspace?.isEmpty ?? false)
  const overview = useStore((s) => s.handoffOverview)
  const loading = useStore((s) => s.handoffLoading)
  const error = useStore((s) => s.handoffError)
  const trends = useStore((s) => s.handoffTrends)
  const history = useStore((s) => s.gradeHistory)
  const window = useStore((s) => s.handoffWindow)
  const workspaceGeneration = useStore((s) => s.workspaceGeneration)

  useEffect(() => {
    // Settings (clock, limits) may have changed since the last visit: always load afresh.
    const { loadHandoff, loadFunnel } = useStore.getState()
    void loadHandoff()
    void loadFunnel()
  }, [])

  if (workspaceEmpty || overview?.dataRange === null) return <NoLeads withoutHandoff={overview?.withoutHandoff ?? 0} />
  return (
    <>
      {/* Keyed by what it edits: a change from elsewhere ("as of that day") starts it afresh. */}
      <ViewHeader title="Handoff" subtitle={SUBTITLE} actions={<ScopeControls key={`${window.asOf}|${window.from}|${window.to}`} />} />
      {error ? (
        <div role="alert" className="banner banner-error">
          <Icon name="alert" />
          <span>{error}</span>
        </div>
      ) : null}
      {overview === null ? (
        <p className="muted">{loading ? 'Computing the handoff metrics…' : ''}</p>
      ) : (
        <div className="handoff" aria-busy={loading} key={workspaceGeneration}>
          <ScopeLine o={overview} />
          {overview.withoutHandoff > 0 ? (
            <div className="banner banner-info" role="note" data-testid="leads-without-handoff">
              <Icon name="info" />
              <span>
                {formatCount(overview.withoutHandoff)} more lead{overview.withoutHandoff === 1 ? ' has' : 's have'} no hand-off date and
                {overview.withoutHandoff === 1 ? ' is' : ' are'} in none of these numbers: map the hand-off column when you import them.
              </span>
            </div>
          ) : null}
          <Scorecard o={overview} />
          <BacklogPanel o={overview} />
          {trends ? <RejectionsPanel o={overview} trends={trends} /> : null}
          <FunnelPanel />
          <GradeHistoryPanel history={history} timeZone={overview.scope.timezone} />
          <LeadTable timeZone={overview.scope.timezone} />
        </div>
      )}
    </>
  )
}

/** What the numbers are about: T, the window, the clock and the zone; and a way to old data. */
function ScopeLine({ o }: { o: HandoffOverview }): JSX.Element {
  const asOfTyped = useStore((s) => s.handoffWindow.asOf)
  const setWindow = useStore((s) => s.setHandoffWindow)
  const { scope } = o
  const last = o.dataRange?.last
  const stale = asOfTyped === null && last !== undefined && Date.parse(scope.asOf) - Date.parse(last) > 30 * MS_PER_DAY
  return (
    <>
      <p className="scope-line" data-testid="scope-line">
        As of <strong>{formatInZone(scope.asOf, scope.timezone)}</strong> · leads handed off{' '}
        <strong>
          {formatDate(scope.fromDate)} – {formatDate(scope.toDate)}
        </strong>{' '}
        · {scope.clock === 'business' ? 'business hours' : 'calendar hours'} · times in {scope.timezone}
      </p>
      {stale && last ? (
        <div className="banner banner-info">
          <Icon name="info" />
          <span>
            The newest hand-off in this workspace was on {formatInZone(last, scope.timezone, false)}, so nothing was handed off in the last
            30 days.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => setWindow({ asOf: localDateTimeOf(Date.parse(last), scope.timezone).slice(0, 10) })}
            >
              Show the handoff as of that day
            </button>
          </span>
        </div>
      ) : null}
    </>
  )
}

/** The as-of time (default now) and the window (default the 30 days before it). */
function ScopeControls(): JSX.Element {
  const window = useStore((s) => s.handoffWindow)
  const setWindow = useStore((s) => s.setHandoffWindow)
  const tz = useStore((s) => s.handoffOverview?.scope.timezone)
  const [asOf, setAsOf] = useState(window.asOf ?? '')
  const [from, setFrom] = useState(window.from ?? '')
  const [to, setTo] = useState(window.to ?? '')
  return (
    <form
      className="toolbar scope-controls"
      aria-label="Time and window of the numbers"
      onSubmit={(e) => {
        e.preventDefault()
        const pair = from !== '' && to !== ''
        setWindow({ asOf: asOf === '' ? null : asOf, from: pair ? from : null, to: pair ? to : null })
      }}
    >
      <label className="inline-field">
        <span>As of</span>
        <input
          className="input"
          type="datetime-local"
          value={asOf.length === 10 ? `${asOf}T23:59` : asOf}
          onChange={(e) => setAsOf(e.target.value)}
          title={tz ? `In ${tz}` : undefined}
        />
      </label>
      <DateRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
      <button type="submit" className="button primary" disabled={isHalfRange(from, to)}>
        Apply
      </button>
      {window.asOf !== null || window.from !== null ? (
        <button
          type="button"
          className="button subtle"
          onClick={() => {
            setAsOf('')
            setFrom('')
            setTo('')
            setWindow({ asOf: null, from: null, to: null })
          }}
        >
          Now, last 30 days
        </button>
      ) : null}
    </form>
  )
}
