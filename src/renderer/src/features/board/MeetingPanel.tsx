import { useEffect, useState, type JSX } from 'react'
import type { BoardData, Meeting, MinutesFormat } from '@shared/board'
import { api, call, messageOf } from '../../api'
import { Dialog } from '../../components/Dialog'
import { Icon } from '../../components/Icon'
import { useStore } from '../../store'
import { SinceLastPanel, SnapshotNumbers } from './Snapshot'

const when = (local: string): string => {
  const d = new Date(`${local}:00Z`)
  return Number.isNaN(d.getTime()) ? local : d.toLocaleString(undefined, { timeZone: 'UTC', dateStyle: 'full', timeStyle: 'short' })
}

const EXPORTS: [MinutesFormat, string][] = [
  ['md', 'Minutes (Markdown)'],
  ['pdf', 'Minutes (PDF)'],
  ['csv', 'Action items (CSV)'],
  ['ics', 'Due dates (.ics)'],
]

function Exports({ meeting }: { meeting: Meeting }): JSX.Element {
  const exportMinutes = useStore((s) => s.exportMinutes)
  return (
    <div className="button-row" role="group" aria-label="Export">
      {EXPORTS.map(([format, label]) => (
        <button key={format} type="button" className="button small" onClick={() => void exportMinutes(meeting.id, format)}>
          <Icon name="save" size={16} /> {label}
        </button>
      ))}
    </div>
  )
}

function PlanDialog({ meeting, proposed, onClose }: { meeting: Meeting | null; proposed: string; onClose(): void }): JSX.Element {
  const saveMeeting = useStore((s) => s.saveMeeting)
  const [title, setTitle] = useState(meeting?.title ?? 'Joint sales & marketing meeting')
  const [at, setAt] = useState(meeting?.scheduledAt ?? proposed)
  const [attendees, setAttendees] = useState((meeting?.attendees ?? []).join(', '))
  const [agenda, setAgenda] = useState(meeting?.agenda ?? '')
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    const ok = await saveMeeting({
      title: title.trim(),
      scheduledAt: at,
      attendees: attendees
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      agenda,
    })
    if (ok) onClose()
  }
  return (
    <Dialog title={meeting ? 'Edit the next meeting' : 'Plan the next meeting'} onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span className="field-label">Title</span>
          <input className="input" value={title} maxLength={200} required onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Date and time</span>
          <input className="input" type="datetime-local" value={at} required onChange={(e) => setAt(e.target.value.slice(0, 16))} />
        </label>
        <label className="field">
          <span className="field-label">Attendees (comma-separated)</span>
          <input className="input" value={attendees} onChange={(e) => setAttendees(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Agenda</span>
          <textarea className="input" rows={3} value={agenda} onChange={(e) => setAgenda(e.target.value)} />
        </label>
        <div className="button-row">
          <button type="submit" className="button primary" disabled={title.trim() === '' || at === ''}>
            Save
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

function Decisions({ meeting, editable }: { meeting: Meeting; editable: boolean }): JSX.Element {
  const saveMeeting = useStore((s) => s.saveMeeting)
  const [draft, setDraft] = useState('')
  const add = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault()
    if (draft.trim() === '') return
    if (await saveMeeting({ decisions: [...meeting.decisions, draft.trim()] })) setDraft('')
  }
  return (
    <section className="decisions" aria-labelledby="decisions-title">
      <h3 id="decisions-title">Decisions</h3>
      {meeting.decisions.length === 0 ? <p className="muted">None recorded yet.</p> : null}
      <ul>
        {meeting.decisions.map((d, i) => (
          <li key={`${i}-${d}`}>{d}</li>
        ))}
      </ul>
      {editable ? (
        <form className="inline-form" onSubmit={(e) => void add(e)}>
          <label>
            <span className="sr-only">New decision</span>
            <input
              className="input"
              value={draft}
              maxLength={1000}
              placeholder="One decision per line"
              onChange={(e) => setDraft(e.target.value)}
            />
          </label>
          <button type="submit" className="button small" disabled={draft.trim() === ''}>
            Add decision
          </button>
        </form>
      ) : null}
    </section>
  )
}

function Notes({ meeting, editable }: { meeting: Meeting; editable: boolean }): JSX.Element {
  const saveMeeting = useStore((s) => s.saveMeeting)
  const [draft, setDraft] = useState(meeting.notes)
  if (!editable) return meeting.notes ? <p className="pre-line">Notes: {meeting.notes}</p> : <></>
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault()
        void saveMeeting({ notes: draft })
      }}
    >
      <label>
        <span className="field-label">Notes</span>
        <textarea className="input" rows={2} maxLength={50_000} value={draft} onChange={(e) => setDraft(e.target.value)} />
      </label>
      <button type="submit" className="button small" disabled={draft === meeting.notes}>
        Save notes
      </button>
    </form>
  )
}

