import { useState, type JSX } from 'react'
import { LINK_LABEL, TEAM_LABEL, type ActionItem, type BoardData, type LinkedMetric } from '@shared/board'
import { ActionFields, type ActionDraft } from '../../components/ActionFields'
import { Dialog } from '../../components/Dialog'
import { Icon } from '../../components/Icon'
import { formatDate } from '../../format'
import { useStore } from '../../store'

/** Opens what a link points to: the lead, the owner's or the reason's leads, the deal (over the Targets view), the metric's view. */
function openLink(link: NonNullable<ActionItem['link']>): void {
  const s = useStore.getState()
  switch (link.kind) {
    case 'lead':
      s.navigate('handoff')
      void s.openLeadDetail(Number(link.id))
      return
    case 'owner':
      s.navigate('handoff')
      s.setLeadQuery({ status: null, owner: link.id, grade: null, source: null, reason: null, search: '' })
      return
    case 'reason':
      s.navigate('handoff')
      s.setLeadQuery({ status: null, owner: null, grade: null, source: null, reason: link.id, search: '' })
      return
    case 'opportunity':
      s.navigate('targets')
      void s.openDealDetail(Number(link.id))
      return
    case 'metric':
      s.navigate((['attainment', 'pace'] as LinkedMetric[]).includes(link.id as LinkedMetric) ? 'targets' : 'handoff')
  }
}

/** A card: owner, team, due date, overdue said in words with an icon, carried count, and its link then and now. */
export function ActionCard({
  item,
  data,
  handle,
  overlay,
}: {
  item: ActionItem
  data: BoardData
  handle?: Record<string, unknown>
  overlay?: boolean
}): JSX.Element {
  const [editing, setEditing] = useState(false)
  const overdue = item.status !== 'done' && item.dueDate !== null && item.dueDate < data.today
  const link = data.links[item.id]
  return (
    <article className={`action-card${overdue ? ' overdue' : ''}`} aria-label={item.title} data-testid={`card-${item.id}`}>
      <div className="action-card-head">
        {overlay ? (
          <span className="drag-handle" aria-hidden="true">
            ⠿
          </span>
        ) : (
          <button type="button" className="drag-handle" aria-label={`Move “${item.title}”`} {...handle}>
            ⠿
          </button>
        )}
        <span className="action-title">{item.title}</span>
      </div>
      <div className="action-meta">
        <span className={`team-chip ${item.team}`}>{TEAM_LABEL[item.team]}</span>
        <span>{item.owner || <span className="muted">No owner</span>}</span>
        {item.dueDate ? <span>Due {formatDate(item.dueDate)}</span> : null}
        {overdue ? (
          <span className="overdue-flag">
            <Icon name="alert" size={16} /> Overdue
          </span>
        ) : null}
        {item.timesCarried > 0 ? (
          <span
            className="carried"
            title={item.carries.map((c) => `${c.meetingDate}: due ${c.dueDate ?? 'none'}${c.slipped ? ' (slipped)' : ''}`).join('\n')}
          >
            <Icon name="history" size={16} /> carried {item.timesCarried}×
          </span>
        ) : null}
      </div>
      {item.link ? (
        <div className="action-link">
          <button type="button" className="link-button" onClick={() => openLink(item.link!)}>
            {LINK_LABEL[item.link.kind]}: {item.link.label}
          </button>
          {link ? <span className="muted small">{link.missing ?? `then ${link.then ?? 'n/a'} · now ${link.now ?? 'n/a'}`}</span> : null}
          {link?.recoveredSince && item.status !== 'done' ? (
            <span className="recovered">
              <Icon name="check" size={16} /> Recovered since {formatDate(link.recoveredSince)} — close it?
            </span>
          ) : null}
        </div>
      ) : null}
      {overlay ? null : (
        <div className="action-card-actions">
          <button type="button" className="button subtle small" onClick={() => setEditing(true)} aria-label={`Edit “${item.title}”`}>
            <Icon name="edit" size={16} /> Edit
          </button>
        </div>
      )}
      {editing ? <EditDialog item={item} onClose={() => setEditing(false)} /> : null}
    </article>
  )
}

function EditDialog({ item, onClose }: { item: ActionItem; onClose(): void }): JSX.Element {
  const editCard = useStore((s) => s.editCard)
  const removeCard = useStore((s) => s.removeCard)
  const meetings = useStore((s) => s.board?.meetings ?? [])
  const [value, setValue] = useState<ActionDraft>({
    title: item.title,
    owner: item.owner,
    team: item.team,
    dueDate: item.dueDate ?? '',
    notes: item.notes,
    status: item.status,
  })
  const [confirming, setConfirming] = useState(false)
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    const { title, owner, team, dueDate, status, notes } = value
    const edit = {
      ...(title.trim() !== item.title ? { title: title.trim() } : {}),
      ...(owner.trim() !== item.owner ? { owner: owner.trim() } : {}),
      ...(team !== item.team ? { team } : {}),
      ...((dueDate || null) !== item.dueDate ? { dueDate: dueDate || null } : {}),
      ...(status !== item.status ? { status } : {}),
      ...(notes !== item.notes ? { notes } : {}),
    }
    if (Object.keys(edit).length === 0 || (await editCard(item.id, edit))) onClose()
  }
  const madeIn = item.createdIn === null ? null : meetings.find((m) => m.id === item.createdIn)
  const createdIn =
    item.createdIn === null
      ? 'Added between meetings.'
      : madeIn
        ? `Agreed in ${madeIn.title}, ${formatDate(madeIn.scheduledAt.slice(0, 10))}.`
        : `Agreed in meeting #${item.createdIn}.`
  return (
    <Dialog title="Edit action item" onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <ActionFields value={value} onChange={setValue} withStatus />
        <p className="muted small created-in">{createdIn}</p>
        {item.carries.length > 0 ? (
          <div>
            <p className="field-label">Carried over {item.timesCarried}×</p>
            <ul className="muted small">
              {item.carries.map((c) => (
                <li key={c.meetingId}>
                  {formatDate(c.meetingDate)} ({c.meetingTitle}): due {c.dueDate ? formatDate(c.dueDate) : 'none'}
                  {c.slipped ? ', slipped' : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={value.title.trim() === ''}>
            Save
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {confirming ? (
            <button type="button" className="button danger" onClick={() => void removeCard(item.id).then(onClose)}>
              Delete
            </button>
          ) : (
            <button type="button" className="button subtle" onClick={() => setConfirming(true)}>
              Delete…
            </button>
          )}
        </div>
      </form>
    </Dialog>
  )
}
