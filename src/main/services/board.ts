import type { Database } from 'better-sqlite3'
import {
  ALL_ITEMS,
  LINKED_METRICS,
  METRIC_LABEL,
  type ActionLink,
  type LinkedMetric,
  type ActionEdit,
  type ActionItem,
  type ActionStatus,
  type BoardData,
  type BoardFilter,
  type BoardReport,
  type LinkState,
  type Meeting,
  type MeetingEdit,
  type MeetingSnapshot,
  type NewAction,
} from '@shared/board'
import { parseCapture } from '@shared/board-capture'
import { addDays } from '@shared/time/calendar'
import { localDateTimeOf, todayIn } from '@shared/time/zones'
import { boardSettings, isIsoDate, type Settings } from '@shared/settings'
import { AppError } from '../errors'
import {
  adoptWaitingItems,
  allItems,
  carriesOf,
  carryOpenItems,
  changeCount,
  dataVersion,
  deleteItem,
  getDeletedItem,
  getItem,
  getMeeting,
  insertItem,
  insertMeeting,
  itemsCarriedThrough,
  itemsOf,
  lastEndedMeeting,
  listMeetings,
  markEnded,
  markStarted,
  newestStartedMeeting,
  nextPosition,
  openMeeting,
  purgeDeletedItems,
  restoreItem,
  updateMeeting,
  writeItem,
  type StoredItem,
} from '../db/repos/board'
import { accountability, isOverdue, linkNow, linkState, meetingSnapshot, metricValues, type MetricValues } from '../metrics/board'
import { opportunitiesByExternalId } from '../db/repos/board-links'
import { getSettings } from './settings'
import type { WorkspaceManager } from './workspace'

/**
 * The meeting board (PRODUCT.md, "Meeting board"; issue #15): meetings with their frozen snapshot,
 * action items carried until done, accountability, and the numbers behind each item's link. Every change
 * is one transaction; bad input is refused with one line and changes nothing.
 */

export interface BoardEvents {
  /** The board changed: views reload what they show. */
  boardChanged(): void
}

const DEFAULT_TITLE = 'Joint sales & marketing meeting'

/**
 * Reads a meeting time as typed: a local date-time (`2025-08-15T10:00`, also with a space or seconds) or
 * a date alone (at 09:00). Throws a one-line message otherwise.
 */
export function parseMeetingTime(text: string): string {
  const t = text.trim()
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?)?$/.exec(t)
  if (!m || !isIsoDate(m[1] as string))
    throw new AppError('BAD_ARGS', `"${text}" is not a date and time (write 2025-08-15T10:00 or 2025-08-15).`)
  return `${m[1]}T${m[2] ?? '09'}:${m[3] ?? '00'}`
}

/** The cadence's next slot after `from` (local date-time), not before `today`: weekday and time kept. */
export function nextOnCadence(from: string, cadenceDays: number, today: string): string {
  let date = addDays(from.slice(0, 10), cadenceDays)
  while (date < today) date = addDays(date, cadenceDays)
  return `${date}${from.slice(10)}`
}

const gone = (id: number): AppError => new AppError('NOT_FOUND', `Action item #${id} no longer exists; it may have been deleted.`)
const noMeeting = (id: number): AppError => new AppError('NOT_FOUND', `Meeting #${id} does not exist.`)

export class BoardService {
  constructor(
    /** The app's WorkspaceManager; the CLI passes its one open database the same way. */
    private readonly workspace: Pick<WorkspaceManager, 'db'>,
    private readonly events: BoardEvents = { boardChanged: () => undefined },
  ) {}

  private metricCache: { db: Database; key: string; changes: number; values: MetricValues } | null = null

  private get db(): Database {
    return this.workspace.db
  }

  private settings(): Settings {
    return getSettings(this.db).settings
  }

  private withCarries(items: readonly StoredItem[]): ActionItem[] {
    const carries = carriesOf(
      this.db,
      items.filter((i) => i.timesCarried > 0).map((i) => i.id),
    )
    return items.map(({ linkThen: _then, ...i }) => ({ ...i, carries: carries.get(i.id) ?? [] }))
  }

  private item(id: number): ActionItem {
    const stored = getItem(this.db, id)
    if (!stored) throw gone(id)
    return this.withCarries([stored])[0] as ActionItem
  }

