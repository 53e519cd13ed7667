import type { JSX } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { HandoffOverview, MonthTrend } from '@shared/handoff'
import { useChartColors } from '../../components/useChartColors'
import { formatCount, formatMonth, formatPercent } from '../../format'
import { AddToMeeting } from '../../components/AddToMeeting'
import { TableHead } from '../../components/TableHead'

/** Reasons drawn as their own series; the rest are "Other" (more colours would not be told apart). */
const TOP_REASONS = 5
const OTHER = 'Other reasons'
const RECYCLED = 'Recycled'

function chartData(trends: MonthTrend[]): { rows: Record<string, string | number>[]; series: string[] } {
  const totals = new Map<string, number>()
  for (const t of trends) for (const [r, n] of Object.entries(t.rejected)) totals.set(r, (totals.get(r) ?? 0) + n)
  const top = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_REASONS)
    .map(([r]) => r)
  const hasOther = totals.size > top.length
  const rows = trends.map((t) => {
    const row: Record<string, string | number> = { month: formatMonth(t.month), [RECYCLED]: t.recycled }
    for (const r of top) row[r] = t.rejected[r] ?? 0
    if (hasOther) row[OTHER] = Object.entries(t.rejected).reduce((s, [r, n]) => (top.includes(r) ? s : s + n), 0)
    return row
  })
  return { rows, series: hasOther ? [...top, OTHER] : top }
}

/** What sales tells marketing back: why leads were rejected, over time, and how many went back to nurture. */
export function RejectionsPanel({ o, trends }: { o: HandoffOverview; trends: MonthTrend[] }): JSX.Element {
  const colors = useChartColors()
  const { rows, series } = chartData(trends)
  const reasons = Object.entries(o.rejectionReasons)
  const empty = rows.every((r) => series.every((s) => r[s] === 0) && r[RECYCLED] === 0)
  return (
    <section className="panel rejections" aria-labelledby="rejections-title">
      <h2 id="rejections-title" className="panel-title">
        Rejected and recycled leads
      </h2>
      <div className="rejections-grid">
        <figure className="chart" aria-label="Rejections by reason and recycled leads per month">
          <figcaption className="chart-title">Per month, last 12 months</figcaption>
          {empty ? (
            <p className="muted">No lead was rejected or recycled in the last 12 months.</p>
          ) : (
            <div className="chart-box" style={{ height: 300 }}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid vertical={false} stroke={colors.grid} />
                  <XAxis
                    dataKey="month"
                    tick={{ fill: colors.text, fontSize: 13 }}
                    tickLine={false}
                    axisLine={{ stroke: colors.grid }}
                    interval="preserveStartEnd"
                    minTickGap={12}
                  />
                  <YAxis allowDecimals={false} tick={{ fill: colors.text, fontSize: 13 }} width={44} axisLine={false} tickLine={false} />
                  <Tooltip cursor={{ fill: colors.grid, opacity: 0.3 }} />
                  {/* Legend in drawing order (not alphabetical), its words in the text colour (readable). */}
                  <Legend
                    wrapperStyle={{ fontSize: 14 }}
                    itemSorter={(item) => [...series, RECYCLED].indexOf(String(item.dataKey))}
                    formatter={(value: string) => <span style={{ color: colors.text }}>{value}</span>}
                  />
                  {series.map((s, i) => (
                    <Bar key={s} dataKey={s} stackId="rejected" fill={colors.series[i % colors.series.length]} isAnimationActive={false} />
                  ))}
                  {/* Recycled stands beside the rejections, outlined, so it is not read as one more reason. */}
                  <Bar
                    dataKey={RECYCLED}
                    name="Recycled to nurture"
                    fill={colors.grid}
                    stroke={colors.text}
                    strokeWidth={1.5}
                    strokeDasharray="4 2"
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
        </figure>
        <div>
          <h3 className="subhead">Reasons in the window</h3>
          {reasons.length === 0 ? (
            <p className="muted">No lead handed off in the window was rejected.</p>
          ) : (
            <table className="data-table compact-table" aria-label="Rejection reasons in the window">
              <TableHead cells={['Reason', { num: 'Leads' }, { num: 'Share' }]} last="Actions" />
              <tbody>
                {reasons.map(([reason, n]) => (
                  <tr key={reason}>
                    <th scope="row">{reason}</th>
                    <td className="num" data-testid={`reason-${reason}`}>
                      {formatCount(n)}
                    </td>
                    <td className="num">{formatPercent(o.rejected === 0 ? null : n / o.rejected)}</td>
                    <td className="actions">
                      <AddToMeeting
                        buttonLabel="Next meeting"
                        draft={{
                          title: `Review leads rejected as "${reason}"`,
                          owner: '',
                          team: 'joint',
                          notes: `${n} of ${o.rejected} rejections in the window.`,
                          link: { kind: 'reason', id: reason, label: reason },
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  )
}
