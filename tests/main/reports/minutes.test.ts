import ICAL from 'ical.js'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { ActionItem, Meeting } from '../../../src/shared/board'
import { itemsCsv, itemsIcs, minutesMarkdown } from '../../../src/main/reports/minutes'

const meeting: Meeting = {
  id: 3,
  title: 'Joint sync; Q3',
  scheduledAt: '2025-08-15T10:00',
  attendees: ['Ana', 'Ben'],
  agenda: 'Pipeline',
  notes: '',
  decisions: ['Webinar leads go to the SDR team'],
  startedAt: '2025-08-15T14:00:00.000Z',
  endedAt: null,
  state: 'in_progress',
  snapshot: null,
}

const base: ActionItem = {
  id: 1,
  title: 'Call back',
  notes: '',
  owner: 'Ana',
  team: 'sales',
  dueDate: '2025-08-20',
  status: 'todo',
  createdAt: '2025-08-15T14:05:00.000Z',
  updatedAt: '2025-08-15T14:05:00.000Z',
  doneAt: null,
  link: null,
  meetingId: 3,
  createdIn: 3,
  timesCarried: 0,
  carries: [],
  position: 1,
}

describe('action items as CSV', () => {
  it('neutralises every cell that starts like a formula (=, +, -, @, tab, CR) and reads back', () => {
    const hostile = ['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)', '\tTab', '\rCR']
    const items = hostile.map((title, i) => ({ ...base, id: i + 1, title, owner: i === 0 ? '=cmd|calc' : 'Ana' }))
    const rows = Papa.parse<string[]>(itemsCsv(items), { skipEmptyLines: true }).data
    expect(rows[0]).toEqual([
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
    ])
    expect(rows.slice(1).map((r) => r[1])).toEqual(hostile.map((t) => `'${t}`))
    expect(rows[1]![2]).toBe("'=cmd|calc")
    expect(rows[2]![4]).toBe('2025-08-20')
  })
})

