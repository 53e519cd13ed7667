import type { Database } from 'better-sqlite3'
import type {
  ActionItem,
  ActionLinkKind,
  ActionStatus,
  ActionTeam,
  CarryRecord,
  Meeting,
  MeetingSnapshot,
  MeetingState,
  NewAction,
} from '@shared/board'

/** The SQL of the meeting board: meetings, action items and their carry-over history. */

interface MeetingRow {
  id: number
  title: string
  scheduled_at: string
  attendees: string
  agenda: string
  notes: string
  decisions: string
  started_at: string | null
  ended_at: string | null
  snapshot: string | null
}

const stateOf = (r: { started_at: string | null; ended_at: string | null }): MeetingState =>
  r.ended_at !== null ? 'ended' : r.started_at !== null ? 'in_progress' : 'planned'

function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id,
    title: r.title,
    scheduledAt: r.scheduled_at,
    attendees: JSON.parse(r.attendees) as string[],
    agenda: r.agenda,
    notes: r.notes,
    decisions: JSON.parse(r.decisions) as string[],
    startedAt: r.started_at,
    endedAt: r.ended_at,
    state: stateOf(r),
    snapshot: r.snapshot === null ? null : (JSON.parse(r.snapshot) as MeetingSnapshot),
  }
}

export function getMeeting(db: Database, id: number): Meeting | undefined {
  const row = db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined
  return row ? toMeeting(row) : undefined
}

/** The meeting not yet ended (planned or in progress); there is at most one. */
export function openMeeting(db: Database): Meeting | undefined {
  const row = db.prepare('SELECT * FROM meetings WHERE ended_at IS NULL').get() as MeetingRow | undefined
  return row ? toMeeting(row) : undefined
}

/** The latest ended meeting. */
export function lastEndedMeeting(db: Database): Meeting | undefined {
  const row = db.prepare('SELECT * FROM meetings WHERE ended_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1').get() as
    MeetingRow | undefined
  return row ? toMeeting(row) : undefined
}

/** The latest meeting that started before `startedAt` (the one "since last meeting" compares with). */
export function previousStartedMeeting(db: Database, startedAt: string): Meeting | undefined {
  const row = db
    .prepare('SELECT * FROM meetings WHERE started_at IS NOT NULL AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT 1')
    .get(startedAt) as MeetingRow | undefined
  return row ? toMeeting(row) : undefined
}

/** The newest started meeting (in progress or ended). */
export function newestStartedMeeting(db: Database): Meeting | undefined {
  const row = db.prepare('SELECT * FROM meetings WHERE started_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT 1').get() as
    MeetingRow | undefined
  return row ? toMeeting(row) : undefined
}

/** Every meeting, newest first (by its scheduled time). */
export function listMeetings(db: Database): { id: number; title: string; scheduledAt: string; state: MeetingState }[] {
  return (
    db.prepare('SELECT id, title, scheduled_at, started_at, ended_at FROM meetings ORDER BY scheduled_at DESC, id DESC').all() as Pick<
      MeetingRow,
      'id' | 'title' | 'scheduled_at' | 'started_at' | 'ended_at'
    >[]
  ).map((r) => ({ id: r.id, title: r.title, scheduledAt: r.scheduled_at, state: stateOf(r) }))
}

export function insertMeeting(
  db: Database,
  m: { title: string; scheduledAt: string; attendees: string[]; agenda: string },
  at: string,
): number {
  return Number(
    db
      .prepare('INSERT INTO meetings (held_on, title, created_at, scheduled_at, attendees, agenda) VALUES (?, ?, ?, ?, ?, ?)')
      .run(m.scheduledAt.slice(0, 10), m.title, at, m.scheduledAt, JSON.stringify(m.attendees), m.agenda).lastInsertRowid,
  )
}

export function updateMeeting(
  db: Database,
  id: number,
  m: Pick<Meeting, 'title' | 'scheduledAt' | 'attendees' | 'agenda' | 'notes' | 'decisions'>,
): void {
  db.prepare(
    'UPDATE meetings SET title = ?, scheduled_at = ?, held_on = ?, attendees = ?, agenda = ?, notes = ?, decisions = ? WHERE id = ?',
  ).run(m.title, m.scheduledAt, m.scheduledAt.slice(0, 10), JSON.stringify(m.attendees), m.agenda, m.notes, JSON.stringify(m.decisions), id)
}

/** Writes the snapshot once: a meeting already started keeps its own (returns false). */
export function markStarted(db: Database, id: number, at: string, snapshot: MeetingSnapshot): boolean {
  return (
    db.prepare('UPDATE meetings SET started_at = ?, snapshot = ? WHERE id = ? AND started_at IS NULL').run(at, JSON.stringify(snapshot), id)
      .changes > 0
  )
}

