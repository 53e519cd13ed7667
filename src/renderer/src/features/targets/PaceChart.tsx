import type { JSX } from 'react'
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { granularityOf } from '@shared/time/periods'
import type { TargetsViewData } from '@shared/targets'
import { useChartTheme } from '../../charts/theme'
import { Term } from '../../components/Term'
import { formatDay, formatMoney } from '../../format'

const LINE_NAMES = { closedWon: 'Closed-won', linear: 'Linear pace', seasonal: 'Seasonal pace' } as const

/** Ticks on the first of each month, or weekly within a single month. */
function ticksOf(view: TargetsViewData): string[] {
  const dates = view.pace.map((p) => p.date)
  if (granularityOf(view.period) === 'month') return dates.filter((_, i) => i % 7 === 0)
  return dates.filter((d) => d.endsWith('-01'))
}

/** Cumulative closed-won across the period against the target's linear (and seasonal) pace. */
export function PaceChart({ view }: { view: TargetsViewData }): JSX.Element {
  const theme = useChartTheme()
  const money = (x: number): string => formatMoney(x, view.currency)
  const compact = (x: number): string => formatMoney(x, view.currency, { compact: true })
  const last = [...view.pace].reverse().find((p) => p.closedWon !== null)
  const asOfInside = view.asOf >= view.range.start && view.asOf <= view.range.end
  const axis = { fill: theme.muted, fontSize: 14 }
  return (
    <figure className="chart-panel" aria-labelledby="pace-title">
      <figcaption>
        <h2 id="pace-title" className="panel-title">
          <Term name="closedWon">Closed-won</Term> against the <Term name="linearPace">target line</Term>
        </h2>
        <p className="muted chart-summary">
          {last ? `${money(last.closedWon ?? 0)} closed by ${formatDay(last.date)}` : 'Nothing closed yet in this period'}
          {view.hasTarget
            ? `, against ${money(view.metrics.expectedToDate)} expected on a straight line to ${money(view.metrics.target)}.`
            : '.'}{' '}
          {view.seasonal ? (
            <>
              The <Term name="seasonalPace">seasonal pace</Term> follows last year&apos;s months.
            </>
          ) : view.hasTarget && view.pace.length > 31 ? (
            <>
              No <Term name="seasonalPace">seasonal pace</Term>: it needs the 12 months before the period.
            </>
          ) : null}
        </p>
      </figcaption>
      <div
        className="chart-box"
        role="img"
        aria-label={`Cumulative closed-won from ${formatDay(view.range.start)} to ${formatDay(view.range.end)}`}
      >
        <ResponsiveContainer width="100%" height={340}>
          <ComposedChart data={view.pace} margin={{ top: 24, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="date"
              ticks={ticksOf(view)}
              interval={0}
              tickFormatter={(d: string) => formatDay(d, { month: 'short', day: 'numeric' })}
              tick={axis}
              stroke={theme.grid}
            />
            <YAxis tickFormatter={compact} tick={axis} stroke={theme.grid} width={84} />
            <Tooltip
              formatter={(value, name) => [typeof value === 'number' ? money(value) : '–', name]}
              labelFormatter={(d) => (typeof d === 'string' ? formatDay(d) : '')}
              contentStyle={{ background: theme.surface, borderColor: theme.grid, color: theme.text }}
            />
            <Legend wrapperStyle={{ color: theme.text, fontSize: 15, paddingTop: 8 }} />
            {view.hasTarget ? (
              <ReferenceLine
                y={view.metrics.target}
                ifOverflow="extendDomain"
                stroke={theme.target}
                strokeWidth={1.5}
                label={{ value: `Target ${compact(view.metrics.target)}`, position: 'insideTopLeft', fill: theme.text, fontSize: 14 }}
              />
            ) : null}
            {asOfInside ? (
              <ReferenceLine
                x={view.asOf}
                stroke={theme.muted}
                strokeDasharray="2 4"
                label={{
                  value: `As of ${formatDay(view.asOf, { month: 'short', day: 'numeric' })}`,
                  position: 'top',
                  fill: theme.muted,
                  fontSize: 14,
                }}
              />
            ) : null}
            {view.hasTarget ? (
              <Line
                type="linear"
                dataKey="linear"
                name={LINE_NAMES.linear}
                stroke={theme.linear}
                strokeWidth={2}
                strokeDasharray="8 6"
                dot={false}
                isAnimationActive={false}
              />
            ) : null}
            {view.seasonal ? (
              <Line
                type="linear"
                dataKey="seasonal"
                name={LINE_NAMES.seasonal}
                stroke={theme.seasonal}
                strokeWidth={2}
                strokeDasharray="2 4"
                dot={false}
                isAnimationActive={false}
              />
            ) : null}
            <Line
              type="stepAfter"
              dataKey="closedWon"
              name={LINE_NAMES.closedWon}
              stroke={theme.won}
              strokeWidth={3.5}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  )
}
