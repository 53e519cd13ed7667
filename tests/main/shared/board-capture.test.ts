import { describe, expect, it } from 'vitest'
import { parseCapture, parseDue } from '../../../src/shared/board-capture'

// 2025-08-13 is a Wednesday.
const TODAY = '2025-08-13'

describe('quick capture', () => {
  it('reads owner, team and due date from one line and keeps the rest as the title', () => {
    expect(parseCapture('Follow up EMEA webinar leads @rep7 #marketing due:fri', TODAY)).toEqual({
      title: 'Follow up EMEA webinar leads',
      owner: 'rep7',
      team: 'marketing',
      dueDate: '2025-08-15',
      metric: null,
      opportunity: null,
    })
  })

  it('links to a metric with link:<metric> or to an opportunity with opp:<CRM id>, one link per item', () => {
    expect(parseCapture('Get pace back link:pace #sales', TODAY)).toMatchObject({
      title: 'Get pace back',
      team: 'sales',
      metric: 'pace',
      opportunity: null,
    })
    expect(parseCapture('SLA review link:SLA', TODAY)).toMatchObject({ title: 'SLA review', metric: 'slaAttainment' })
    expect(parseCapture('Chase the renewal opp:006A1 link:backlog', TODAY)).toMatchObject({
      title: 'Chase the renewal link:backlog',
      metric: null,
      opportunity: '006A1',
    })
    expect(parseCapture('Fix it link:revenue', TODAY)).toMatchObject({ title: 'Fix it link:revenue', metric: null, opportunity: null })
  })

  it('leaves what it does not understand in the title', () => {
    expect(parseCapture('Fix #finance report due:someday @ana @ben', TODAY)).toEqual({
      title: 'Fix #finance report due:someday @ben',
      owner: 'ana',
      team: null,
      dueDate: null,
      metric: null,
      opportunity: null,
    })
    expect(parseCapture('   ', TODAY)).toEqual({ title: '', owner: null, team: null, dueDate: null, metric: null, opportunity: null })
  })

  it('reads dates, weekdays (the next one after today), today, tomorrow and +Nd/+Nw', () => {
    expect(parseDue('2025-09-01', TODAY)).toBe('2025-09-01')
    expect(parseDue('2025-02-30', TODAY)).toBeNull()
    expect(parseDue('today', TODAY)).toBe(TODAY)
    expect(parseDue('Tomorrow', TODAY)).toBe('2025-08-14')
    expect(parseDue('wed', TODAY)).toBe('2025-08-20')
    expect(parseDue('monday', TODAY)).toBe('2025-08-18')
    expect(parseDue('+3d', TODAY)).toBe('2025-08-16')
    expect(parseDue('+2w', TODAY)).toBe('2025-08-27')
    expect(parseDue('soon', TODAY)).toBeNull()
    expect(parseCapture('Plan Q4 #JOINT DUE:+1w', TODAY)).toEqual({
      title: 'Plan Q4',
      owner: null,
      team: 'joint',
      dueDate: '2025-08-20',
      metric: null,
      opportunity: null,
    })
  })
})
