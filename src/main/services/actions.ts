import type { Database } from 'better-sqlite3'
import type { ActionItem, ActionStatus, NewAction } from '@shared/handoff'
import { AppError } from '../errors'
import { deleteAction, getAction, insertAction, listNextMeetingActions, updateActionStatus } from '../db/repos/actions'

/** Action items waiting for the next meeting: the part of the meeting board "Add to next meeting" needs. */

const gone = (id: number): AppError => new AppError('NOT_FOUND', `Action item #${id} no longer exists; it may have been deleted.`)

export function listActions(db: Database): ActionItem[] {
  return listNextMeetingActions(db)
}

export function createAction(db: Database, item: NewAction, now = new Date()): ActionItem {
  return insertAction(db, item, now.toISOString())
}

export function setActionStatus(db: Database, id: number, status: ActionStatus, now = new Date()): ActionItem {
  if (!updateActionStatus(db, id, status, now.toISOString())) throw gone(id)
  return getAction(db, id) as ActionItem
}

export function removeAction(db: Database, id: number): null {
  if (!deleteAction(db, id)) throw gone(id)
  return null
}
