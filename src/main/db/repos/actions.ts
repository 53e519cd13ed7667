import type { Database } from 'better-sqlite3'
import type { ActionItem, ActionLinkKind, ActionStatus, ActionTeam, NewAction } from '@shared/handoff'

interface ActionRow {
  id: number
  title: string
  notes: string
  owner: string
  team: ActionTeam
  due_date: string | null
  status: ActionStatus
  created_at: string
  updated_at: string
  link_kind: ActionLinkKind | null
  link_id: string | null
  link_label: string | null
  meeting_id: number | null
}

function toItem(r: ActionRow): ActionItem {
  return {
    id: r.id,
    title: r.title,
    notes: r.notes,
    owner: r.owner,
    team: r.team,
    dueDate: r.due_date,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    link: r.link_kind === null ? null : { kind: r.link_kind, id: r.link_id ?? '', label: r.link_label ?? '' },
    meetingId: r.meeting_id,
  }
}

export function getAction(db: Database, id: number): ActionItem | undefined {
  const row = db.prepare('SELECT * FROM action_items WHERE id = ?').get(id) as ActionRow | undefined
  return row ? toItem(row) : undefined
}

/**
 * Items waiting for the next meeting (not yet in one): open ones first, then by due date (those without
 * one last), then oldest first.
 */
export function listNextMeetingActions(db: Database): ActionItem[] {
  return (
    db
      .prepare(
        `SELECT * FROM action_items WHERE meeting_id IS NULL
          ORDER BY status = 'done', due_date IS NULL, due_date, created_at, id`,
      )
      .all() as ActionRow[]
  ).map(toItem)
}

export function insertAction(db: Database, a: NewAction, at: string): ActionItem {
  const id = Number(
    db
      .prepare(
        `INSERT INTO action_items (title, notes, owner, team, due_date, status, created_at, updated_at, link_kind, link_id, link_label)
         VALUES (?, ?, ?, ?, ?, 'todo', ?, ?, ?, ?, ?)`,
      )
      .run(a.title, a.notes, a.owner, a.team, a.dueDate, at, at, a.link?.kind ?? null, a.link?.id ?? null, a.link?.label ?? null)
      .lastInsertRowid,
  )
  return getAction(db, id) as ActionItem
}

/** Returns false when there is no such item. */
export function updateActionStatus(db: Database, id: number, status: ActionStatus, at: string): boolean {
  return db.prepare('UPDATE action_items SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id).changes > 0
}

/** Returns false when there is no such item. */
export function deleteAction(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM action_items WHERE id = ?').run(id).changes > 0
}
