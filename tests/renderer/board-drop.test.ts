import { describe, expect, it } from 'vitest'
import type { ActionItem, ActionStatus } from '../../src/shared/board'
import { dropTarget } from '../../src/renderer/src/features/board/Kanban'

const card = (id: number, status: ActionStatus): ActionItem =>
  ({
    id,
    status,
    title: `#${id}`,
    notes: '',
    owner: '',
    team: 'joint',
    dueDate: null,
    createdAt: '',
    updatedAt: '',
    doneAt: null,
    link: null,
    meetingId: null,
    createdIn: null,
    timesCarried: 0,
    carries: [],
    position: id,
  }) as ActionItem

const columns = { todo: [card(1, 'todo'), card(2, 'todo'), card(3, 'todo')], in_progress: [card(4, 'in_progress')], blocked: [], done: [] }

describe('where a dropped card lands', () => {
  it('on a column: at its end', () => {
    expect(dropTarget(columns, 1, 'col:done')).toEqual({ status: 'done', beforeId: null })
  })
  it('on a card of another column: before it', () => {
    expect(dropTarget(columns, 1, 'item:4')).toEqual({ status: 'in_progress', beforeId: 4 })
  })
  it('down its own column: after the card it is over; up: before it', () => {
    expect(dropTarget(columns, 1, 'item:2')).toEqual({ status: 'todo', beforeId: 3 })
    expect(dropTarget(columns, 1, 'item:3')).toEqual({ status: 'todo', beforeId: null })
    expect(dropTarget(columns, 3, 'item:1')).toEqual({ status: 'todo', beforeId: 1 })
  })
  it('on nothing it knows: nowhere', () => {
    expect(dropTarget(columns, 1, 'elsewhere')).toBeNull()
  })
})
