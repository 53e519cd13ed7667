import { useState, type JSX } from 'react'
import { LINK_LABEL, METRIC_LABEL, type ActionTeam, type LinkedMetric, type NewAction } from '@shared/board'
import { ActionFields, type ActionDraft } from './ActionFields'
import { Dialog } from './Dialog'
import { Icon } from './Icon'
import { useStore } from '../store'

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
      <button
        type="button"
        className="button subtle small"
        onClick={() => setOpen(true)}
        aria-label={`Add to next meeting: ${draft.title}`}
      >
        <Icon name="flag" size={16} />
        {label}
      </button>
      {open ? <ActionForm draft={draft} onClose={() => setOpen(false)} /> : null}
    </>
  )
}

/**
 * "Next meeting" on a headline number (Targets' attainment and pace, Handoff's SLA attainment,
 * acceptance rate and backlog): an item linked to the metric, so that the board shows the number when
 * it was made and now, and when it is back at its goal.
 */
export function MetricToMeeting({
  metric,
  title,
  team,
  notes,
}: {
  metric: LinkedMetric
  title: string
  team: ActionTeam
  notes: string
}): JSX.Element {
  return (
    <AddToMeeting
      buttonLabel="Next meeting"
      draft={{ title, owner: '', team, notes, link: { kind: 'metric', id: metric, label: METRIC_LABEL[metric] } }}
    />
  )
}

function ActionForm({ draft, onClose }: { draft: Omit<NewAction, 'dueDate'>; onClose(): void }): JSX.Element {
  const add = useStore((s) => s.addAction)
  const [value, setValue] = useState<ActionDraft>({
    title: draft.title,
    owner: draft.owner,
    team: draft.team,
    dueDate: '',
    notes: draft.notes,
    status: 'todo',
  })
  const [busy, setBusy] = useState(false)
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    setBusy(true)
    const { title, owner, team, dueDate, notes } = value
    const ok = await add({
      title: title.trim(),
      owner: owner.trim(),
      team,
      dueDate: dueDate === '' ? null : dueDate,
      notes,
      link: draft.link,
    })
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
        <ActionFields value={value} onChange={setValue} />
        <p className="field-help">It waits on the Board for the next joint meeting.</p>
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy || value.title.trim() === ''}>
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