/** Returns false when the meeting was not in progress (already ended, or never started). */
export function markEnded(db: Database, id: number, at: string): boolean {
  return db.prepare('UPDATE meetings SET ended_at = ? WHERE id = ? AND started_at IS NOT NULL AND ended_at IS NULL').run(at, id).changes > 0
}

// ---------------------------------------------------------------------------------------------------
// Action items

interface ItemRow {
  id: number
  title: string
  notes: string
  owner: string
  team: ActionTeam
  due_date: string | null
  status: ActionStatus
  created_at: string
  updated_at: string
  done_at: string | null
  link_kind: ActionLinkKind | null
  link_id: string | null
  link_label: string | null
  link_then: string | null
  meeting_id: number | null
  created_in: number | null
  times_carried: number
  position: number
}

export type StoredItem = Omit<ActionItem, 'carries'> & { linkThen: unknown }

function toItem(r: ItemRow): StoredItem {
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
    doneAt: r.done_at,
    link: r.link_kind === null ? null : { kind: r.link_kind, id: r.link_id ?? '', label: r.link_label ?? '' },
    linkThen: r.link_then === null ? null : (JSON.parse(r.link_then) as unknown),
    meetingId: r.meeting_id,
    createdIn: r.created_in,
    timesCarried: r.times_carried,
    position: r.position,
  }
}

export function getItem(db: Database, id: number): StoredItem | undefined {
  const row = db.prepare('SELECT * FROM action_items WHERE id = ? AND deleted_at IS NULL').get(id) as ItemRow | undefined
  return row ? toItem(row) : undefined
}

/** The items of a meeting (meetingId) or waiting for the next one (null), with those of `alsoWaiting`. */
export function itemsOf(db: Database, meetingId: number | null, alsoWaiting: boolean): StoredItem[] {
  const rows =
    meetingId === null
      ? db.prepare('SELECT * FROM action_items WHERE meeting_id IS NULL AND deleted_at IS NULL ORDER BY position, id').all()
      : db
          .prepare(
            `SELECT * FROM action_items WHERE (meeting_id = ? ${alsoWaiting ? 'OR meeting_id IS NULL' : ''}) AND deleted_at IS NULL ORDER BY position, id`,
          )
          .all(meetingId)
  return (rows as ItemRow[]).map(toItem)
}

/** Items carried through a meeting that have moved on to a later one. */
export function itemsCarriedThrough(db: Database, meetingId: number): StoredItem[] {
  return (
    db
      .prepare(
        'SELECT a.* FROM action_items a JOIN action_carries c ON c.item_id = a.id WHERE c.meeting_id = ? AND a.deleted_at IS NULL ORDER BY a.position, a.id',
      )
      .all(meetingId) as ItemRow[]
  ).map(toItem)
}

/** Every item, for the accountability tables and the report. */
export function allItems(db: Database): StoredItem[] {
  return (db.prepare('SELECT * FROM action_items WHERE deleted_at IS NULL ORDER BY position, id').all() as ItemRow[]).map(toItem)
}

export function carriesOf(db: Database, itemIds: readonly number[]): Map<number, CarryRecord[]> {
  const out = new Map<number, CarryRecord[]>()
  if (itemIds.length === 0) return out
  const stmt = db.prepare(
    `SELECT c.item_id, c.meeting_id, m.title, m.scheduled_at, c.due_date, c.slipped
       FROM action_carries c JOIN meetings m ON m.id = c.meeting_id
      WHERE c.item_id IN (SELECT value FROM json_each(?)) ORDER BY m.started_at, m.id`,
  )
  for (const r of stmt.all(JSON.stringify(itemIds)) as {
    item_id: number
    meeting_id: number
    title: string
    scheduled_at: string
    due_date: string | null
    slipped: number
  }[]) {
    const list = out.get(r.item_id) ?? []
    list.push({
      meetingId: r.meeting_id,
      meetingTitle: r.title,
      meetingDate: r.scheduled_at.slice(0, 10),
      dueDate: r.due_date,
      slipped: r.slipped === 1,
    })
    out.set(r.item_id, list)
  }
  return out
}

