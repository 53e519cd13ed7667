import type { Accountability, BoardReport } from '@shared/board'
import { REPORTS } from './registry'

/**
 * `report board [--as-of YYYY-MM-DD]`: open, overdue and carried items, accountability by owner and team,
 * and the newest meeting's snapshot and since-last-meeting, from the same service as the Board view.
 */

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`)
const pts = (x: number | null): string => (x === null ? 'n/a' : `${x > 0 ? '+' : ''}${x.toFixed(1)} points`)
const row = (name: string, a: Accountability): string =>
  `  ${name.padEnd(20)} ${String(a.open).padStart(5)} ${String(a.overdue).padStart(8)} ${String(a.doneOnTime).padStart(12)} ${String(a.doneLate).padStart(9)} ${String(a.carriedTwiceOrMore).padStart(9)}`

export function boardText(r: BoardReport): string {
  const head = `  ${''.padEnd(20)} ${'open'.padStart(5)} ${'overdue'.padStart(8)} ${'done on time'.padStart(12)} ${'done late'.padStart(9)} ${'carried 2+'.padStart(9)}`
  const lines = [`Board as of ${r.asOf}: ${r.open} open, ${r.overdue} overdue, ${r.carried} carried at least once`, '', 'By team', head]
  for (const [team, a] of Object.entries(r.byTeam)) lines.push(row(team, a))
  lines.push('', 'By owner', head)
  for (const [owner, a] of Object.entries(r.byOwner)) lines.push(row(owner || '(no owner)', a))
  if (r.meeting) {
    lines.push(
      '',
      `Newest meeting: #${r.meeting.id} "${r.meeting.title}" ${r.meeting.scheduledAt.replace('T', ' ')} (${r.meeting.state.replace('_', ' ')})`,
    )
    if (r.snapshot) {
      const t = r.snapshot.targets
      const h = r.snapshot.handoff
      lines.push(
        `  as presented ${r.snapshot.asOf}: attainment ${pct(t.attainment)}, pace ${pct(t.pace)} (${t.period}); ${h.mqls} MQLs, acceptance ${pct(h.acceptanceRate)}, SLA ${pct(h.slaAttainment)}, backlog ${h.backlog} (${h.breached} breached)`,
      )
    }
    const d = r.sinceLast
    if (d) {
      lines.push(
        `  since "${d.previousTitle}": attainment ${pts(d.attainmentChange)}, pace ${pts(d.paceChange)}, ${d.newMqls} new MQLs, ${d.newBreaches} new breaches, ${d.itemsClosed} closed, ${d.itemsSlipped} slipped, ${d.itemsCarried} carried`,
      )
    }
  }
  return lines.join('\n')
}

REPORTS.push({
  name: 'board',
  usage: '[--as-of YYYY-MM-DD]',
  options: { 'as-of': { type: 'string' } },
  run(services, values, now) {
    const asOf = values['as-of']
    return services.board.report(typeof asOf === 'string' ? asOf : undefined, now)
  },
  text: (result) => boardText(result as BoardReport),
})
