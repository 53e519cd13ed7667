import type { JSX, ReactNode } from 'react'
import { GLOSSARY, type GlossaryKey } from '@shared/glossary'
import type { TargetsViewData, TeamTarget } from '@shared/targets'
import { MetricToMeeting } from '../../components/AddToMeeting'
import { Icon, type IconName } from '../../components/Icon'
import { Term } from '../../components/Term'
import { formatCount, formatDay, formatMoney, formatPercent } from '../../format'
import { periodOf } from '@shared/time/periods'
import { monthsLabel } from './CoverageNotices'

interface Status {
  icon: IconName
  label: string
  tone: 'ok' | 'bad'
}

/** On track or behind, said in words and with an icon: never by colour alone. */
function StatusBadge({ status }: { status: Status }): JSX.Element {
  return (
    <span className={`status status-${status.tone}`}>
      <Icon name={status.icon} size={18} />
      {status.label}
    </span>
  )
}

function Tile({
  name,
  value,
  big,
  children,
  status,
  action,
}: {
  name: GlossaryKey
  /** The exact number behind the tile (home major units or a ratio), for tests and assistive reading. */
  value: number | null
  big: string
  children?: ReactNode
  status?: Status | null
  /** What the tile offers to do about the number (take it to the next meeting). */
  action?: ReactNode
}): JSX.Element {
  return (
    <div className="kpi" data-testid={`kpi-${name}`} data-value={value === null ? '' : String(value)}>
      <dt>
        <Term name={name} />
      </dt>
      <dd>
        <span className="kpi-value">{big}</span>
        {status ? <StatusBadge status={status} /> : null}
        {children ? <span className="kpi-note">{children}</span> : null}
        {action ? <span className="kpi-action">{action}</span> : null}
      </dd>
    </div>
  )
}

export function KeyNumbers({ view }: { view: TargetsViewData }): JSX.Element {
  const m = view.metrics
  // The board follows attainment and pace of the current quarter today: only those are offered as links.
  const live = view.asOf === view.today && view.period === periodOf(view.today, 'quarter', view.fiscalYearStartMonth)
  const money = (x: number): string => formatMoney(x, view.currency)
  const big = (x: number): string => formatMoney(x, view.currency, { compact: true })
  const ratio = (x: number | null): string => (x === null ? '–' : formatPercent(x))
  const paceStatus: Status | null =
    m.pace === null
      ? null
      : m.pace >= 1
        ? { icon: 'check', label: 'On track', tone: 'ok' }
        : { icon: 'alert', label: 'Behind', tone: 'bad' }
  const forecastStatus: Status | null = !view.hasTarget
    ? null
    : m.forecast >= m.target
      ? { icon: 'check', label: 'Reaches the target', tone: 'ok' }
      : { icon: 'alert', label: `${big(m.target - m.forecast)} short`, tone: 'bad' }
  return (
    <dl className="kpis" aria-label="Key numbers">
      <Tile name="closedWon" value={m.closedWon} big={big(m.closedWon)}>
        {money(m.closedWon)}
        {view.hasTarget ? (
          <>
            {' '}
            of <Term name="target">{money(m.target)} target</Term>
          </>
        ) : (
          ' · no target yet'
        )}
      </Tile>
      <Tile
        name="attainment"
        value={m.attainment}
        big={ratio(m.attainment)}
        action={
          !live || m.attainment === null ? null : (
            <MetricToMeeting
              metric="attainment"
              team="joint"
              title={`Raise attainment: ${ratio(m.attainment)} of the ${view.period} target closed`}
              notes={`${money(m.closedWon)} of ${money(m.target)} closed as of ${formatDay(view.asOf)}.`}
            />
          )
        }
      >
        {m.attainment === null ? (view.hasTarget ? 'the target is 0' : 'no target yet') : 'of the target closed'}
      </Tile>
      <Tile
        name="pace"
        value={m.pace}
        big={ratio(m.pace)}
        status={paceStatus}
        action={
          !live || m.pace === null ? null : (
            <MetricToMeeting
              metric="pace"
              team="joint"
              title={`Get back on pace: ${ratio(m.pace)} of what was expected by ${formatDay(view.asOf)}`}
              notes={`${money(m.closedWon)} closed of ${money(m.expectedToDate)} expected by ${formatDay(view.asOf)} (${view.period}).`}
            />
          )
        }
      >
        {view.hasTarget ? (
          <>
            <Term name="expectedToDate">Expected by {formatDay(view.asOf)}</Term>: {money(m.expectedToDate)}
          </>
        ) : (
          'no target yet'
        )}
      </Tile>
      <Tile name="gap" value={m.gap} big={big(m.gap)}>
        {m.gap === 0 ? (view.hasTarget ? 'target reached' : 'no target yet') : `${money(m.gap)} still to close`}
      </Tile>
      <Tile name="forecast" value={m.forecast} big={big(m.forecast)} status={forecastStatus}>
        closed-won + <Term name="weightedPipeline">{money(m.weightedPipeline)} weighted</Term>
      </Tile>
      <Tile name="coverage" value={m.coverage} big={m.coverage === null ? '–' : `${m.coverage.toFixed(2)}×`}>
        <Term name="openPipeline">{money(m.openPipeline)} open pipeline</Term>
        {m.coverage === null ? ' · no gap to cover' : ' for the gap'}
      </Tile>
    </dl>
  )
}

function TeamTile({ name, team, format }: { name: GlossaryKey; team: TeamTarget; format(x: number): string }): JSX.Element | null {
  if (team.target === null) return null
  const share = team.target > 0 ? team.actual / team.target : null
  return (
    <div className="team-target" data-testid={`team-${name}`}>
      <Term name={name} />
      <div className="team-numbers">
        <strong>{format(team.actual)}</strong> of {format(team.target)}
        {share === null ? null : <span className="muted"> · {formatPercent(share)}</span>}
      </div>
      {team.missingMonths.length > 0 ? (
        <div className="muted team-scope">no target for {monthsLabel(team.missingMonths)}: over the other months</div>
      ) : null}
      <meter
        min={0}
        max={1}
        value={Math.min(share ?? 0, 1)}
        aria-label={`${GLOSSARY[name].term}: ${share === null ? 'no target' : formatPercent(share)} of the target`}
      />
    </div>
  )
}

/** The teams' own sub-targets, when they are set. */
export function TeamTargets({ view }: { view: TargetsViewData }): JSX.Element | null {
  const { teams } = view
  if (teams.salesBookings.target === null && teams.marketingPipeline.target === null && teams.mqls.target === null) return null
  const money = (x: number): string => formatMoney(x, view.currency, { compact: true })
  return (
    <section className="team-targets" aria-label="Team targets">
      <TeamTile name="salesBookings" team={teams.salesBookings} format={money} />
      <TeamTile name="marketingPipeline" team={teams.marketingPipeline} format={money} />
      <TeamTile name="mqls" team={teams.mqls} format={formatCount} />
    </section>
  )
}