  /**
   * One transaction of the board. The board's own writes do not change the metrics its links compare, so
   * the cached metrics stay valid across them (any other write on the connection invalidates them).
   */
  private write<T>(fn: () => T): T {
    const db = this.db
    const before = changeCount(db)
    const out = db.transaction(fn)()
    const c = this.metricCache
    if (c && c.db === db && c.changes === before) c.changes = changeCount(db)
    return out
  }

  /**
   * The linked metrics now, computed once per minute of as-of time for the same data and settings: each
   * board load (after every move or edit) reuses them instead of recomputing the Targets and Handoff
   * reports (about 0.4 s at a million leads). Data written by this connection outside the board, by the
   * import worker's or another process's connection (data_version), or other settings recompute them.
   */
  private metrics(settings: Settings, now: Date): MetricValues {
    const db = this.db
    const key = `${Math.floor(now.getTime() / 60_000)}|${dataVersion(db)}|${JSON.stringify(settings)}`
    const changes = changeCount(db)
    const c = this.metricCache
    if (c && c.db === db && c.key === key && c.changes === changes) return c.values
    const values = metricValues(db, settings, now)
    this.metricCache = { db, key, changes, values }
    return values
  }

  private changed<T>(value: T): T {
    this.events.boardChanged()
    return value
  }

  // -------------------------------------------------------------------------------------------------
  // Meetings

  meeting(id: number): Meeting {
    const m = getMeeting(this.db, id)
    if (!m) throw noMeeting(id)
    return m
  }

  /** The proposed date-time of the next meeting: the open one's, else the cadence after the last, else the next full hour. */
  proposedNext(now = new Date()): string {
    const settings = this.settings()
    const open = openMeeting(this.db)
    if (open) return open.scheduledAt
    const today = todayIn(settings.timezone, now)
    const last = lastEndedMeeting(this.db)
    if (last) return nextOnCadence(last.scheduledAt, boardSettings(settings).cadenceDays, today)
    const local = localDateTimeOf(now.getTime() + 3_600_000, settings.timezone)
    return `${local.slice(0, 13)}:00`
  }

