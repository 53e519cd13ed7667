import { createEvents, type EventAttributes } from 'ics'
import { LINK_LABEL, STATUS_LABEL, TEAM_LABEL, type ActionItem, type Meeting, type MeetingSnapshot } from '@shared/board'
import { addDays } from '@shared/time/calendar'
import { csvDocument } from '../csv'
import { AppError } from '../errors'

/**
 * Minutes of a meeting for people who do not use Tandem: Markdown (title, date, attendees, the snapshot
 * "as presented", since last meeting, decisions, action items by owner, carried items), the action
 * items as CSV (formula-looking cells neutralised by papaparse) and as an iCalendar file with one
 * all-day event per due date. The PDF is the renderer's print view of the same minutes.
 */

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`)
const money = (x: number, currency: string): string =>
  `${x.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })} ${currency}`
const signed = (x: number | null, unit: string): string => (x === null ? 'n/a' : `${x > 0 ? '+' : ''}${x.toFixed(1)} ${unit}`)

/** A Markdown table cell: pipes and line breaks would break the table. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

export function snapshotLines(s: MeetingSnapshot): string[] {
  const t = s.targets
  const h = s.handoff
  return [
    `| Number | As presented |`,
    `|---|---|`,
    `| Target ${t.period} | ${money(t.target, t.currency)} |`,
    `| Closed-won | ${money(t.closedWon, t.currency)} |`,
    `| Attainment | ${pct(t.attainment)} |`,
    `| Pace | ${pct(t.pace)} |`,
    `| Gap | ${money(t.gap, t.currency)} |`,
    `| Forecast | ${money(t.forecast, t.currency)} |`,
    `| Coverage | ${t.coverage === null ? 'n/a' : `${t.coverage.toFixed(2)}×`} |`,
    `| Marketing-sourced closed-won | ${money(t.bySource.marketing.closedWon, t.currency)} |`,
    `| MQLs ${h.fromDate} – ${h.toDate} | ${h.mqls} |`,
    `| Acceptance rate | ${pct(h.acceptanceRate)} |`,
    `| SLA attainment | ${pct(h.slaAttainment)} |`,
    `| Median hours to first touch | ${h.medianHoursToFirstTouch === null ? 'n/a' : h.medianHoursToFirstTouch.toFixed(1)} |`,
    `| Backlog | ${h.backlog} (${h.breached} breached) |`,
  ]
}

function byOwner(items: readonly ActionItem[]): [string, ActionItem[]][] {
  const groups = new Map<string, ActionItem[]>()
  for (const i of items) groups.set(i.owner, [...(groups.get(i.owner) ?? []), i])
  return [...groups].sort((a, b) => (a[0] === '' ? 1 : b[0] === '' ? -1 : a[0].localeCompare(b[0])))
}

export function minutesMarkdown(m: Meeting, items: readonly ActionItem[]): string {
  const lines = [`# ${m.title}`, '', `**Date:** ${m.scheduledAt.replace('T', ' ')}`, '']
  lines.push(`**Attendees:** ${m.attendees.length > 0 ? m.attendees.join(', ') : 'not recorded'}`, '')
  if (m.agenda.trim()) lines.push('## Agenda', '', m.agenda.trim(), '')
  const s = m.snapshot
  if (s) {
    lines.push(`## Numbers as presented (${s.asOf.slice(0, 16).replace('T', ' ')} UTC)`, '', ...snapshotLines(s), '')
    const d = s.sinceLast
    lines.push('## Since last meeting', '')
    if (d === null) lines.push('This was the first meeting with a snapshot.', '')
    else {
      lines.push(
        `Compared with "${d.previousTitle}" (${d.previousAsOf.slice(0, 10)}):`,
        '',
        `- Attainment ${signed(d.attainmentChange, 'points')}, pace ${signed(d.paceChange, 'points')}`,
        `- ${d.newMqls} new MQLs handed off, ${d.newBreaches} leads newly breached`,
        `- ${d.itemsClosed} items closed, ${d.itemsSlipped} slipped (open and past due), ${d.itemsCarried} still carried`,
        '',
      )
    }
  } else lines.push('_The meeting has not started: no numbers were frozen yet._', '')
  lines.push('## Decisions', '')
  if (m.decisions.length === 0) lines.push('None recorded.', '')
  else lines.push(...m.decisions.map((d) => `- ${d}`), '')
  if (m.notes.trim()) lines.push('## Notes', '', m.notes.trim(), '')
  lines.push('## Action items by owner', '')
  if (items.length === 0) lines.push('None.', '')
  for (const [owner, list] of byOwner(items)) {
    lines.push(`### ${owner || 'No owner'}`, '', '| Action | Team | Due | Status | Carried |', '|---|---|---|---|---|')
    for (const i of list) {
      lines.push(
        `| ${cell(i.title)}${i.link ? ` (${LINK_LABEL[i.link.kind]}: ${cell(i.link.label)})` : ''} | ${TEAM_LABEL[i.team]} | ${i.dueDate ?? '–'} | ${STATUS_LABEL[i.status]} | ${i.timesCarried > 0 ? `${i.timesCarried}×` : '–'} |`,
      )
    }
    lines.push('')
  }
  const carried = items.filter((i) => i.timesCarried > 0)
  lines.push('## Carried items', '')
  if (carried.length === 0) lines.push('None.', '')
  for (const i of carried) {
    const history = i.carries.map((c) => `${c.meetingDate} (due ${c.dueDate ?? 'none'}${c.slipped ? ', slipped' : ''})`).join('; ')
    lines.push(`- ${i.title}: carried over ${i.timesCarried} ${i.timesCarried === 1 ? 'time' : 'times'}${history ? ` — ${history}` : ''}`)
  }
  return `${lines.join('\n').trimEnd()}\n`
}

