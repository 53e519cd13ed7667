import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { ActionItem, Meeting } from '../../../src/shared/board'
import { itemsCsv, itemsIcs, minutesMarkdown } from '../../../src/main/reports/minutes'
import { parseIcal, prop } from '../../helpers/ical'

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
  it('writes one all-day event per due date of the open items, which parses back as RFC 5545', () => {
    const items: ActionItem[] = [
      { ...base, id: 1, title: 'Call back, today; please' },
      { ...base, id: 2, title: 'Second on the same day', owner: '', team: 'joint' },
      { ...base, id: 3, title: 'Later', dueDate: '2025-08-31' },
      { ...base, id: 4, title: 'Done: not in the calendar', status: 'done', doneAt: '2025-08-16T00:00:00.000Z', dueDate: '2025-08-25' },
      { ...base, id: 5, title: 'No due date', dueDate: null },
    ]
    const cal = parseIcal(itemsIcs(meeting, items, new Date('2025-08-15T14:30:00Z')))
    expect(cal.name).toBe('VCALENDAR')
    expect(prop(cal, 'VERSION')?.value).toBe('2.0')
    expect(prop(cal, 'PRODID')?.value).toBeTruthy()
    const events = cal.children.filter((c) => c.name === 'VEVENT')
    expect(events.map((e) => [prop(e, 'DTSTART')?.value, prop(e, 'DTSTART')?.params['VALUE'], prop(e, 'DTEND')?.value])).toEqual([
      ['20250820', 'DATE', '20250821'],
      ['20250831', 'DATE', '20250901'],
    ])
    for (const e of events) {
      expect(prop(e, 'UID')?.value).toMatch(/^tandem-meeting-3-due-/)
      expect(prop(e, 'DTSTAMP')?.value).toMatch(/^\d{8}T\d{6}Z$/)
    }
    expect(prop(events[0]!, 'SUMMARY')?.value).toBe('2 action items due (Joint sync; Q3)')
    expect(prop(events[0]!, 'DESCRIPTION')?.value).toBe('- Call back, today; please (Ana, Sales)\n- Second on the same day (Joint)')
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