  /**
   * Plans (or edits) the next meeting: its title, time, attendees, agenda, notes and decisions. There is
   * one meeting not ended at a time; without one, a new one is planned at the proposed time.
   */
  saveMeeting(edit: MeetingEdit, now = new Date()): Meeting {
    const db = this.db
    const id = this.write((): number => {
      const open = openMeeting(db)
      const base: Pick<Meeting, 'title' | 'scheduledAt' | 'attendees' | 'agenda' | 'notes' | 'decisions'> = open ?? {
        title: DEFAULT_TITLE,
        scheduledAt: this.proposedNext(now),
        attendees: [],
        agenda: '',
        notes: '',
        decisions: [],
      }
      const merged = { ...base, ...Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)) }
      const meetingId = open?.id ?? insertMeeting(db, merged, now.toISOString())
      updateMeeting(db, meetingId, merged)
      return meetingId
    })
    return this.changed(this.meeting(id))
  }

  /**
   * Starts the next meeting (planned, or planned now): freezes the snapshot of the key numbers, with
   * what changed since the last meeting, and brings in the items waiting for it. Refused while a meeting
   * is in progress.
   */
  startMeeting(given: { title?: string; at?: string } = {}, now = new Date()): Meeting {
    const db = this.db
    const scheduledAt = given.at === undefined ? undefined : parseMeetingTime(given.at)
    const title = given.title?.trim()
    if (title !== undefined && (title === '' || title.length > 200))
      throw new AppError('BAD_ARGS', 'A meeting needs a title of 1 to 200 characters.')
    const id = this.write((): number => {
      const open = openMeeting(db)
      if (open?.state === 'in_progress')
        throw new AppError('CONFLICT', `"${open.title}" is still in progress; end it before starting another meeting.`)
      const settings = this.settings()
      const meetingId =
        open?.id ??
        insertMeeting(
          db,
          {
            title: title ?? DEFAULT_TITLE,
            scheduledAt: scheduledAt ?? localDateTimeOf(now.getTime(), settings.timezone),
            attendees: [],
            agenda: '',
          },
          now.toISOString(),
        )
      const m = getMeeting(db, meetingId) as Meeting
      if (open && (title !== undefined || scheduledAt !== undefined)) {
        updateMeeting(db, meetingId, { ...m, title: title ?? m.title, scheduledAt: scheduledAt ?? m.scheduledAt })
      }
      const previous = newestStartedMeeting(db)
      const snapshot = meetingSnapshot(db, settings, now, previous?.snapshot ? (previous as Meeting & { snapshot: MeetingSnapshot }) : null)
      markStarted(db, meetingId, now.toISOString(), snapshot)
      adoptWaitingItems(db, meetingId)
      return meetingId
    })
    return this.changed(this.meeting(id))
  }

  /**
   * Ends the meeting in progress: every open item is carried into the next meeting (planned on the
   * team's cadence), counted, and recorded with its due date then. Items closed in the meeting stay
   * with it. Ending a meeting twice is refused.
   */
  endMeeting(id: number, now = new Date()): { meeting: Meeting; next: Meeting; carried: number } {
    const db = this.db
    const out = this.write(() => {
      const m = getMeeting(db, id)
      if (!m) throw noMeeting(id)
      if (m.state === 'ended') throw new AppError('CONFLICT', `"${m.title}" has already ended; a meeting is ended once.`)
      if (m.state === 'planned') throw new AppError('CONFLICT', `"${m.title}" has not started; start it before ending it.`)
      const settings = this.settings()
      markEnded(db, id, now.toISOString())
      const scheduledAt = nextOnCadence(m.scheduledAt, boardSettings(settings).cadenceDays, todayIn(settings.timezone, now))
      const nextId = insertMeeting(db, { title: m.title, scheduledAt, attendees: m.attendees, agenda: '' }, now.toISOString())
      const carried = carryOpenItems(db, id, nextId, m.scheduledAt.slice(0, 10))
      // Deletes made until now can no longer be undone (the page forgets its undo history too).
      purgeDeletedItems(db)
      return { nextId, carried }
    })
    return this.changed({ meeting: this.meeting(id), next: this.meeting(out.nextId), carried: out.carried })
  }

  // -------------------------------------------------------------------------------------------------
  // Action items

  /**
   * A new item: in the meeting in progress (created in it), else in the next planned meeting, else
   * waiting for the next one. A linked item keeps its linked number as it is now, to compare later.
   */
  createItem(item: NewAction, now = new Date()): ActionItem {
    const db = this.db
    const title = item.title.trim()
    if (title === '') throw new AppError('BAD_ARGS', 'An action item needs a title.')
    if (item.dueDate !== null && !isIsoDate(item.dueDate))
      throw new AppError('BAD_ARGS', `Due date "${item.dueDate}" is not a date (write YYYY-MM-DD).`)
    const settings = this.settings()
    const then = linkNow(
      db,
      settings,
      { link: item.link, createdAt: now.toISOString() },
      now,
      () => this.metrics(settings, now),
      () => [],
    )
    const id = this.write(() => {
      const open = openMeeting(db)
      return insertItem(
        db,
        {
          ...item,
          title,
          owner: item.owner.trim(),
          meetingId: open?.id ?? null,
          createdIn: open?.state === 'in_progress' ? open.id : null,
          linkThen: then ? { text: then.text } : null,
          position: nextPosition(db),
        },
        now.toISOString(),
      )
    })
    return this.changed(this.item(id))
  }

  /** Quick capture: one line (`Follow up webinar leads @rep7 #marketing due:fri`) becomes an item. */
  capture(line: string, now = new Date()): ActionItem {
    const settings = this.settings()
    const c = parseCapture(line, todayIn(settings.timezone, now))
    if (c.title === '') throw new AppError('BAD_ARGS', `"${line.trim()}" has no title left once owner, team and due date are read.`)
    if (c.title.length > 200) throw new AppError('BAD_ARGS', 'A title is at most 200 characters.')
    const link =
      c.metric !== null ? this.linkTo('metric', c.metric) : c.opportunity !== null ? this.linkTo('opportunity', c.opportunity) : null
    return this.createItem({ title: c.title, notes: '', owner: c.owner ?? '', team: c.team ?? 'joint', dueDate: c.dueDate, link }, now)
  }

  /**
   * The link to a metric (by name) or to an opportunity (by its CRM id), as quick capture and the CLI
   * write them. An unknown metric, or a CRM id no opportunity (or more than one source system) has, is
   * refused with a one-line reason.
   */
  linkTo(kind: 'metric' | 'opportunity', id: string): ActionLink {
    if (kind === 'metric') {
      if (!(LINKED_METRICS as readonly string[]).includes(id)) {
        throw new AppError('BAD_ARGS', `"${id}" is not a metric an item can be linked to (${LINKED_METRICS.join(', ')}).`)
      }
      return { kind, id, label: METRIC_LABEL[id as LinkedMetric] }
    }
    const found = opportunitiesByExternalId(this.db, id)
    if (found.length === 0) throw new AppError('BAD_ARGS', `There is no opportunity with the CRM id "${id}".`)
    if (found.length > 1) {
      throw new AppError(
        'BAD_ARGS',
        `The CRM id "${id}" names opportunities of ${found.map((o) => o.sourceSystem).join(' and ')}: the id is ambiguous.`,
      )
    }
    const opp = found[0] as { id: number; name: string | null }
    return { kind, id: String(opp.id), label: opp.name ?? id }
  }

  /** Edits an item's fields; marking it done records when, reopening it clears that. */
  editItem(id: number, edit: ActionEdit, now = new Date()): ActionItem {
    const db = this.db
    if (edit.title !== undefined && edit.title.trim() === '') throw new AppError('BAD_ARGS', 'An action item needs a title.')
    if (edit.dueDate !== undefined && edit.dueDate !== null && !isIsoDate(edit.dueDate)) {
      throw new AppError('BAD_ARGS', `Due date "${edit.dueDate}" is not a date (write YYYY-MM-DD).`)
    }
    this.write(() => {
      const current = getItem(db, id)
      if (!current) throw gone(id)
      const status = edit.status ?? current.status
      writeItem(
        db,
        {
          ...current,
          ...Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)),
          title: (edit.title ?? current.title).trim(),
          owner: (edit.owner ?? current.owner).trim(),
          status,
          doneAt: status !== 'done' ? null : current.status === 'done' ? current.doneAt : now.toISOString(),
        },
        now.toISOString(),
      )
    })
    return this.changed(this.item(id))
  }

  /**
   * Moves a card to a column (status), before another card of it (null: at the end). One transaction;
   * the card's position is set between its new neighbours.
   */
  moveItem(id: number, status: ActionStatus, beforeId: number | null, now = new Date()): ActionItem {
    const db = this.db
    this.write(() => {
      const current = getItem(db, id)
      if (!current) throw gone(id)
      let position: number
      if (beforeId === null) position = nextPosition(db)
      else {
        const before = getItem(db, beforeId)
        if (!before) throw gone(beforeId)
        const prev = db.prepare('SELECT max(position) AS p FROM action_items WHERE position < ? AND id <> ?').get(before.position, id) as {
          p: number | null
        }
        position = prev.p === null ? before.position - 1 : (prev.p + before.position) / 2
      }
      writeItem(
        db,
        { ...current, status, position, doneAt: status !== 'done' ? null : current.status === 'done' ? current.doneAt : now.toISOString() },
        now.toISOString(),
      )
    })
    return this.changed(this.item(id))
  }

  /** Deletes an item; until the meeting ends, restoreItem brings it back as it was. */
  removeItem(id: number, now = new Date()): null {
    if (!this.write(() => deleteItem(this.db, id, now.toISOString()))) throw gone(id)
    return this.changed(null)
  }

  /**
   * Undoes a delete: the item comes back with everything it had (its id, meeting, link and the number
   * then, times carried and slip history). Refused once its meeting has ended (the delete is final then).
   */
  restoreItem(id: number): ActionItem {
    const db = this.db
    this.write(() => {
      if (!getDeletedItem(db, id)) {
        throw new AppError(
          'NOT_FOUND',
          getItem(db, id)
            ? `Action item #${id} is not deleted.`
            : `Action item #${id} can no longer be restored: its meeting has ended since.`,
        )
      }
      restoreItem(db, id)
    })
    return this.changed(this.item(id))
  }

  // -------------------------------------------------------------------------------------------------
  // Reading

  /** The board: the current meeting's items (or a past meeting's), filtered, overdue first, with their links. */
  view(filter: BoardFilter = ALL_ITEMS, now = new Date()): BoardData {
    const db = this.db
    const settings = this.settings()
    const today = todayIn(settings.timezone, now)
    const everything = allItems(db)
    const owners = [...new Set(everything.map((i) => i.owner).filter((o) => o !== ''))].sort((a, b) => a.localeCompare(b))
    if (filter.owner !== null && filter.owner !== '' && !owners.includes(filter.owner)) {
      throw new AppError('BAD_ARGS', `No action item is owned by "${filter.owner}"; choose an owner from the list.`)
    }
    const open = openMeeting(db)
    let items: StoredItem[]
    if (filter.meetingId !== null) {
      if (!getMeeting(db, filter.meetingId)) throw noMeeting(filter.meetingId)
      const own = itemsOf(db, filter.meetingId, false)
      const ids = new Set(own.map((i) => i.id))
      items = [...own, ...itemsCarriedThrough(db, filter.meetingId).filter((i) => !ids.has(i.id))]
    } else items = itemsOf(db, open?.id ?? null, true)
    items = items
      .filter(
        (i) =>
          (filter.owner === null || filter.owner === '' || i.owner === filter.owner) && (filter.team === null || i.team === filter.team),
      )
      .filter((i) => !filter.overdueOnly || isOverdue(i, today))
      .sort((a, b) => Number(isOverdue(b, today)) - Number(isOverdue(a, today)) || a.position - b.position || a.id - b.id)
    const previous = lastEndedMeeting(db) ?? null
    return {
      today,
      current: open ?? null,
      previous,
      meetings: listMeetings(db),
      proposedNext: this.proposedNext(now),
      items: this.withCarries(items),
      links: this.links(items, settings, now),
      owners,
      accountability: accountability(everything, today, settings.timezone),
    }
  }

  private links(items: readonly StoredItem[], settings: Settings, now: Date): Record<number, LinkState> {
    const db = this.db
    let snapshots: MeetingSnapshot[] | undefined
    const out: Record<number, LinkState> = {}
    for (const i of items) {
      if (!i.link) continue
      const n = linkNow(
        db,
        settings,
        i,
        now,
        () => this.metrics(settings, now),
        () =>
          (snapshots ??= listMeetings(db)
            .map((m) => getMeeting(db, m.id)?.snapshot ?? null)
            .filter((s): s is MeetingSnapshot => s !== null)
            .sort((a, b) => b.asOf.localeCompare(a.asOf))),
      )
      out[i.id] = linkState(i.linkThen, n)
    }
    return out
  }

  /** The items a meeting's minutes list: its own, and those carried through it. */
  meetingItems(id: number): ActionItem[] {
    const db = this.db
    if (!getMeeting(db, id)) throw noMeeting(id)
    const own = itemsOf(db, id, false)
    const ids = new Set(own.map((i) => i.id))
    return this.withCarries([...own, ...itemsCarriedThrough(db, id).filter((i) => !ids.has(i.id))])
  }

  /** `report board`: counts over every item as of a date (default today), and the newest meeting's snapshot. */
  report(asOf?: string, now = new Date()): BoardReport {
    const db = this.db
    const settings = this.settings()
    if (asOf !== undefined && !isIsoDate(asOf)) throw new AppError('BAD_ARGS', `as-of "${asOf}" is not a date (write YYYY-MM-DD).`)
    const day = asOf ?? todayIn(settings.timezone, now)
    const items = allItems(db)
    const acc = accountability(items, day, settings.timezone)
    const newest = newestStartedMeeting(db) ?? null
    return {
      asOf: day,
      open: items.filter((i) => i.status !== 'done').length,
      overdue: items.filter((i) => isOverdue(i, day)).length,
      carried: items.filter((i) => i.timesCarried > 0).length,
      byOwner: acc.byOwner,
      byTeam: acc.byTeam,
      meeting: newest ? { id: newest.id, title: newest.title, scheduledAt: newest.scheduledAt, state: newest.state } : null,
      snapshot: newest?.snapshot ?? null,
      sinceLast: newest?.snapshot?.sinceLast ?? null,
    }
  }
}
