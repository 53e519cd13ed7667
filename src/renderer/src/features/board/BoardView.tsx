import { useEffect, useState, type JSX } from 'react'
import { TeamSelect } from '../../components/ActionFields'
import { Icon } from '../../components/Icon'
import { ViewHeader } from '../../components/ViewHeader'
import { useStore } from '../../store'
import { AccountabilityPanel } from './Accountability'
import { Kanban } from './Kanban'
import { MeetingPanel } from './MeetingPanel'

const isTyping = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))

/** Ctrl/Cmd+Z undoes the last board edit, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redoes it; text fields keep their own undo. */
function useUndoKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target) || document.querySelector('[role="dialog"]')) return
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault()
        void useStore.getState().undoBoard()
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault()
        void useStore.getState().redoBoard()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

function Capture(): JSX.Element {
  const captureAction = useStore((s) => s.captureAction)
  const [line, setLine] = useState('')
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    if (line.trim() === '') return
    if (await captureAction(line)) setLine('')
  }
  return (
    <form className="capture" onSubmit={(e) => void submit(e)}>
      <label className="field capture-field">
        <span className="field-label">Quick capture</span>
        <input
          className="input"
          value={line}
          maxLength={500}
          placeholder="Follow up EMEA webinar leads @rep7 #marketing due:fri"
          aria-describedby="capture-help"
          onChange={(e) => setLine(e.target.value)}
        />
      </label>
      <button type="submit" className="button primary" disabled={line.trim() === ''}>
        <Icon name="plus" size={16} /> Add
      </button>
      <p id="capture-help" className="field-help">
        Enter adds the item: @owner, #sales / #marketing / #joint, due:fri, due:tomorrow, due:+3d or due:2025-09-01, and link:pace
        (attainment, sla, acceptance, backlog) or opp:&lt;CRM id&gt; are read; the rest is the title.
      </p>
    </form>
  )
}

function Filters(): JSX.Element {
  const data = useStore((s) => s.board)
  const filter = useStore((s) => s.boardFilter)
  const load = useStore((s) => s.loadBoard)
  if (!data) return <></>
  return (
    <div className="board-filters" role="group" aria-label="Filters">
      <label className="field">
        <span className="field-label">Owner</span>
        <select className="input" value={filter.owner ?? ''} onChange={(e) => void load({ ...filter, owner: e.target.value || null })}>
          <option value="">Everyone</option>
          {data.owners.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <TeamSelect value={filter.team} anyLabel="All teams" onChange={(team) => void load({ ...filter, team })} />
      <label className="field">
        <span className="field-label">Meeting</span>
        <select
          className="input"
          value={filter.meetingId ?? ''}
          onChange={(e) => void load({ ...filter, meetingId: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">Current and next</option>
          {data.meetings
            .filter((m) => m.state !== 'planned')
            .map((m) => (
              <option key={m.id} value={m.id}>
                {m.scheduledAt.slice(0, 10)} · {m.title}
              </option>
            ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={filter.overdueOnly} onChange={(e) => void load({ ...filter, overdueOnly: e.target.checked })} />{' '}
        Overdue only
      </label>
    </div>
  )
}

/** The meeting board: did we do what we agreed last time? */
export function BoardView(): JSX.Element {
  const data = useStore((s) => s.board)
  const error = useStore((s) => s.boardError)
  const filter = useStore((s) => s.boardFilter)
  const moveCard = useStore((s) => s.moveCard)
  const canUndo = useStore((s) => s.undoStack.length > 0)
  const canRedo = useStore((s) => s.redoStack.length > 0)
  useEffect(() => {
    void useStore.getState().loadBoard()
  }, [])
  useUndoKeys()
  return (
    <>
      <ViewHeader
        title="Meeting Board"
        subtitle="Did we do what we agreed last time?"
        actions={
          <>
            <button
              type="button"
              className="button subtle"
              disabled={!canUndo}
              onClick={() => void useStore.getState().undoBoard()}
              aria-keyshortcuts="Control+Z Meta+Z"
            >
              Undo
            </button>
            <button
              type="button"
              className="button subtle"
              disabled={!canRedo}
              onClick={() => void useStore.getState().redoBoard()}
              aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z"
            >
              Redo
            </button>
          </>
        }
      />
      {error ? (
        <p role="alert" className="banner banner-error">
          {error}
        </p>
      ) : null}
      {data ? (
        <>
          <MeetingPanel data={data} meetingId={filter.meetingId} />
          <section className="panel board-panel" aria-labelledby="board-title">
            <h2 id="board-title" className="panel-title">
              Action items
            </h2>
            {filter.meetingId === null ? <Capture /> : null}
            <Filters />
            <Kanban data={data} onMove={(id, status, beforeId) => void moveCard(id, status, beforeId)} />
          </section>
          <AccountabilityPanel data={data.accountability} />
        </>
      ) : null}
    </>
  )
}
