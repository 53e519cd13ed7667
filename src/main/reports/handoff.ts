import { AGING_BUCKETS, type FUNNEL_STEPS, type FunnelReport, type FunnelStep, type HandoffMetrics } from '@shared/handoff'
import { REPORTS, type ReportCommand } from './registry'

/**
 * `report handoff` and `report funnel`: the same service as the Handoff view (PRODUCT.md,
 * "Command line"). `--json` prints the result as is; the text form prints the same numbers.
 */

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

const percent = (r: number | null): string => (r === null ? 'n/a' : `${(r * 100).toFixed(1)} %`)
const num = (n: number): string => n.toLocaleString('en-US')

export const handoffReport: ReportCommand = {
  name: 'handoff',
  usage: '[--as-of 2025-08-15T12:00:00] [--from <date> --to <date>]',
  options: { 'as-of': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  run(services, values, now): HandoffMetrics {
    return services.handoff.metrics({ asOf: str(values['as-of']), from: str(values['from']), to: str(values['to']) }, now)
  },
  text(result) {
    const m = result as HandoffMetrics
    const reasons = Object.entries(m.rejectionReasons)
    const aging = m.aging
    const notMeasurable = `cannot be measured: the leads carry no ${m.slaNeeds.join(', ')}`
    return [
      `Backlog                  ${m.backlog === null || m.breached === null ? notMeasurable : `${num(m.backlog)} (${num(m.breached)} breached)`}`,
      `Aging                    ${aging === null ? 'n/a' : AGING_BUCKETS.map((b) => `${b} ${num(aging[b])}`).join(' · ')}`,
      `SLA attainment           ${m.slaMeasurable ? percent(m.slaAttainment) : notMeasurable}`,
      `Median hours to touch    ${m.medianHoursToFirstTouch === null ? 'n/a' : m.medianHoursToFirstTouch.toFixed(1)}`,
      `Acceptance rate          ${percent(m.acceptanceRate)}`,
      `Rejection rate           ${percent(m.rejectionRate)}`,
      `Rejection reasons        ${reasons.length === 0 ? 'none' : reasons.map(([r, n]) => `${r} ${num(n)}`).join(', ')}`,
    ].join('\n')
  },
}

const STEP_LABELS: Record<(typeof FUNNEL_STEPS)[number], string> = {
  handedOff: 'Handed off',
  accepted: 'Accepted',
  qualified: 'Qualified',
  opportunity: 'Opportunity',
  won: 'Won',
}

function stepsLine(steps: FunnelStep[]): string {
  return steps.map((s) => `${num(s.count)}${s.conversion === null ? '' : ` (${percent(s.conversion)})`}`).join(' → ')
}

export const funnelReportCommand: ReportCommand = {
  name: 'funnel',
  usage: '[--as-of 2025-08-15T12:00:00] [--from <date> --to <date>]',
  options: { 'as-of': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  run(services, values, now): FunnelReport {
    return services.handoff.funnel({ from: str(values['from']), to: str(values['to']), asOf: str(values['as-of']) }, now)
  },
  text(result) {
    const f = result as FunnelReport
    if (f.from === null) return 'No leads have been handed off yet.'
    const lines = [`Leads handed off ${f.from} – ${f.to}, as of ${f.asOf}`, '']
    for (const s of f.steps) {
      const days = s.medianDaysFromPrevious === null ? '' : `   median ${s.medianDaysFromPrevious} days after the previous step`
      lines.push(
        `${STEP_LABELS[s.step].padEnd(12)} ${num(s.count).padStart(10)}${s.conversion === null ? '' : `  ${percent(s.conversion).padStart(8)}`}${days}`,
      )
    }
    lines.push('', 'By source (handed off → accepted → qualified → opportunity → won)')
    for (const g of f.bySource) lines.push(`  ${(g.source || '(none)').padEnd(24)} ${stepsLine(g.steps)}`)
    lines.push('', 'By cohort month')
    for (const g of f.byCohort) lines.push(`  ${g.month}  ${stepsLine(g.steps)}`)
    return lines.join('\n')
  },
}

REPORTS.push(handoffReport, funnelReportCommand)
