import { useEffect, useState, type JSX } from 'react'
import { ACTION_STATUSES, type ActionItem, type ActionStatus } from '@shared/handoff'
import { Icon } from '../../components/Icon'
import { ViewHeader } from '../../components/ViewHeader'
import { formatDate, formatDateTime } from '../../format'
import { useStore } from '../../store'
import { TEAM_LABEL } from '../../components/AddToMeeting'
import { TableHead } from '../../components/TableHead'

const STATUS_LABEL: Record<ActionStatus, string> = { todo: 'To do', in_progress: 'In progress', blocked: 'Blocked', done: 'Done' }
const LINK_LABEL: Record<NonNullable<ActionItem['link']>['kind'], string> = { lead: 'Lead', owner: 'Owner', reason: 'Rejection reason' }

/**
 * The meeting board, as far as this version goes: the action items waiting for the next joint meeting
 * (added from the Handoff view), with their status. Meetings themselves come with the meeting board.
 */
export function BoardView(): JSX.Element {
  const items = useStore((s) => s.actionItems)
  const loaded = useStore((s) => s.actionsLoaded)
  const error = useStore((s) => s.actionsError)
  useEffect(() => {
    void useStore.getState().loadActions()
  }, [])
  return (
    <>
      <ViewHeader title="Meeting Board" subtitle="Did we do what we agreed last time?" />
      <section className="panel board-intro" aria-labelledby="no-meetings">
        <h2 id="no-meetings" className="panel-title">
          <Icon name="info" /> No meetings yet
        </h2>
        <p>
          Meetings, the board by status, carry-overs and minutes are not available in this version yet. Until then, what you
          add with <strong>Add to next meeting</strong> in the Handoff view waits here for the next joint meeting.
        </p>
      </section>
      {error ? (
        <p role="alert" className="banner banner-error">
          {error}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="next-meeting-title">
        <h2 id="next-meeting-title" className="panel-title">
          For the next meeting
        </h2>
        {!loaded ? null : items.length === 0 ? (
          <p className="muted">Nothing yet. From a breached lead, an owner or a rejection reason in the Handoff view, choose “Add to next meeting”.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table action-table" aria-label="Action items for the next meeting">
              <TableHead cells={['Action', 'Owner', 'Team', 'Due', 'Status']} last="Actions" />
              <tbody>
                {items.map((a) => (
                  <ActionRow key={a.id} item={a} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}

function ActionRow({ item }: { item: ActionItem }): JSX.Element {
  const setStatus = useStore((s) => s.setActionStatus)
  const remove = useStore((s) => s.removeAction)
  const [confirming, setConfirming] = useState(false)
  return (
    <tr className={item.status === 'done' ? 'done' : undefined}>
      <td>
        <div className="action-title">{item.title}</div>
        {item.link ? (
          <div className="muted">
            {LINK_LABEL[item.link.kind]}: {item.link.label}
          </div>
        ) : null}
        {item.notes ? <div className="muted">{item.notes}</div> : null}
        <div className="muted small">Added {formatDateTime(item.createdAt)}</div>
      </td>
      <td>{item.owner || '–'}</td>
      <td>
        <span className={`team-chip ${item.team}`}>{TEAM_LABEL[item.team]}</span>
      </td>
      <td>{item.dueDate ? formatDate(item.dueDate) : '–'}</td>
      <td>
        <label>
          <span className="sr-only">Status of {item.title}</span>
          <select className="input" value={item.status} onChange={(e) => void setStatus(item.id, e.target.value as ActionStatus)}>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
      </td>
      <td className="actions">
        {confirming ? (
          <span className="confirm">
            Delete this item?{' '}
            <button type="button" className="button danger" onClick={() => void remove(item.id)}>
              Delete
            </button>{' '}
            <button type="button" className="button subtle" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="button subtle" onClick={() => setConfirming(true)} aria-label={`Delete ${item.title}…`}>
            Delete…
          </button>
        )}
      </td>
    </tr>
  )
}
