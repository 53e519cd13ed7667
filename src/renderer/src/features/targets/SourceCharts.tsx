import type { JSX } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { SOURCE_BUCKETS, type SourceBucket, type TargetsViewData } from '@shared/targets'
import { SOURCE_LABELS, useChartTheme } from '../../charts/theme'
import { Term } from '../../components/Term'
import { formatDay, formatMoney, formatMonth, formatPercent } from '../../format'

function MonthBars({
  view,
  series,
  title,
  id,
}: {
  view: TargetsViewData
  series: 'closedWon' | 'openPipeline'
  title: JSX.Element
  id: string
}): JSX.Element {
  const theme = useChartTheme()
  const compact = (x: number): string => formatMoney(x, view.currency, { compact: true })
  const data = view.months.map((m) => ({ month: m.month, ...m[series] }))
  const total = data.reduce((sum, d) => sum + SOURCE_BUCKETS.reduce((s, b) => s + d[b], 0), 0)
  const axis = { fill: theme.muted, fontSize: 14 }
  return (
    <figure className="chart-panel" aria-labelledby={id}>
      <figcaption>
        <h2 id={id} className="panel-title">
          {title}
        </h2>
      </figcaption>
      {total === 0 ? (
        <p className="chart-empty">Nothing in this period.</p>
      ) : (
        <div className="chart-box" role="img" aria-label={`${series === 'closedWon' ? 'Closed-won' : 'Open pipeline'} by source and month`}>
          <ResponsiveContainer width="100%" height={300}>
            <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
              <XAxis
                dataKey="month"
                tickFormatter={(m: string) => formatDay(`${m}-01`, { month: 'short' })}
                tick={axis}
                stroke={theme.grid}
                interval={0}
              />
              <YAxis tickFormatter={compact} tick={axis} stroke={theme.grid} width={76} />
              <Tooltip
                formatter={(value, name) => [typeof value === 'number' ? formatMoney(value, view.currency) : '–', name]}
                labelFormatter={(m) => (typeof m === 'string' ? formatMonth(m, true) : '')}
                contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }}
                cursor={{ fill: theme.grid, opacity: 0.4 }}
              />
              <Legend wrapperStyle={{ color: theme.text, fontSize: 15, paddingTop: 8 }} itemSorter={null} />
              {SOURCE_BUCKETS.map((b) => (
                <Bar key={b} dataKey={b} name={SOURCE_LABELS[b]} stackId="source" fill={theme.sources[b]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  )
}

/** Marketing's share of closed-won, and the whole split by source, as labelled segments. */
function Split({ view }: { view: TargetsViewData }): JSX.Element {
  const theme = useChartTheme()
  const won = view.metrics.closedWon
  const parts = SOURCE_BUCKETS.map((b) => ({ bucket: b, amount: view.metrics.bySource[b].closedWon })).filter((p) => p.amount > 0)
  return (
    <section className="split-panel" aria-labelledby="split-title">
      <h2 id="split-title" className="panel-title">
        <Term name="marketingShare" />
      </h2>
      <p className="share-value" data-testid="marketing-share" data-value={view.marketingShare ?? ''}>
        {view.marketingShare === null ? '–' : formatPercent(view.marketingShare)}
        <span className="muted"> of closed-won</span>
      </p>
      {won > 0 ? (
        <>
          <div className="split-bar" aria-hidden="true">
            {parts.map((p) => (
              <span key={p.bucket} style={{ flexGrow: p.amount, background: theme.sources[p.bucket] }} />
            ))}
          </div>
          <ul className="split-legend">
            {SOURCE_BUCKETS.map((b: SourceBucket) => (
              <li key={b}>
                <span className="swatch" style={{ background: theme.sources[b] }} aria-hidden="true" />
                <span className="split-name">{SOURCE_LABELS[b]}</span>
                <span className="split-amount">{formatMoney(view.metrics.bySource[b].closedWon, view.currency)}</span>
                <span className="muted split-share">{formatPercent(view.metrics.bySource[b].closedWon / won)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">Nothing closed-won yet in this period.</p>
      )}
      <p className="muted small">
        <Term name="bySource">Sourced by</Term> the deal&apos;s lead source, or its linked lead&apos;s, as mapped in Settings.
      </p>
    </section>
  )
}

export function SourceCharts({ view }: { view: TargetsViewData }): JSX.Element {
  return (
    <div className="source-grid">
      <MonthBars
        view={view}
        series="closedWon"
        id="won-by-source"
        title={
          <>
            <Term name="closedWon">Closed-won</Term> by source
          </>
        }
      />
      <MonthBars
        view={view}
        series="openPipeline"
        id="pipeline-by-source"
        title={
          <>
            <Term name="openPipeline">Open pipeline</Term> by source
          </>
        }
      />
      <Split view={view} />
    </div>
  )
}