export const CSV_COLUMNS = [
  'id',
  'title',
  'owner',
  'team',
  'due_date',
  'status',
  'times_carried',
  'link',
  'notes',
  'created_at',
  'done_at',
] as const

/** Action items as CSV; a cell starting with =, +, -, @, tab or CR is neutralised (csv.ts). */
export function itemsCsv(items: readonly ActionItem[]): string {
  return csvDocument(
    CSV_COLUMNS,
    items.map((i) => [
      i.id,
      i.title,
      i.owner,
      i.team,
      i.dueDate ?? '',
      i.status,
      i.timesCarried,
      i.link ? `${LINK_LABEL[i.link.kind]}: ${i.link.label}` : '',
      i.notes,
      i.createdAt,
      i.doneAt ?? '',
    ]),
  )
}

const dateArray = (d: string): [number, number, number] => [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))]

/** One all-day event per due date of the open items, listing what is due (RFC 5545, by the `ics` package). */
export function itemsIcs(m: Meeting, items: readonly ActionItem[], stamp: Date): string {
  const byDue = new Map<string, ActionItem[]>()
  for (const i of items) if (i.dueDate !== null && i.status !== 'done') byDue.set(i.dueDate, [...(byDue.get(i.dueDate) ?? []), i])
  const events: EventAttributes[] = [...byDue]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([due, list]) => ({
      uid: `tandem-meeting-${m.id}-due-${due}@tandem.local`,
      title: `${list.length} action ${list.length === 1 ? 'item' : 'items'} due (${m.title})`,
      description: list
        .map((i) => `- ${i.title}${i.owner ? ` (${i.owner}, ${TEAM_LABEL[i.team]})` : ` (${TEAM_LABEL[i.team]})`}`)
        .join('\n'),
      start: dateArray(due),
      end: dateArray(addDays(due, 1)),
      transp: 'TRANSPARENT',
      created: stamp.getTime(),
      productId: 'tandem/minutes',
    }))
  if (events.length === 0)
    throw new AppError('NOT_FOUND', `No open action item of "${m.title}" has a due date; there is nothing to put in a calendar.`)
  const { error, value } = createEvents(events, { productId: 'tandem/minutes', calName: m.title })
  if (error || value === null) throw new AppError('INTERNAL', `The calendar file could not be written: ${error?.message ?? 'no output'}`)
  return value
}
