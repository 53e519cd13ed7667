import type { RoiFigures, RoiReport, RoiViewData } from '@shared/roi'
import { PERIOD_OPTIONS, REPORTS, periodQuery } from './registry'

/**
 * `report campaigns --period 2025-Q3|2025-08|FY2025 [--as-of YYYY-MM-DD]`: the Marketing ROI figures per
 * campaign and per channel by the names of PRODUCT.md (amounts in home-currency major units, null where
 * there is nothing to divide by or no spend is imported), and the spend no lead or deal names.
 */
export type CampaignsJson = Pick<
  RoiReport,
  'period' | 'asOf' | 'currency' | 'campaigns' | 'channels' | 'unmatchedSpend' | 'unconvertible'
> & {
  from: string
  to: string
}

export function campaignsJson(r: RoiViewData): CampaignsJson {
  return {
    period: r.period,
    from: r.range.start,
    to: r.range.end,
    asOf: r.asOf,
    currency: r.currency,
    campaigns: r.campaigns,
    channels: r.channels,
    unmatchedSpend: r.unmatchedSpend,
    unconvertible: r.unconvertible,
  }
}

const money = (x: number | null): string =>
  x === null ? '–' : x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const percent = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)} %`)

function line(name: string, f: RoiFigures): string {
  const spend = f.spend === null ? 'no spend imported' : `spend ${money(f.spend)}`
  return (
    `  ${name}: ${spend}; ${f.mqls} MQLs, ${f.sqls} SQLs, ${f.opportunities} opportunities (pipeline ${money(f.pipeline)}); ` +
    `won sourced ${money(f.sourcedWon)}, influenced ${money(f.influencedWon)}, both ${money(f.overlapWon)}; ` +
    `per MQL ${money(f.costPerMql)}, per SQL ${money(f.costPerSql)}, per won deal ${money(f.costPerWon)}; ROI ${percent(f.roi)}`
  )
}

export function campaignsText(j: CampaignsJson): string {
  return [
    `Marketing ROI ${j.period} (${j.from} to ${j.to}) as of ${j.asOf}, in ${j.currency}`,
    'Campaigns',
    ...(j.campaigns.length > 0 ? j.campaigns.map((c) => line(c.campaign, c)) : ['  (none in this period)']),
    'Channels',
    ...(j.channels.length > 0
      ? j.channels.map((c) => line(`${c.channel} (${c.sourcedBy ?? 'not mapped'})`, c))
      : ['  (none in this period)']),
    ...(j.unmatchedSpend.length > 0
      ? [
          'Spend for campaigns no lead or deal names',
          ...j.unmatchedSpend.map((u) => `  ${u.campaign}: ${u.spend === null ? 'no amount' : money(u.spend)}`),
        ]
      : []),
    ...(j.unconvertible > 0 ? [`Left out: ${j.unconvertible} deals or spend rows in a currency without an exchange rate`] : []),
  ].join('\n')
}

REPORTS.push({
  name: 'campaigns',
  usage: '--period 2025-Q3|2025-08|FY2025 [--as-of YYYY-MM-DD]',
  options: PERIOD_OPTIONS,
  run: (services, values, now) => campaignsJson(services.roi.report(periodQuery('campaigns', values), now)),
  text: (result) => campaignsText(result as CampaignsJson),
})
