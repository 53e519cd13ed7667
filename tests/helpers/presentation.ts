import { periodOf, periodRange } from '../../src/shared/time/periods'
import { todayIn } from '../../src/shared/time/zones'
import type { BoardService } from '../../src/main/services/board'
import type { TestWorkspace } from './import'
import { insertLeads } from './leads'
import { importTable, importTargets } from './targets'

/**
 * A workspace for presentation mode whose rep names, account names and amounts are distinctive, so that
 * a test can search a whole payload (or a page) for them. Dates are relative to `now` (the workspace's
 * default zone, New York): this quarter has a target, two won deals, an open one; leads were handed off
 * in the last days, some breached; two meetings were held, so that "since last meeting" has numbers.
 */
export const FIXTURE = {
  reps: ['Priya Raman', 'Tomasz Wojcik', 'Lena Okafor'],
  accounts: ['Globex Corporation', 'Initech Holdings', 'Umbrella Health'],
  /** Deal amounts and the target (home-currency major units). */
  amounts: [137_500, 86_250, 241_000],
  target: 650_000,
} as const

const TZ = 'America/New_York'

export async function seedPresentation(ws: TestWorkspace, board: BoardService, now: Date): Promise<void> {
  const today = todayIn(TZ, now)
  const quarter = periodOf(today, 'quarter', 1)
  const range = periodRange(quarter, 1)
  await importTargets(ws, [[quarter, FIXTURE.target, '', '']])
  const [priya, tomasz, lena] = FIXTURE.reps
  const [globex, initech, umbrella] = FIXTURE.accounts
  const [a1, a2, a3] = FIXTURE.amounts
  await importTable(
    ws,
    'opportunities',
    ['external_id', 'name', 'account', 'owner', 'stage', 'amount', 'currency', 'close_date', 'lead_source'],
    [
      ['OPP-1', `${globex} renewal`, globex, priya, 'Closed Won', a1, 'USD', range.start, 'Webinar'],
      ['OPP-2', `${initech} expansion`, initech, tomasz, 'Closed Won', a2, 'USD', today, 'Outbound'],
      ['OPP-3', `${umbrella} new logo`, umbrella, lena, 'Negotiation', a3, 'USD', range.end, 'Webinar'],
    ],
    'crm',
  )
  const hoursAgo = (h: number): string => new Date(now.getTime() - h * 3_600_000).toISOString()
  insertLeads(ws.db, [
    { external_id: 'L1', name: 'Lead One', company: globex, grade: 'A', owner: priya, handed_off_at: hoursAgo(30) },
    { external_id: 'L2', name: 'Lead Two', company: initech, grade: 'B', owner: tomasz, handed_off_at: hoursAgo(80) },
    { external_id: 'L3', name: 'Lead Three', company: umbrella, grade: 'B', owner: tomasz, handed_off_at: hoursAgo(60) },
    {
      external_id: 'L4',
      name: 'Lead Four',
      company: umbrella,
      grade: 'C',
      owner: lena,
      handed_off_at: hoursAgo(50),
      accepted_at: hoursAgo(45),
      first_touch_at: hoursAgo(44),
    },
  ])
  // Two meetings: the second one's snapshot compares with the first.
  const first = board.startMeeting({ title: `Pipeline review with ${globex}` }, new Date(now.getTime() - 14 * 86_400_000))
  board.createItem(
    {
      title: `Send ${initech} the $${a2.toLocaleString('en-US')} quote`,
      notes: '',
      owner: priya as string,
      team: 'sales',
      dueDate: todayIn(TZ, new Date(now.getTime() - 3 * 86_400_000)),
      link: null,
    },
    new Date(now.getTime() - 14 * 86_400_000 + 60_000),
  )
  board.endMeeting(first.id, new Date(now.getTime() - 14 * 86_400_000 + 3_600_000))
  board.startMeeting({ title: 'Joint sync' }, new Date(now.getTime() - 60_000))
  board.createItem(
    { title: `Call ${lena} about ${umbrella}`, notes: '', owner: tomasz as string, team: 'joint', dueDate: null, link: null },
    new Date(now.getTime() - 30_000),
  )
}
