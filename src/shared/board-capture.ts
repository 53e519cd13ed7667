import { addDays, dayNumber, isoWeekday } from './time/calendar'
import { isIsoDate } from './settings'
import { ACTION_TEAMS, type ActionTeam, type LinkedMetric } from './board'

/**
 * Quick capture during a meeting: one typed line becomes an action item.
 * `Follow up EMEA webinar leads @rep7 #marketing due:fri` → title "Follow up EMEA webinar leads",
 * owner rep7, team marketing, due the coming Friday. `link:pace` (or attainment, sla, acceptance,
 * backlog) links the item to a metric, `opp:<CRM id>` to an opportunity. Each word is read on its own; a word that is not
 * understood (`#finance`, `due:someday`, a second `@owner`) stays in the title as typed, so nothing the
 * user wrote is lost.
 */

export interface Captured {
  title: string
  owner: string | null
  team: ActionTeam | null
  dueDate: string | null
  /** `link:<metric>`: the metric the item is linked to. */
  metric: LinkedMetric | null
  /** `opp:<id>`: the CRM id of the opportunity the item is linked to. */
  opportunity: string | null
}

/** The words `link:` takes for each metric an item can be linked to. */
export const METRIC_WORDS: Record<string, LinkedMetric> = {
  attainment: 'attainment',
  pace: 'pace',
  sla: 'slaAttainment',
  slaattainment: 'slaAttainment',
  acceptance: 'acceptanceRate',
  acceptancerate: 'acceptanceRate',
  backlog: 'backlog',
}

const WEEKDAYS: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
}

/**
 * A due date written after `due:`, relative to `today` (the workspace's local date): a date (YYYY-MM-DD),
 * `today`, `tomorrow`, a weekday (the next one after today: on a Friday, `fri` is a week later), `+3d`
 * or `+2w`. Null when it is none of these.
 */
export function parseDue(text: string, today: string): string | null {
  const t = text.trim().toLowerCase()
  if (isIsoDate(t)) return t
  if (t === 'today') return today
  if (t === 'tomorrow' || t === 'tmrw') return addDays(today, 1)
  const wd = WEEKDAYS[t]
  if (wd !== undefined) {
    const ahead = (wd - isoWeekday(dayNumber(today)) + 7) % 7
    return addDays(today, ahead === 0 ? 7 : ahead)
  }
  const rel = /^\+(\d{1,3})([dw])$/.exec(t)
  if (rel) return addDays(today, Number(rel[1]) * (rel[2] === 'w' ? 7 : 1))
  return null
}

export function parseCapture(line: string, today: string): Captured {
  const out: Captured = { title: '', owner: null, team: null, dueDate: null, metric: null, opportunity: null }
  const kept: string[] = []
  for (const word of line.trim().split(/\s+/).filter(Boolean)) {
    if (out.owner === null && /^@[^\s@]+$/.test(word)) {
      out.owner = word.slice(1)
      continue
    }
    const team = word.startsWith('#') ? word.slice(1).toLowerCase() : ''
    if (out.team === null && (ACTION_TEAMS as readonly string[]).includes(team)) {
      out.team = team as ActionTeam
      continue
    }
    const due = /^due:(.+)$/i.exec(word)
    if (out.dueDate === null && due) {
      const date = parseDue(due[1] as string, today)
      if (date !== null) {
        out.dueDate = date
        continue
      }
    }
    const link = /^link:(.+)$/i.exec(word)
    const metric = link ? METRIC_WORDS[(link[1] as string).toLowerCase().replace(/[-_]/g, '')] : undefined
    if (out.metric === null && out.opportunity === null && metric !== undefined) {
      out.metric = metric
      continue
    }
    const opp = /^opp:(\S+)$/i.exec(word)
    if (out.metric === null && out.opportunity === null && opp) {
      out.opportunity = opp[1] as string
      continue
    }
    kept.push(word)
  }
  out.title = kept.join(' ')
  return out
}
