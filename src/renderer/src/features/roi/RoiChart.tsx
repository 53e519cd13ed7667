import type { JSX } from 'react'
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis, type YAxisTickContentProps } from 'recharts'
import type { CampaignRoi } from '@shared/roi'
import { useChartTheme } from '../../charts/theme'
import { Term } from '../../components/Term'
import { formatMoney } from '../../format'

/** The chart shows the campaigns that spent or brought the most; the table lists them all. */
const MAX_CAMPAIGNS = 8
const ROW_HEIGHT = 78

const SERIES = [
  { key: 'spend', name: 'Spend', pattern: null },
  { key: 'sourcedWon', name: 'Sourced won', pattern: null },
  { key: 'influencedWon', name: 'Influenced won', pattern: 'hatch' },
] as const

/**
 * Spend against sourced and influenced closed-won per campaign, as horizontal bars labelled with their
 * amounts (direct labels: no legend to decode, and the series differ by label and pattern, not colour
 * alone). A campaign without imported spend says so where its spend bar would be.
 */
export function RoiChart({ campaigns, currency }: { campaigns: readonly CampaignRoi[]; currency: string }): JSX.Element {
  const theme = useChartTheme()
  const shown = [...campaigns]
    .sort((a, b) => Math.max(b.spend ?? 0, b.sourcedWon, b.influencedWon) - Math.max(a.spend ?? 0, a.sourcedWon, a.influencedWon))
    .slice(0, MAX_CAMPAIGNS)
  const colours = { spend: theme.target, sourcedWon: theme.sources.marketing, influencedWon: theme.linear }
  const compact = (x: number): string => formatMoney(x, currency, { compact: true })
  // A campaign without imported spend has no spend bar (null, not 0) and says so under its name.
  const data = shown.map((c) => ({ campaign: c.campaign, spend: c.spend, sourcedWon: c.sourcedWon, influencedWon: c.influencedWon }))
  const noSpend = new Set(shown.filter((c) => c.spend === null).map((c) => c.campaign))
  const axis = { fill: theme.muted, fontSize: 14 }
  return (
    <figure className="chart-panel roi-chart" aria-labelledby="roi-chart-title">
      <figcaption>
        <h2 id="roi-chart-title" className="panel-title">
          Spend against what it brought
        </h2>
        <p className="muted chart-summary">
          Per campaign: <Term name="spend" />, <Term name="sourcedWon" /> and <Term name="influencedWon" />
          {campaigns.length > MAX_CAMPAIGNS ? ` (the ${MAX_CAMPAIGNS} largest of ${campaigns.length}; the table lists every one)` : ''}.
        </p>
      </figcaption>
      {data.length === 0 ? (
        <p className="chart-empty">No campaign spent or brought anything in this period.</p>
      ) : (
        <div className="chart-box" role="img" aria-label="Spend, sourced and influenced closed-won per campaign">
          <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 40}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 150, bottom: 4, left: 8 }} barGap={2} barCategoryGap={10}>
              <defs>
                <pattern id="roi-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="6" height="6" fill={colours.influencedWon} opacity="0.35" />
                  <line x1="0" y1="0" x2="0" y2="6" stroke={colours.influencedWon} strokeWidth="3" />
                </pattern>
              </defs>
              <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" tickFormatter={compact} tick={axis} stroke={theme.grid} />
              <YAxis
                type="category"
                dataKey="campaign"
                width={230}
                stroke={theme.grid}
                interval={0}
                tick={(props: YAxisTickContentProps) => {
                  const name = String(props.payload.value)
                  return (
                    <text x={props.x} y={props.y} textAnchor="end" fontSize={14} fill={theme.text}>
                      <tspan x={props.x} dy={noSpend.has(name) ? -4 : 4}>
                        {name}
                      </tspan>
                      {noSpend.has(name) ? (
                        <tspan x={props.x} dy={18} fill={theme.muted} fontSize={13}>
                          no spend imported
                        </tspan>
                      ) : null}
                    </text>
                  )
                }}
              />
              {SERIES.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.name}
                  fill={s.pattern ? 'url(#roi-hatch)' : colours[s.key]}
                  isAnimationActive={false}
                  barSize={18}
                >
                  <LabelList
                    dataKey={s.key}
                    position="right"
                    fill={theme.text}
                    fontSize={13}
                    formatter={(v) => (typeof v === 'number' ? `${s.name} ${compact(v)}` : '')}
                  />
                </Bar>
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  )
}
