import { useState, type JSX } from 'react'
import { ACTION_TEAMS, type ActionTeam, type NewAction } from '@shared/handoff'
import { Dialog } from './Dialog'
import { Icon } from './Icon'
import { useStore } from '../store'

export const TEAM_LABEL: Record<ActionTeam, string> = { sales: 'Sales', marketing: 'Marketing', joint: 'Joint' }

const LINK_LABEL: Record<NonNullable<NewAction['link']>['kind'], string> = { lead: 'Lead', owner: 'Owner', reason: 'Rejection reason' }

/**
 * "Add to next meeting": an action item, prefilled from what caused it (a breached lead, an owner, a
 * rejection reason) and linked to it, that waits on the Board for the next joint meeting.
 */
export function AddToMeeting({ draft, buttonLabel }: { draft: Omit<NewAction, 'dueDate'>; buttonLabel?: string }): JSX.Element {
  const [open, setOpen] = useState(false)
  const label = buttonLabel ?? 'Add to next meeting'
  return (
    <>
      {/* The name says what the item would be: rows of a table each have one of these buttons. */}
      <button type="button" className="button subtle small" onClick={() => setOpen(true)} aria-label={`Add to next meeting: ${draft.title}`}>
        <Icon name="flag" size={16} />
        {label}
      </button>
      {open ? <ActionForm draft={draft} onClose={() => setOpen(false)} /> : null}
    </>
  )
}

function ActionForm({ draft, onClose }: { draft: Omit<NewAction, 'dueDate'>; onClose(): void }): JSX.Element {
  const add = useStore((s) => s.addAction)
  const [title, setTitle] = useState(draft.title)
  const [owner, setOwner] = useState(draft.owner)
  const [team, setTeam] = useState<ActionTeam>(draft.team)
  const [dueDate, setDueDate] = useState('')
  const [notes, setNotes] = useState(draft.notes)
  const [busy, setBusy] = useState(false)
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    setBusy(true)
    const ok = await add({ title: title.trim(), owner: owner.trim(), team, dueDate: dueDate === '' ? null : dueDate, notes, link: draft.link })
    setBusy(false)
    if (ok) onClose()
  }
  return (
    <Dialog title="Add to next meeting" onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        {draft.link ? (
          <p className="muted">
            Linked to {LINK_LABEL[draft.link.kind].toLowerCase()}: <strong>{draft.link.label}</strong>
          </p>
        ) : null}
        <label className="field">
          <span className="field-label">Action</span>
          <input className="input" value={title} maxLength={200} required onChange={(e) => setTitle(e.target.value)} />
        </label>
        <div className="field-row">
          <label className="field">
            <span className="field-label">Owner</span>
            <input className="input" value={owner} maxLength={200} onChange={(e) => setOwner(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">Team</span>
            <select className="input" value={team} onChange={(e) => setTeam(e.target.value as ActionTeam)}>
              {ACTION_TEAMS.map((t) => (
                <option key={t} value={t}>
                  {TEAM_LABEL[t]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Due</span>
            <input className="input" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
          </label>
        </div>
        <label className="field">
          <span className="field-label">Notes</span>
          <textarea className="input" rows={3} maxLength={5000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <p className="field-help">It waits on the Board for the next joint meeting.</p>
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy || title.trim() === ''}>
            Add to next meeting
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}
