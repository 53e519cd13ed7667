import { useState, type JSX, type ReactNode } from 'react'
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts'
import { AGING_BUCKETS, type BacklogGroup, type HandoffOverview } from '@shared/handoff'
import { Icon } from '../../components/Icon'
import { useChartColors } from '../../components/useChartColors'
import { formatCount, formatHours, formatInZone } from '../../format'
import { useStore } from '../../store'
import { AddToMeeting, MetricToMeeting } from '../../components/AddToMeeting'
import { useLiveWindow } from './Scorecard'
import { none } from './labels'
import { TableHead } from '../../components/TableHead'

const BUCKET_LABEL: Record<(typeof AGING_BUCKETS)[number], string> = {
  '<4h': 'under 4 h',
  '4-24h': '4–24 h',
  '1-3d': '1–3 days',
  '3-7d': '3–7 days',
  '>7d': 'over 7 days',
}

type Dimension = 'owner' | 'grade' | 'source'
const DIMENSIONS: { id: Dimension; label: string; what: string }[] = [
  { id: 'owner', label: 'By owner', what: 'owner' },
  { id: 'grade', label: 'By grade', what: 'grade' },
  { id: 'source', label: 'By source', what: 'source' },
]

/** Rows shown per breakdown; the lead table has the rest. */
const MAX_GROUPS = 12

/** The backlog at T: how many leads wait, how long, who has them, breached first. */
export function BacklogPanel({ o }: { o: HandoffOverview }): JSX.Element {
  if (o.backlog === null || o.breached === null || o.aging === null) return <SlaNotMeasurable o={o} />
  return <MeasuredBacklog o={o} backlog={o.backlog} breached={o.breached} aging={o.aging} />
}

/** The columns a lead needs for its SLA, as the mapping screen names them. */
export const SLA_COLUMN_LABELS: Record<string, string> = {
  first_touch_at: 'first touch',
  accepted_at: 'accepted',
  rejected_at: 'rejected',
  qualified_at: 'qualified (SQL)',
  'opportunity created_at': "the opportunity's created date",
}

/** No lead carries a date that says it was worked: "waiting" and "breached" would be guesses. */
function SlaNotMeasurable({ o }: { o: HandoffOverview }): JSX.Element {
  const needs = o.slaNeeds.map((c) => SLA_COLUMN_LABELS[c] ?? c)
  return (
    <BacklogSection>
      <div className="banner banner-warning" role="note" data-testid="sla-not-measurable">
        <Icon name="alert" />
        <span>
          <strong>The SLA cannot be measured from this export.</strong> None of the {formatCount(o.waitingUnmeasured)} leads handed off by
          then has a date that says it was worked ({needs.join(', ')}), so Tandem cannot tell waiting leads from worked ones. Import the
          leads again with one of these columns mapped.
        </span>
      </div>
    </BacklogSection>
  )
}

function BacklogSection({ note, children }: { note?: JSX.Element; children: ReactNode }): JSX.Element {
  return (
    <section className="panel backlog" aria-labelledby="backlog-title">
      <div className="panel-head">
        <h2 id="backlog-title" className="panel-title">
          Backlog: handed off and not yet worked
        </h2>
        {note}
      </div>
      {children}
    </section>
  )
}

