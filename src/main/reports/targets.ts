import { monthSpans, type GapPlan, type TargetsMetrics, type TargetsReport } from '@shared/targets'
import { PERIOD_OPTIONS, REPORTS, periodQuery } from './registry'

/**
 * `report targets --period 2025-Q3|2025-08|FY2025 [--as-of YYYY-MM-DD]`: the Targets metrics by the names of
 * PRODUCT.md (amounts in home-currency major units), from the same code as the Targets view, with the
 * period, its dates, the as-of date, the currency and the gap plan around them.
 */
export type TargetsJson = { period: string; from: string; to: string; asOf: string; currency: string } & TargetsMetrics & {
    gapPlan: GapPlan
  } & Pick<TargetsReport, 'targetMissingMonths' | 'wholePeriod' | 'undated' | 'teams'>

/** The metrics by their documented names, then what qualifies them (the same facts as the view). */
export function targetsJson(r: TargetsReport): TargetsJson {
  return {
    period: r.period,
    from: r.range.start,
    to: r.range.end,
    asOf: r.asOf,
    currency: r.currency,
    ...r.metrics,
    gapPlan: r.gapPlan,
    targetMissingMonths: r.targetMissingMonths,
    wholePeriod: r.wholePeriod,
    undated: r.undated,
    teams: r.teams,
  }
}

const spans = (months: readonly string[]): string =>
  monthSpans(months)
    .map(([a, b]) => (a === b ? a : `${a} to ${b}`))
    .join(', ')

const percent = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)} %`)

export function targetsText(j: TargetsJson): string {
  const money = (x: number): string => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const count = (x: number | null): string => (x === null ? 'not enough history' : x.toLocaleString('en-US'))
  const line = (label: string, value: string, note = ''): string => `  ${label.padEnd(18)} ${value.padStart(18)}${note ? `   ${note}` : ''}`
  const source = (name: keyof TargetsMetrics['bySource']): string =>
    `${name} ${money(j.bySource[name].closedWon)} won, ${money(j.bySource[name].openPipeline)} open`
  const plural = (n: number, one: string): string => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`
  return [
    `Targets ${j.period} (${j.from} to ${j.to}) as of ${j.asOf}, in ${j.currency}`,
    ...(j.targetMissingMonths.length > 0
      ? [
          `  no target for ${spans(j.targetMissingMonths)}: the metrics below run over the months with one ` +
            `(whole period: ${money(j.wholePeriod.closedWon)} won, ${money(j.wholePeriod.openPipeline)} open)`,
        ]
      : []),
    line('target', money(j.target)),
    line('closed-won', money(j.closedWon), `attainment ${percent(j.attainment)}`),
    line('expected to date', money(j.expectedToDate), `pace ${percent(j.pace)}`),
    line('gap', money(j.gap)),
    line('open pipeline', money(j.openPipeline), `coverage ${j.coverage === null ? '–' : `${j.coverage.toFixed(2)}×`}`),
    line('weighted pipeline', money(j.weightedPipeline)),
    line('forecast', money(j.forecast)),
    `  sourced by: ${(['marketing', 'sales', 'partner', 'unknown'] as const).map(source).join('; ')}`,
    ...(j.unconvertible > 0
      ? [`  left out: ${j.unconvertible} ${j.unconvertible === 1 ? 'opportunity' : 'opportunities'} in a currency without an exchange rate`]
      : []),
    ...(j.undated.open.count + j.undated.won.count + j.undated.lost.count + j.undated.unmappedStage > 0
      ? [
          `  without a close date (in no period): ${plural(j.undated.open.count, 'open deal')} (${money(j.undated.open.amount)}), ` +
            `${plural(j.undated.won.count, 'won deal')} (${money(j.undated.won.amount)}), ${plural(j.undated.lost.count, 'lost deal')}` +
            (j.undated.unmappedStage > 0 ? `, ${plural(j.undated.unmappedStage, 'deal')} at an unmapped stage` : ''),
        ]
      : []),
    `  gap plan: ${count(j.gapPlan.opportunities)} opportunities, ${count(j.gapPlan.sqls)} SQLs, ${count(j.gapPlan.mqls)} MQLs ` +
      `(win rate ${percent(j.gapPlan.winRate)}, SQL→opportunity ${percent(j.gapPlan.sqlToOpportunity)}, MQL→SQL ${percent(j.gapPlan.mqlToSql)})`,
  ].join('\n')
}

REPORTS.push({
  name: 'targets',
  usage: '--period 2025-Q3|2025-08|FY2025 [--as-of YYYY-MM-DD]',
  options: PERIOD_OPTIONS,
  run: (services, values, now) => targetsJson(services.targets.report(periodQuery('targets', values), now)),
  text: (result) => targetsText(result as TargetsJson),
})