export function nextPosition(db: Database): number {
  return (db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM action_items').get() as { p: number }).p
}

export function insertItem(
  db: Database,
  a: NewAction & { meetingId: number | null; createdIn: number | null; linkThen: unknown; position: number },
  at: string,
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO action_items (title, notes, owner, team, due_date, status, created_at, updated_at, link_kind, link_id, link_label,
                                   link_then, meeting_id, created_in, position)
         VALUES (?, ?, ?, ?, ?, 'todo', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        a.title,
        a.notes,
        a.owner,
        a.team,
        a.dueDate,
        at,
        at,
        a.link?.kind ?? null,
        a.link?.id ?? null,
        a.link?.label ?? null,
        a.linkThen === null || a.linkThen === undefined ? null : JSON.stringify(a.linkThen),
        a.meetingId,
        a.createdIn,
        a.position,
      ).lastInsertRowid,
  )
}

/** Writes an item's editable fields as given (the caller merged the edit). */
export function writeItem(
  db: Database,
  i: Pick<StoredItem, 'id' | 'title' | 'notes' | 'owner' | 'team' | 'dueDate' | 'status' | 'doneAt' | 'position'>,
  at: string,
): boolean {
  return (
    db
      .prepare(
        'UPDATE action_items SET title = ?, notes = ?, owner = ?, team = ?, due_date = ?, status = ?, done_at = ?, position = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
      )
      .run(i.title, i.notes, i.owner, i.team, i.dueDate, i.status, i.doneAt, i.position, at, i.id).changes > 0
  )
}

/**
 * Deletes an item softly: it leaves every list and count but keeps its row and slip history, so that the
 * delete can be undone (restoreItem) with everything the item had, under the same id.
 */
export function deleteItem(db: Database, id: number, at: string): boolean {
  return db.prepare('UPDATE action_items SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, id).changes > 0
}

/** A deleted item as it was when deleted (undefined when there is none, or it is not deleted). */
export function getDeletedItem(db: Database, id: number): StoredItem | undefined {
  const row = db.prepare('SELECT * FROM action_items WHERE id = ? AND deleted_at IS NOT NULL').get(id) as ItemRow | undefined
  return row ? toItem(row) : undefined
}

export function restoreItem(db: Database, id: number): boolean {
  return db.prepare('UPDATE action_items SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL').run(id).changes > 0
}

/** Removes for good the items deleted before a meeting ended (their slip history goes with them). */
export function purgeDeletedItems(db: Database): number {
  return db.prepare('DELETE FROM action_items WHERE deleted_at IS NOT NULL').run().changes
}

/** Items waiting for the next meeting join a meeting (when it starts). */
export function adoptWaitingItems(db: Database, meetingId: number): void {
  db.prepare('UPDATE action_items SET meeting_id = ? WHERE meeting_id IS NULL AND deleted_at IS NULL').run(meetingId)
}

/**
 * Carries every open item of a meeting into the next one (or to "waiting", null): one more carry, and
 * a record of the meeting with the item's due date then; slipped when due on or before `meetingDay`.
 * Returns how many were carried.
 */
export function carryOpenItems(db: Database, fromMeeting: number, toMeeting: number | null, meetingDay: string): number {
  db.prepare(
    `INSERT INTO action_carries (item_id, meeting_id, due_date, slipped)
       SELECT id, meeting_id, due_date, coalesce(due_date <= ?, 0) FROM action_items WHERE meeting_id = ? AND status <> 'done' AND deleted_at IS NULL`,
  ).run(meetingDay, fromMeeting)
  return db
    .prepare(
      `UPDATE action_items SET meeting_id = ?, times_carried = times_carried + 1 WHERE meeting_id = ? AND status <> 'done' AND deleted_at IS NULL`,
    )
    .run(toMeeting, fromMeeting).changes
}

/** Items marked done in (from, to] (UTC ISO instants). */
export function countDoneBetween(db: Database, from: string, to: string): number {
  return (
    db.prepare('SELECT count(*) AS n FROM action_items WHERE done_at > ? AND done_at <= ? AND deleted_at IS NULL').get(from, to) as {
      n: number
    }
  ).n
}

/** Open items due before a date, and open items carried at least once. */
export function openCounts(db: Database, day: string): { slipped: number; carried: number } {
  return db
    .prepare(
      `SELECT coalesce(sum(due_date < @day), 0) AS slipped, coalesce(sum(times_carried > 0), 0) AS carried FROM action_items WHERE status <> 'done' AND deleted_at IS NULL`,
    )
    .get({ day }) as { slipped: number; carried: number }
}

/** Rows changed by this connection so far (SQLite's total_changes()): whether anything was written since. */
export function changeCount(db: Database): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
}

/** Changes another connection committed show as a new data_version. */
export function dataVersion(db: Database): number {
  return db.pragma('data_version', { simple: true }) as number
}