function MeasuredBacklog({
  o,
  backlog,
  breached,
  aging,
}: {
  o: HandoffOverview
  backlog: number
  breached: number
  aging: NonNullable<HandoffOverview['aging']>
}): JSX.Element {
  const colors = useChartColors()
  const setLeadQuery = useStore((s) => s.setLeadQuery)
  const live = useLiveWindow()
  const [dimension, setDimension] = useState<Dimension>('owner')
  const data = AGING_BUCKETS.map((b) => ({ key: b, bucket: BUCKET_LABEL[b], leads: aging[b] }))
  const groups = o.backlogBy[dimension]
  const what = DIMENSIONS.find((d) => d.id === dimension)?.what ?? ''
  const showBreached = (): void => {
    setLeadQuery({ status: 'breached', sort: 'status', descending: false })
    document.getElementById('lead-table')?.scrollIntoView({ behavior: 'smooth', block: 'start' })
  }
  return (
    <BacklogSection
      note={
        <p className="muted">
          SLA clock: {o.scope.clock === 'business' ? 'business hours' : 'calendar hours'}; limits{' '}
          {Object.entries(o.limits)
            .map(([g, h]) => `${g === '*' ? 'other' : g} ${formatHours(h)}`)
            .join(', ')}
        </p>
      }
    >
      <div className="backlog-grid">
        <div className="backlog-main">
          <dl className="backlog-numbers">
            <div>
              <dt>Waiting</dt>
              <dd className="big-number" data-testid="metric-backlog">
                {formatCount(backlog)}
              </dd>
              {live && backlog > 0 ? (
                <dd>
                  <MetricToMeeting
                    metric="backlog"
                    team="sales"
                    title={`Clear the backlog: ${formatCount(backlog)} lead${backlog === 1 ? '' : 's'} waiting, ${formatCount(breached)} breached`}
                    notes={`As of ${formatInZone(o.scope.asOf, o.scope.timezone)}.`}
                  />
                </dd>
              ) : null}
            </div>
            <div className={breached > 0 ? 'breached' : undefined}>
              <dt>
                <Icon name="alert" size={18} /> Breached
              </dt>
              <dd className="big-number" data-testid="metric-breached">
                {formatCount(breached)}
              </dd>
            </div>
          </dl>
          {breached > 0 ? (
            <button type="button" className="button" onClick={showBreached}>
              <Icon name="alert" size={16} /> Show the breached leads
            </button>
          ) : null}
          {backlog === 0 ? (
            <p className="muted">Nothing is waiting: every lead handed off by then has been worked or recycled.</p>
          ) : (
            <figure className="chart aging-chart" aria-label="Backlog by time waiting">
              <figcaption className="chart-title">Time waiting</figcaption>
              <div className="chart-box" style={{ height: 240 }}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={data} margin={{ top: 28, right: 8, bottom: 0, left: 0 }}>
                    <CartesianGrid vertical={false} stroke={colors.grid} />
                    <XAxis
                      dataKey="bucket"
                      tick={{ fill: colors.text, fontSize: 14 }}
                      tickLine={false}
                      axisLine={{ stroke: colors.grid }}
                      interval={0}
                    />
                    <YAxis allowDecimals={false} tick={{ fill: colors.text, fontSize: 13 }} width={48} axisLine={false} tickLine={false} />
                    {/* A sliver for an empty bucket, so that it carries its "0" label too. */}
                    <Bar dataKey="leads" fill={colors.series[0]} radius={[4, 4, 0, 0]} isAnimationActive={false} minPointSize={2}>
                      <LabelList
                        dataKey="leads"
                        position="top"
                        fill={colors.text}
                        fontSize={15}
                        fontWeight={600}
                        formatter={(v: unknown) => formatCount(Number(v))}
                      />
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </div>
              <table className="sr-only" aria-label="Backlog by time waiting">
                <tbody>
                  {data.map((d) => (
                    <tr key={d.key}>
                      <th scope="row">{d.bucket}</th>
                      <td data-testid={`aging-${d.key}`}>{d.leads}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </figure>
          )}
        </div>
        <div className="backlog-groups">
          <div className="segmented" role="group" aria-label="Break the backlog down">
            {DIMENSIONS.map((d) => (
              <button
                key={d.id}
                type="button"
                className={dimension === d.id ? 'active' : undefined}
                aria-pressed={dimension === d.id}
                onClick={() => setDimension(d.id)}
              >
                {d.label}
              </button>
            ))}
          </div>
          <GroupTable groups={groups} what={what} dimension={dimension} />
        </div>
      </div>
    </BacklogSection>
  )
}

function GroupTable({ groups, what, dimension }: { groups: BacklogGroup[]; what: string; dimension: Dimension }): JSX.Element {
  if (groups.length === 0) return <p className="muted">Nothing is waiting.</p>
  const shown = groups.slice(0, MAX_GROUPS)
  return (
    <>
      <table className="data-table compact-table" aria-label={`Backlog by ${what}`}>
        <TableHead cells={[what[0]?.toUpperCase() + what.slice(1), { num: 'Waiting' }, { num: 'Breached' }]} last="Actions" />
        <tbody>
          {shown.map((g) => (
            <tr key={g.key}>
              <th scope="row">
                {none(g.key, what)}
                {g.limitHours !== undefined ? <span className="muted"> · {formatHours(g.limitHours)}</span> : null}
              </th>
              <td className="num">{formatCount(g.backlog)}</td>
              <td className="num">
                {g.breached > 0 ? (
                  <span className="breach-count">
                    <Icon name="alert" size={16} label="breached" /> {formatCount(g.breached)}
                  </span>
                ) : (
                  '0'
                )}
              </td>
              <td className="actions">
                {dimension === 'owner' && g.breached > 0 && g.key !== '' ? (
                  <AddToMeeting
                    buttonLabel="Next meeting"
                    draft={{
                      title: `Clear ${g.key}'s ${g.breached} breached lead${g.breached === 1 ? '' : 's'}`,
                      owner: g.key,
                      team: 'sales',
                      notes: `${g.backlog} leads waiting, ${g.breached} past their SLA.`,
                      link: { kind: 'owner', id: g.key, label: g.key },
                    }}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups.length > shown.length ? (
        <p className="muted">and {groups.length - shown.length} more; the lead table below has them all.</p>
      ) : null}
    </>
  )
}
