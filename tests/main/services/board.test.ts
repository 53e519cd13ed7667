import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NewAction } from '../../../src/shared/board'
import { undoBatch } from '../../../src/main/db/repos/undo'
import { BoardService, nextOnCadence, parseMeetingTime } from '../../../src/main/services/board'
import { getSettings, saveSettings } from '../../../src/main/services/settings'
import { testWorkspace, dump, type TestWorkspace } from '../../helpers/import'
import { insertLeads, insertOpportunities } from '../../helpers/leads'
import { importLeads, importOpportunities, importTargets } from '../../helpers/targets'

let ws: TestWorkspace
let board: BoardService
beforeEach(async () => {
  ws = await testWorkspace()
  board = new BoardService({ db: ws.db })
})
afterEach(() => ws.db.close())

/** Instants in New York (the default workspace zone, UTC-4 in summer). */
const at = (local: string): Date => new Date(`${local}-04:00`)
const item = (title: string, over: Partial<NewAction> = {}): NewAction => ({
  title,
  notes: '',
  owner: '',
  team: 'joint',
  dueDate: null,
  link: null,
  ...over,
})

describe('meetings and carry-over', () => {
  it('carries open items into the next meeting, not those closed in the meeting; due on the meeting day is slipped', () => {
    const m1 = board.startMeeting({ title: 'Sync 1', at: '2025-08-01T10:00' }, at('2025-08-01T10:00:00'))
    const closed = board.createItem(item('Closed during the meeting', { dueDate: '2025-08-01' }), at('2025-08-01T10:05:00'))
    const dueToday = board.createItem(item('Due on the meeting day', { dueDate: '2025-08-01', owner: 'Ana' }), at('2025-08-01T10:06:00'))
    const later = board.createItem(item('Due later', { dueDate: '2025-08-20' }), at('2025-08-01T10:07:00'))
    expect(dueToday).toMatchObject({ meetingId: m1.id, createdIn: m1.id, timesCarried: 0 })
    board.editItem(closed.id, { status: 'done' }, at('2025-08-01T10:30:00'))

    const { next, carried } = board.endMeeting(m1.id, at('2025-08-01T11:00:00'))
    expect(carried).toBe(2)
    // The next meeting is proposed on the cadence (14 days, same weekday and time).
    expect(next).toMatchObject({ state: 'planned', scheduledAt: '2025-08-15T10:00', title: 'Sync 1' })
    const byId = new Map(board.meetingItems(next.id).map((i) => [i.id, i]))
    expect([...byId.keys()].sort()).toEqual([dueToday.id, later.id].sort())
    expect(byId.get(dueToday.id)).toMatchObject({
      timesCarried: 1,
      carries: [{ meetingId: m1.id, meetingTitle: 'Sync 1', meetingDate: '2025-08-01', dueDate: '2025-08-01', slipped: true }],
    })
    expect(byId.get(later.id)?.carries).toEqual([
      { meetingId: m1.id, meetingTitle: 'Sync 1', meetingDate: '2025-08-01', dueDate: '2025-08-20', slipped: false },
    ])
    expect(board.meetingItems(m1.id).find((i) => i.id === closed.id)).toMatchObject({ status: 'done', timesCarried: 0, meetingId: m1.id })

    // A second meeting: the item due later slips its new due date and is carried twice.
    board.editItem(later.id, { dueDate: '2025-08-14' }, at('2025-08-10T09:00:00'))
    const m2 = board.startMeeting({}, at('2025-08-15T10:00:00'))
    expect(m2.id).toBe(next.id)
    board.endMeeting(m2.id, at('2025-08-15T11:00:00'))
    const twice = board.view(undefined, at('2025-08-16T09:00:00')).items.find((i) => i.id === later.id)
    expect(twice).toMatchObject({ timesCarried: 2 })
    expect(twice?.carries.map((c) => [c.meetingDate, c.dueDate, c.slipped])).toEqual([
      ['2025-08-01', '2025-08-20', false],
      ['2025-08-15', '2025-08-14', true],
    ])
    expect(board.report('2025-08-16').byOwner['']).toMatchObject({ open: 1, overdue: 1, carriedTwiceOrMore: 1, doneOnTime: 1 })
  })

  it('refuses to end a meeting twice, or one not started, and changes nothing', () => {
    const m = board.startMeeting({}, at('2025-08-01T10:00:00'))
    board.createItem(item('Open'), at('2025-08-01T10:01:00'))
    board.endMeeting(m.id, at('2025-08-01T11:00:00'))
    const before = [dump(ws.db, 'meetings'), dump(ws.db, 'action_items'), dump(ws.db, 'action_carries')]
    expect(() => board.endMeeting(m.id)).toThrow(/has already ended; a meeting is ended once/)
    const planned = board.view().current
    expect(() => board.endMeeting(planned!.id)).toThrow(/has not started/)
    expect(() => board.endMeeting(999)).toThrow(/Meeting #999 does not exist/)
    expect([dump(ws.db, 'meetings'), dump(ws.db, 'action_items'), dump(ws.db, 'action_carries')]).toEqual(before)
  })

  it('refuses bad input with one line and keeps the board as it was', () => {
    board.createItem(item('Exists', { owner: 'Ana' }))
    const before = dump(ws.db, 'action_items')
    expect(() => board.createItem(item('   '))).toThrow('An action item needs a title.')
    expect(() => board.createItem(item('x', { dueDate: '2025-02-30' }))).toThrow('Due date "2025-02-30" is not a date (write YYYY-MM-DD).')
    expect(() => board.view({ owner: 'Nobody', team: null, meetingId: null, overdueOnly: false })).toThrow(
      /No action item is owned by "Nobody"/,
    )
    expect(() => board.startMeeting({ at: 'next tuesday' })).toThrow(
      '"next tuesday" is not a date and time (write 2025-08-15T10:00 or 2025-08-15).',
    )
    board.startMeeting({}, at('2025-08-01T10:00:00'))
    expect(() => board.startMeeting({}, at('2025-08-01T10:30:00'))).toThrow(/still in progress/)
    expect(dump(ws.db, 'action_items').length).toBe(before.length)
  })

  it('brings the items waiting for the next meeting into it when it starts', () => {
    const waiting = board.createItem(item('From the Handoff view'), at('2025-07-30T09:00:00'))
    expect(waiting).toMatchObject({ meetingId: null, createdIn: null })
    const m = board.startMeeting({}, at('2025-08-01T10:00:00'))
    expect(board.meetingItems(m.id).map((i) => i.id)).toEqual([waiting.id])
  })

  it('moves cards between columns and before one another, recording when an item was done', () => {
    const a = board.createItem(item('A'))
    const b = board.createItem(item('B'))
    const c = board.createItem(item('C'))
    board.moveItem(c.id, 'todo', a.id)
    expect(board.view().items.map((i) => i.title)).toEqual(['C', 'A', 'B'])
    const done = board.moveItem(b.id, 'done', null, at('2025-08-02T12:00:00'))
    expect(done).toMatchObject({ status: 'done', doneAt: '2025-08-02T16:00:00.000Z' })
    expect(board.moveItem(b.id, 'in_progress', null)).toMatchObject({ status: 'in_progress', doneAt: null })
    expect(() => board.moveItem(4242, 'done', null)).toThrow(/#4242 no longer exists/)
  })

  it('puts overdue items first and filters by owner, team and overdue', () => {
    board.createItem(item('Not due', { owner: 'Ana', team: 'sales' }))
    board.createItem(item('Overdue', { owner: 'Ben', team: 'marketing', dueDate: '2025-07-01' }))
    const now = at('2025-08-01T10:00:00')
    expect(board.view(undefined, now).items.map((i) => i.title)).toEqual(['Overdue', 'Not due'])
    expect(board.view({ owner: 'Ana', team: null, meetingId: null, overdueOnly: false }, now).items.map((i) => i.title)).toEqual([
      'Not due',
    ])
    expect(board.view({ owner: null, team: 'marketing', meetingId: null, overdueOnly: false }, now).items.map((i) => i.title)).toEqual([
      'Overdue',
    ])
    expect(board.view({ owner: null, team: null, meetingId: null, overdueOnly: true }, now).items.map((i) => i.title)).toEqual(['Overdue'])
  })

  it('undoes a delete with everything the item had: id, meeting, link and its number then, carries and slip history', () => {
    const m1 = board.startMeeting({ title: 'Sync 1', at: '2025-08-01T10:00' }, at('2025-08-01T10:00:00'))
    const carried = board.createItem(
      item('Backlog to zero', {
        owner: 'Ana',
        team: 'sales',
        dueDate: '2025-08-01',
        link: { kind: 'metric', id: 'backlog', label: 'Backlog' },
      }),
      at('2025-08-01T10:05:00'),
    )
    const other = board.createItem(item('Stays'), at('2025-08-01T10:06:00'))
    const { next } = board.endMeeting(m1.id, at('2025-08-01T11:00:00'))
    const m2 = board.startMeeting({}, at('2025-08-15T10:00:00'))
    expect(m2.id).toBe(next.id)
    const now = at('2025-08-15T10:10:00')
    const before = board.view(undefined, now)
    const was = before.items.find((i) => i.id === carried.id)
    expect(was).toMatchObject({ timesCarried: 1, createdIn: m1.id, meetingId: m2.id, carries: [{ meetingId: m1.id, slipped: true }] })

    expect(board.removeItem(carried.id, now)).toBeNull()
    const without = board.view(undefined, now)
    expect(without.items.map((i) => i.id)).toEqual([other.id])
    expect(board.report('2025-08-15')).toMatchObject({ open: 1, carried: 1 })
    expect(() => board.editItem(carried.id, { title: 'Edited while deleted' })).toThrow(/no longer exists/)

    const restored = board.restoreItem(carried.id)
    expect(restored).toEqual(was)
    const after = board.view(undefined, now)
    expect(after.items).toEqual(before.items)
    expect(after.links[carried.id]).toEqual(before.links[carried.id])
    expect(after.accountability).toEqual(before.accountability)
    expect(() => board.restoreItem(carried.id)).toThrow(/is not deleted/)

    // Ending the meeting makes a delete final: the item is not carried and cannot come back.
    board.removeItem(other.id, now)
    expect(board.endMeeting(m2.id, at('2025-08-15T11:00:00')).carried).toBe(1)
    expect(() => board.restoreItem(other.id)).toThrow(/can no longer be restored: its meeting has ended/)
    expect(ws.db.prepare('SELECT count(*) AS n FROM action_items WHERE id = ?').get(other.id)).toEqual({ n: 0 })
  })

  it('undoes a creation by deleting the new item and redoes it by restoring it under the same id', () => {
    const a = board.createItem(item('Captured by mistake', { owner: 'Ben' }), at('2025-08-01T09:00:00'))
    board.removeItem(a.id)
    // A new item does not take the id of the deleted one, so its undo history stays valid.
    const b = board.createItem(item('Another'), at('2025-08-01T09:01:00'))
    expect(b.id).not.toBe(a.id)
    expect(board.view().owners).toEqual([])
    expect(board.restoreItem(a.id)).toEqual(a)
    expect(board.view().owners).toEqual(['Ben'])
  })

  it('proposes the next meeting on the cadence, weekday and time kept, never in the past', () => {
    expect(nextOnCadence('2025-08-01T10:00', 14, '2025-08-02')).toBe('2025-08-15T10:00')
    expect(nextOnCadence('2025-08-01T10:00', 14, '2025-09-01')).toBe('2025-09-12T10:00')
    expect(parseMeetingTime('2025-08-15')).toBe('2025-08-15T09:00')
    expect(parseMeetingTime('2025-08-15 14:30')).toBe('2025-08-15T14:30')
  })
})

describe('the snapshot', () => {
  it('is frozen when the meeting starts: a later import and its undo do not change it, and items survive the undo', async () => {
    await importTargets(ws, [['2025-Q3', 100000, '', '']])
    await importOpportunities(ws, [['o1', 'Closed Won', 30000, 'USD', '2025-07-10', 'Webinar', null, null]])
    const m = board.startMeeting({ title: 'Q3 check' }, at('2025-08-15T10:00:00'))
    const frozen = structuredClone(m.snapshot!)
    expect(frozen.targets).toMatchObject({ period: '2025-Q3', target: 100000, closedWon: 30000, attainment: 0.3 })
    expect(frozen.targets.bySource.marketing.closedWon).toBe(30000)
    expect(frozen.settings.currency).toBe('USD')

    const later = await importOpportunities(ws, [['o2', 'Closed Won', 50000, 'USD', '2025-08-01', 'Outbound', null, null]])
    const leads = await importLeads(ws, [['L1', 'Webinar', '2025-08-15 11:00', null, null]])
    const lead = ws.db.prepare("SELECT id FROM leads WHERE external_id = 'L1'").get() as { id: number }
    const linked = board.createItem(
      item('Call Lena', { link: { kind: 'lead', id: String(lead.id), label: 'Lena' } }),
      at('2025-08-15T10:30:00'),
    )
    expect(board.meeting(m.id).snapshot).toEqual(frozen)
    undoBatch(ws.db, later.batchId!)
    expect(board.meeting(m.id).snapshot).toEqual(frozen)
    expect(board.report().snapshot).toEqual(frozen)

    // Settings changed after the meeting (another currency and fiscal year, no stage rules) leave it as presented.
    const settings = getSettings(ws.db).settings
    saveSettings(ws.db, { ...settings, currency: 'EUR', fiscalYearStartMonth: 4, stages: [] })
    expect(getSettings(ws.db).settings.currency).toBe('EUR')
    expect(board.meeting(m.id).snapshot).toEqual(frozen)
    expect(board.report().snapshot).toEqual(frozen)
    saveSettings(ws.db, settings)

    // Undoing the import of a linked lead keeps the item and its label.
    undoBatch(ws.db, leads.batchId!)
    expect(ws.db.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 0 })
    const v = board.view(undefined, at('2025-08-16T10:00:00'))
    expect(v.items.find((i) => i.id === linked.id)?.link).toEqual({ kind: 'lead', id: String(lead.id), label: 'Lena' })
    expect(v.links[linked.id]).toMatchObject({ now: null, missing: expect.stringMatching(/no longer in the workspace/) })
  })
})

describe('since last meeting', () => {
  it('matches a hand-computed fixture', async () => {
    // Target 100,000 for Q3; 20,000 won before meeting 1, 15,000 more before meeting 2.
    await importTargets(ws, [['2025-Q3', 100000, '', '']])
    await importOpportunities(ws, [['w1', 'Closed Won', 20000, 'USD', '2025-07-20', null, null, null]])
    // Leads (grade A: 4 h limit; no grade: 72 h). Meeting 1 at 2025-08-01 10:00 EDT (14:00Z).
    insertLeads(ws.db, [
      // Breached at both meetings: not new.
      { external_id: 'b-old', grade: 'A', handed_off_at: '2025-08-01T08:00:00.000Z' },
      // Handed off between the meetings and breached at meeting 2: new MQL, new breach.
      { external_id: 'b-new', grade: 'A', handed_off_at: '2025-08-10T12:00:00.000Z' },
      // Handed off between, worked in time: new MQL only.
      { external_id: 'ok', grade: 'A', handed_off_at: '2025-08-12T12:00:00.000Z', first_touch_at: '2025-08-12T13:00:00.000Z' },
      // Handed off before meeting 1, not yet past 72 h then, past it at meeting 2: new breach, not a new MQL.
      { external_id: 'slow', handed_off_at: '2025-07-31T14:00:00.000Z' },
    ])
    const m1 = board.startMeeting({ title: 'One' }, at('2025-08-01T10:00:00'))
    expect(m1.snapshot?.sinceLast).toBeNull()
    const closed = board.createItem(item('Closed between', { dueDate: '2025-08-05' }), at('2025-08-01T10:10:00'))
    board.createItem(item('Slips', { dueDate: '2025-08-05' }), at('2025-08-01T10:11:00'))
    board.createItem(item('Not yet due', { dueDate: '2025-09-30' }), at('2025-08-01T10:12:00'))
    board.endMeeting(m1.id, at('2025-08-01T11:00:00'))
    board.editItem(closed.id, { status: 'done' }, at('2025-08-06T09:00:00'))
    await importOpportunities(ws, [['w2', 'Closed Won', 15000, 'USD', '2025-08-10', null, null, null]])

    const m2 = board.startMeeting({}, at('2025-08-15T10:00:00'))
    const s1 = m1.snapshot!.targets
    const s2 = m2.snapshot!.targets
    expect(s1.attainment).toBeCloseTo(0.2)
    expect(s2.attainment).toBeCloseTo(0.35)
    // Q3 has 92 days: 32 elapsed on Aug 1 (pace 0.2 / (32/92)), 46 on Aug 15 (0.35 / (46/92)).
    expect(s1.pace).toBeCloseTo(0.2 / (32 / 92))
    expect(m2.snapshot?.sinceLast).toEqual({
      previousMeetingId: m1.id,
      previousTitle: 'One',
      previousAsOf: '2025-08-01T14:00:00.000Z',
      attainmentChange: 15,
      paceChange: Math.round((0.35 / (46 / 92) - 0.2 / (32 / 92)) * 1000) / 10,
      newMqls: 2,
      newBreaches: 2,
      itemsClosed: 1,
      itemsSlipped: 1,
      itemsCarried: 2,
    })
  })
})

describe('links: the number then and now, and recovery', () => {
  it('tells when a lead was worked, an owner has no breached lead, a reason stopped, a deal was won, a metric is at its goal', async () => {
    insertLeads(ws.db, [
      { external_id: 'lead', name: 'Lena', grade: 'A', owner: 'Ana', handed_off_at: '2025-08-01T12:00:00.000Z' },
      { external_id: 'other', grade: 'A', owner: 'Ben', handed_off_at: '2025-08-01T12:00:00.000Z' },
      {
        external_id: 'rej',
        handed_off_at: '2025-07-01T12:00:00.000Z',
        rejected_at: '2025-07-20T12:00:00.000Z',
        rejection_reason: 'No budget',
      },
    ])
    insertOpportunities(ws.db, [{ external_id: 'deal', stage: 'Negotiation', close_date: '2025-08-30' }])
    const id = (table: string, ext: string): string =>
      String((ws.db.prepare(`SELECT id FROM ${table} WHERE external_id = ?`).get(ext) as { id: number }).id)
    const made = at('2025-08-02T09:00:00')
    const lead = board.createItem(item('Call Lena', { link: { kind: 'lead', id: id('leads', 'lead'), label: 'Lena' } }), made)
    const owner = board.createItem(item('Ana clears her backlog', { link: { kind: 'owner', id: 'Ana', label: 'Ana' } }), made)
    const ben = board.createItem(item('Ben too', { link: { kind: 'owner', id: 'Ben', label: 'Ben' } }), made)
    const reason = board.createItem(item('No budget', { link: { kind: 'reason', id: 'no budget', label: 'No budget' } }), made)
    const deal = board.createItem(
      item('Close the deal', { link: { kind: 'opportunity', id: id('opportunities', 'deal'), label: 'Deal' } }),
      made,
    )
    const backlog = board.createItem(item('Backlog to zero', { link: { kind: 'metric', id: 'backlog', label: 'Backlog' } }), made)

    let v = board.view(undefined, made)
    expect(v.links[lead.id]).toEqual({ then: 'waiting 25 hours', now: 'waiting 25 hours', recoveredSince: null, missing: null })
    expect(v.links[owner.id]).toMatchObject({ then: '1 breached lead', recoveredSince: null })
    expect(v.links[reason.id]).toMatchObject({ then: '1 rejection in 30 days', recoveredSince: null })
    expect(v.links[deal.id]).toMatchObject({ then: 'Negotiation, closes 2025-08-30', recoveredSince: null })
    expect(v.links[backlog.id]).toMatchObject({ then: '2 leads', recoveredSince: null })

    // Later: Lena is touched on Aug 5, Ana has no other lead, the deal is won, the backlog of 1 (Ben) remains.
    ws.db.prepare("UPDATE leads SET first_touch_at = '2025-08-05T14:00:00.000Z' WHERE external_id = 'lead'").run()
    ws.db.prepare("UPDATE opportunities SET stage = 'Closed Won', close_date = '2025-08-20' WHERE external_id = 'deal'").run()
    v = board.view(undefined, at('2025-08-25T09:00:00'))
    expect(v.links[lead.id]).toEqual({ then: 'waiting 25 hours', now: 'worked 2025-08-05', recoveredSince: '2025-08-05', missing: null })
    expect(v.links[owner.id]).toMatchObject({ then: '1 breached lead', now: '0 breached leads', recoveredSince: '2025-08-05' })
    expect(v.links[ben.id]).toMatchObject({ now: '1 breached lead', recoveredSince: null })
    // The last "No budget" rejection was on Jul 20: none in the 30 days up to Aug 25, since Aug 19.
    expect(v.links[reason.id]).toMatchObject({ now: '0 rejections in 30 days', recoveredSince: '2025-08-19' })
    expect(v.links[deal.id]).toMatchObject({ now: 'Closed Won, closes 2025-08-20', recoveredSince: '2025-08-20' })
    expect(v.links[backlog.id]).toMatchObject({ now: '1 lead', recoveredSince: null })
    ws.db.prepare("UPDATE leads SET first_touch_at = '2025-08-24T14:00:00.000Z' WHERE external_id = 'other'").run()
    v = board.view(undefined, at('2025-08-25T09:00:00'))
    expect(v.links[backlog.id]).toMatchObject({ now: '0 leads', recoveredSince: '2025-08-25' })
  })
})

describe('quick capture with a link', () => {
  it('links a captured item to the metric it names, with the number it had then; an unknown opportunity changes nothing', () => {
    const captured = board.capture('Get the SLA back @ana #sales link:sla', at('2025-08-01T10:00:00'))
    expect(captured).toMatchObject({
      title: 'Get the SLA back',
      owner: 'ana',
      team: 'sales',
      link: { kind: 'metric', id: 'slaAttainment', label: 'SLA attainment' },
    })
    const before = board.view(undefined, at('2025-08-01T10:01:00')).items.length
    expect(() => board.capture('Chase it opp:006-NOPE', at('2025-08-01T10:02:00'))).toThrow(/no opportunity with the CRM id "006-NOPE"/)
    expect(board.view(undefined, at('2025-08-01T10:03:00')).items).toHaveLength(before)
  })
})