describe('action items as iCalendar', () => {
  const items: ActionItem[] = [
    { ...base, id: 1, title: 'Call back, today; please' },
    { ...base, id: 2, title: 'Second on the same day', owner: '', team: 'joint' },
    { ...base, id: 3, title: 'Later', dueDate: '2025-08-31' },
    { ...base, id: 4, title: 'Done: not in the calendar', status: 'done', doneAt: '2025-08-16T00:00:00.000Z', dueDate: '2025-08-25' },
    { ...base, id: 5, title: 'No due date', dueDate: null },
  ]

  /** The file parsed back by ical.js (a maintained RFC 5545 parser), which throws on a malformed one. */
  const parse = (text: string): ICAL.Component => new ICAL.Component(ICAL.parse(text))

  it('writes one all-day event per due date of the open items, which ical.js reads back', () => {
    const before = Date.now()
    const text = itemsIcs(meeting, items, new Date('2025-08-15T14:30:00Z'))
    const after = Date.now()
    // What a lenient parser lets pass and RFC 5545 does not: CRLF line ends, lines folded at 75 octets.
    expect(text.endsWith('\r\n')).toBe(true)
    for (const line of text.slice(0, -2).split('\r\n')) {
      expect(line).not.toMatch(/[\r\n]/)
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    }
    const cal = parse(text)
    expect(cal.name).toBe('vcalendar')
    expect(cal.getFirstPropertyValue('version')).toBe('2.0')
    expect(cal.getFirstPropertyValue('prodid')).toBeTruthy()
    expect(cal.getAllSubcomponents('vtodo')).toEqual([])
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c))
    // All-day: DATE values (no time, no zone: the same day wherever the calendar is), the end exclusive.
    expect(events.map((e) => [e.startDate.isDate, e.startDate.toString(), e.endDate.isDate, e.endDate.toString()])).toEqual([
      [true, '2025-08-20', true, '2025-08-21'],
      [true, '2025-08-31', true, '2025-09-01'],
    ])
    expect(events.map((e) => e.startDate.zone?.tzid)).toEqual(['floating', 'floating'])
    expect(events.map((e) => e.summary)).toEqual(['2 action items due (Joint sync; Q3)', '1 action item due (Joint sync; Q3)'])
    // The description lists the items due that day: title, owner and team, comma and semicolon unescaped.
    expect(events[0]!.description).toBe('- Call back, today; please (Ana, Sales)\n- Second on the same day (Joint)')
    expect(events[1]!.description).toBe('- Later (Ana, Sales)')
    // Instants are in UTC: CREATED is the export time given, DTSTAMP when the file was written (the ics
    // package's clock; the app gives it the same instant), to the second.
    for (const c of cal.getAllSubcomponents('vevent')) {
      const created = c.getFirstPropertyValue('created') as ICAL.Time
      expect(created.zone?.tzid).toBe('UTC')
      expect(created.toJSDate().toISOString()).toBe('2025-08-15T14:30:00.000Z')
      const stamp = c.getFirstPropertyValue('dtstamp') as ICAL.Time
      expect(stamp.zone?.tzid).toBe('UTC')
      expect(stamp.toJSDate().getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
      expect(stamp.toJSDate().getTime()).toBeLessThanOrEqual(after)
    }
    // The items' owners are names, not calendar addresses: no attendee is invented.
    expect(events.flatMap((e) => e.attendees)).toEqual([])
  })

  it("keeps each event's UID across exports, so a calendar updates its events instead of adding copies", () => {
    const uids = (text: string): string[] =>
      parse(text)
        .getAllSubcomponents('vevent')
        .map((c) => new ICAL.Event(c).uid)
    const first = uids(itemsIcs(meeting, items, new Date('2025-08-15T14:30:00Z')))
    expect(first).toEqual(['tandem-meeting-3-due-2025-08-20@tandem.local', 'tandem-meeting-3-due-2025-08-31@tandem.local'])
    // A day later, with an item renamed and one more due on the same day: the same events.
    const later = [
      { ...items[0]!, title: 'Call back (renamed)' },
      ...items.slice(1),
      { ...base, id: 6, title: 'Also then', dueDate: '2025-08-31' },
    ]
    expect(uids(itemsIcs(meeting, later, new Date('2025-08-16T09:00:00Z')))).toEqual(first)
    // Another meeting's export does not collide with this one's.
    expect(uids(itemsIcs({ ...meeting, id: 4 }, items, new Date('2025-08-15T14:30:00Z')))[0]).toBe(
      'tandem-meeting-4-due-2025-08-20@tandem.local',
    )
  })

  it('says so when no open item has a due date', () => {
    expect(() => itemsIcs(meeting, [{ ...base, dueDate: null }], new Date())).toThrow(/nothing to put in a calendar/)
  })
})

describe('minutes in Markdown', () => {
  it('lists the attendees, decisions, items by owner and carried items with their counts and history', () => {
    const md = minutesMarkdown(meeting, [
      { ...base, title: 'A | pipe' },
      {
        ...base,
        id: 2,
        owner: 'Ben',
        title: 'Carried one',
        timesCarried: 2,
        carries: [
          { meetingId: 1, meetingTitle: 'm1', meetingDate: '2025-07-18', dueDate: '2025-07-25', slipped: false },
          { meetingId: 2, meetingTitle: 'm2', meetingDate: '2025-08-01', dueDate: '2025-07-25', slipped: true },
        ],
      },
    ])
    expect(md).toContain('# Joint sync; Q3')
    expect(md).toContain('**Attendees:** Ana, Ben')
    expect(md).toContain('- Webinar leads go to the SDR team')
    expect(md).toContain('### Ana')
    expect(md).toContain('| A \\| pipe | Sales | 2025-08-20 | To do | – |')
    expect(md).toContain('- Carried one: carried over 2 times — 2025-07-18 (due 2025-07-25); 2025-08-01 (due 2025-07-25, slipped)')
    expect(md).toContain('_The meeting has not started: no numbers were frozen yet._')
  })
})
