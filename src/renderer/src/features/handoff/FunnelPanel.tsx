import { useState, type JSX } from 'react'
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts'
import type { FunnelReport, FunnelStep } from '@shared/handoff'
import { DateRangeFields, isHalfRange } from '../../components/DateRangeFields'
import { useChartColors } from '../../components/useChartColors'
import { formatCount, formatDate, formatMonth, formatPercent } from '../../format'
import { useStore } from '../../store'
import { STEP_LABEL, none } from './labels'
import { TableHead } from '../../components/TableHead'
import { ScrollArea } from '../../components/ScrollArea'

const days = (d: number | null): string => (d === null ? '–' : `${d.toLocaleString(undefined, { maximumFractionDigits: 1 })} d`)

/** The funnel handed off → accepted → qualified → opportunity → won, with conversions and timing. */
export function FunnelPanel(): JSX.Element {
  const funnel = useStore((s) => s.funnel)
  const loading = useStore((s) => s.funnelLoading)
  const error = useStore((s) => s.funnelError)
  return (
    <section className="panel funnel" aria-labelledby="funnel-title" aria-busy={loading}>
      <div className="panel-head">
        <h2 id="funnel-title" className="panel-title">
          Funnel
        </h2>
        <FunnelWindow report={funnel} />
      </div>
      {error ? (
        <p role="alert" className="banner banner-error">
          {error}
        </p>
      ) : null}
      {funnel === null ? (
        <p className="muted">{loading ? 'Counting the funnel…' : ''}</p>
      ) : funnel.from === null ? (
        <p className="muted">No lead has been handed off yet.</p>
      ) : (
        <FunnelBody report={funnel} />
      )}
    </section>
  )
}

function FunnelWindow({ report }: { report: FunnelReport | null }): JSX.Element {
  const window = useStore((s) => s.funnelWindow)
  const setWindow = useStore((s) => s.setFunnelWindow)
  const [from, setFrom] = useState(window.from ?? '')
  const [to, setTo] = useState(window.to ?? '')
  const apply = (): void => setWindow(from !== '' && to !== '' ? { from, to } : { from: null, to: null })
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault()
        apply()
      }}
    >
      <span className="muted">
        Cohorts {report?.from ? `${formatDate(report.from)} – ${formatDate(report.to ?? report.from)}` : ''}
        {window.from === null ? ' (every lead)' : ''}
      </span>
      <DateRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
      <button type="submit" className="button" disabled={isHalfRange(from, to)}>
        Show cohorts
      </button>
      {window.from !== null ? (
        <button
          type="button"
          className="button subtle"
          onClick={() => {
            setFrom('')
            setTo('')
            setWindow({ from: null, to: null })
          }}
        >
          Every lead
        </button>
      ) : null}
    </form>
  )
}

function FunnelBody({ report }: { report: FunnelReport }): JSX.Element {
  const colors = useChartColors()
  const data = report.steps.map((s) => ({
    step: STEP_LABEL[s.step],
    count: s.count,
    label: `${formatCount(s.count)}${s.conversion === null ? '' : ` · ${formatPercent(s.conversion)}`}`,
  }))
  return (
    <div className="funnel-grid">
      <figure className="chart" aria-label="Funnel from hand-off to won">
        <div className="chart-box" style={{ height: 260 }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 150, bottom: 4, left: 8 }} barCategoryGap={8}>
              <CartesianGrid horizontal={false} stroke={colors.grid} />
              <XAxis type="number" hide domain={[0, 'dataMax']} />
              <YAxis
                type="category"
                dataKey="step"
                width={130}
                tick={{ fill: colors.text, fontSize: 15 }}
                axisLine={false}
                tickLine={false}
              />
              <Bar dataKey="count" fill={colors.series[2]} radius={[0, 4, 4, 0]} isAnimationActive={false} minPointSize={2}>
                <LabelList dataKey="label" position="right" fill={colors.text} fontSize={15} fontWeight={600} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <table className="data-table" aria-label="Funnel steps">
        <TableHead
          cells={['Step', { num: 'Leads' }, { num: 'Conversion' }, { num: 'Median from previous' }, { num: 'Median from hand-off' }]}
        />
        <tbody>
          {report.steps.map((s) => (
            <tr key={s.step}>
              <th scope="row">{STEP_LABEL[s.step]}</th>
              <td className="num" data-testid={`funnel-${s.step}`}>
                {formatCount(s.count)}
              </td>
              <td className="num">{formatPercent(s.conversion)}</td>
              <td className="num">{days(s.medianDaysFromPrevious)}</td>
              <td className="num">{days(s.medianDaysFromHandoff)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field-help funnel-note">
        A lead counts at a step when it has that step&apos;s date by the as-of time or went further by then (CRMs skip steps). Medians use
        only the leads with both dates.
      </p>
      <BreakdownTable title="By source" rows={report.bySource.map((g) => ({ key: none(g.source, 'source'), steps: g.steps }))} />
      <BreakdownTable title="By cohort month" rows={report.byCohort.map((g) => ({ key: formatMonth(g.month), steps: g.steps }))} />
    </div>
  )
}

function BreakdownTable({ title, rows }: { title: string; rows: { key: string; steps: FunnelStep[] }[] }): JSX.Element {
  return (
    <div className="breakdown">
      <h3 className="subhead">{title}</h3>
      <ScrollArea className="breakdown-scroll" label={`${title} (scrolls sideways)`}>
        <table className="data-table compact-table" aria-label={`Funnel ${title.toLowerCase()}`}>
          <TableHead
            cells={[
              title.replace('By ', '').replace(/^./, (c) => c.toUpperCase()),
              ...(rows[0]?.steps.map((s) => ({ num: STEP_LABEL[s.step] })) ?? []),
              { num: 'Won of handed off' },
            ]}
          />
          <tbody>
            {rows.map((r) => {
              const handed = r.steps[0]?.count ?? 0
              const won = r.steps[r.steps.length - 1]?.count ?? 0
              return (
                <tr key={r.key}>
                  <th scope="row">{r.key}</th>
                  {r.steps.map((s) => (
                    <td key={s.step} className="num">
                      {formatCount(s.count)}
                      {s.conversion !== null ? <span className="muted"> {formatPercent(s.conversion)}</span> : null}
                    </td>
                  ))}
                  <td className="num">{formatPercent(handed === 0 ? null : won / handed)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </ScrollArea>
    </div>
  )
}