/** The meeting in progress, the next one, or a past one: its plan, snapshot, since-last, decisions and exports. */
export function MeetingPanel({ data, meetingId }: { data: BoardData; meetingId: number | null }): JSX.Element {
  const startMeeting = useStore((s) => s.startMeeting)
  const endMeeting = useStore((s) => s.endMeeting)
  const [planning, setPlanning] = useState(false)
  const [past, setPast] = useState<{ meeting: Meeting | null; error: string | null }>({ meeting: null, error: null })
  useEffect(() => {
    if (meetingId === null) return
    let live = true
    call(api().board.meeting(meetingId)).then(
      (m) => live && setPast({ meeting: m, error: null }),
      (e: unknown) => live && setPast({ meeting: null, error: messageOf(e) }),
    )
    return () => {
      live = false
    }
  }, [meetingId, data])
  const meeting = meetingId === null ? data.current : past.meeting
  if (meetingId !== null && past.error) return <p className="banner banner-error">{past.error}</p>
  return (
    <>
      <section className="panel meeting-panel" aria-labelledby="meeting-title">
        <div className="panel-head">
          <div>
            <h2 id="meeting-title" className="panel-title">
              {meeting ? meeting.title : data.meetings.length === 0 ? 'No meetings yet' : 'No meeting planned'}
            </h2>
            <p className="muted" data-testid="meeting-state">
              {meeting === null
                ? `Plan the next joint meeting (proposed ${when(data.proposedNext)}, on the team's cadence) or start one now: starting freezes the key numbers as presented.`
                : meeting.state === 'planned'
                  ? `Next meeting: ${when(meeting.scheduledAt)}. Not started.`
                  : meeting.state === 'in_progress'
                    ? `In progress · ${when(meeting.scheduledAt)}`
                    : `Ended · ${when(meeting.scheduledAt)}`}
            </p>
            {meeting && meeting.attendees.length > 0 ? <p>Attendees: {meeting.attendees.join(', ')}</p> : null}
            {meeting?.agenda ? <p className="pre-line">Agenda: {meeting.agenda}</p> : null}
          </div>
          <div className="button-row">
            {meetingId === null && meeting?.state !== 'in_progress' ? (
              <>
                <button type="button" className="button" onClick={() => setPlanning(true)}>
                  <Icon name="edit" size={16} /> {meeting ? 'Edit plan…' : 'Plan next meeting…'}
                </button>
                <button type="button" className="button primary" onClick={() => void startMeeting()}>
                  Start meeting
                </button>
              </>
            ) : null}
            {meetingId === null && meeting?.state === 'in_progress' ? (
              <button type="button" className="button primary" onClick={() => void endMeeting(meeting.id)}>
                End meeting
              </button>
            ) : null}
          </div>
        </div>
        {meeting && meeting.state !== 'planned' ? (
          <Decisions meeting={meeting} editable={meeting.state === 'in_progress' && meetingId === null} />
        ) : null}
        {meeting && meeting.state !== 'planned' ? (
          <Notes key={meeting.id} meeting={meeting} editable={meeting.state === 'in_progress' && meetingId === null} />
        ) : null}
        {meeting && meeting.state !== 'planned' ? <Exports meeting={meeting} /> : null}
      </section>
      {meeting?.snapshot ? (
        <div className="snapshot-pair">
          <SnapshotNumbers snapshot={meeting.snapshot} headingId="snapshot-title" />
          <SinceLastPanel since={meeting.snapshot.sinceLast} />
        </div>
      ) : null}
      {planning ? <PlanDialog meeting={meeting} proposed={data.proposedNext} onClose={() => setPlanning(false)} /> : null}
    </>
  )
}
