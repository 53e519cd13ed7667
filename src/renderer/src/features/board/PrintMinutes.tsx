import { useEffect, useState, type JSX } from 'react'
import { LINK_LABEL, PRINT_READY_TITLE, STATUS_LABEL, TEAM_LABEL, type ActionItem, type Meeting } from '@shared/board'
import { api, call, messageOf } from '../../api'
import { formatDate } from '../../format'
import { SinceLastPanel, SnapshotNumbers } from './Snapshot'

/** `#print/minutes/<id>` → the meeting id, else null. */
export function printedMeeting(hash: string): number | null {
  const m = /^#print\/minutes\/(\d{1,12})$/.exec(hash)
  return m ? Number(m[1]) : null
}

/**
 * A meeting's minutes as a printable page: what the PDF is made of (printed by Electron's printToPDF in
 * the app, and by Chromium in the tests). The same content as the Markdown minutes.
 */
export function PrintMinutes({ meetingId }: { meetingId: number }): JSX.Element {
  const [state, setState] = useState<{ meeting: Meeting; items: ActionItem[] } | { error: string } | null>(null)
  useEffect(() => {
    Promise.all([call(api().board.meeting(meetingId)), call(api().board.meetingItems(meetingId))]).then(
      ([meeting, items]) => setState({ meeting, items }),
      (e: unknown) => setState({ error: messageOf(e) }),
    )
  }, [meetingId])
  useEffect(() => {
    if (state !== null) document.title = PRINT_READY_TITLE
  }, [state])
  if (state === null) return <p>Loading the minutes…</p>
  if ('error' in state) return <p role="alert">{state.error}</p>
  const { meeting, items } = state
  const owners = [...new Set(items.map((i) => i.owner))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
  const carried = items.filter((i) => i.timesCarried > 0)
  return (
    <main className="print-minutes">
      <h1>{meeting.title}</h1>
      <p>
        <strong>Date:</strong> {meeting.scheduledAt.replace('T', ' ')} · <strong>Attendees:</strong>{' '}
        {meeting.attendees.join(', ') || 'not recorded'}
      </p>
      {meeting.agenda ? <p className="pre-line">Agenda: {meeting.agenda}</p> : null}
      {meeting.snapshot ? (
        <>
          <SnapshotNumbers snapshot={meeting.snapshot} headingId="print-snapshot" />
          <SinceLastPanel since={meeting.snapshot.sinceLast} />
        </>
      ) : (
        <p>The meeting has not started: no numbers were frozen yet.</p>
      )}
      <h2>Decisions</h2>
      {meeting.decisions.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <ul>
          {meeting.decisions.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
      {meeting.notes ? (
        <>
          <h2>Notes</h2>
          <p className="pre-line">{meeting.notes}</p>
        </>
      ) : null}
      <h2>Action items by owner</h2>
      {owners.map((o) => (
        <section key={o || '-'}>
          <h3>{o || 'No owner'}</h3>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Team</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Carried</th>
              </tr>
            </thead>
            <tbody>
              {items
                .filter((i) => i.owner === o)
                .map((i) => (
                  <tr key={i.id}>
                    <td>
                      {i.title}
                      {i.link ? (
                        <span className="muted">
                          {' '}
                          ({LINK_LABEL[i.link.kind]}: {i.link.label})
                        </span>
                      ) : null}
                    </td>
                    <td>{TEAM_LABEL[i.team]}</td>
                    <td>{i.dueDate ? formatDate(i.dueDate) : '–'}</td>
                    <td>{STATUS_LABEL[i.status]}</td>
                    <td>{i.timesCarried > 0 ? `${i.timesCarried}×` : '–'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
      <h2>Carried items</h2>
      {carried.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {carried.map((i) => (
            <li key={i.id}>
              {i.title}: carried over {i.timesCarried} {i.timesCarried === 1 ? 'time' : 'times'} —{' '}
              {i.carries
                .map(
                  (c) => `${formatDate(c.meetingDate)} (due ${c.dueDate ? formatDate(c.dueDate) : 'none'}${c.slipped ? ', slipped' : ''})`,
                )
                .join('; ')}
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
