import type { JSX } from 'react'
import type { TimelineEvent } from '@shared/handoff'
import { Icon } from '../../components/Icon'
import { formatDate, formatHours, formatInZone } from '../../format'
import { useStore } from '../../store'
import { AddToMeeting } from '../../components/AddToMeeting'
import { STATUS_LABEL, none } from './labels'

const EVENT_LABEL: Record<TimelineEvent['kind'], string> = {
  created: 'Created',
  handedOff: 'Handed off to sales',
  accepted: 'Accepted by sales',
  firstTouch: 'First touch',
  rejected: 'Rejected',
  recycled: 'Recycled to nurture',
  qualified: 'Qualified (SQL)',
  opportunity: 'Opportunity created',
  won: 'Won',
  lost: 'Lost',
}

/** Opportunity dates are calendar dates; lead steps are instants shown in the workspace zone. */
const when = (at: string, timeZone: string): string => (at.length === 10 ? formatDate(at) : formatInZone(at, timeZone))

/** The opened lead: who it is, where it stands against its SLA, and every step it went through. */
export function LeadTimeline({ timeZone }: { timeZone: string }): JSX.Element {
  const lead = useStore((s) => s.openLead)
  const error = useStore((s) => s.openLeadError)
  const close = useStore((s) => s.closeLead)
  if (!lead) {
    return (
      <aside className="lead-detail" aria-label="Lead">
        <p role="alert">{error}</p>
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </aside>
    )
  }
  const status = STATUS_LABEL[lead.status]
  const title = lead.name ?? lead.externalId
  return (
    <aside className="lead-detail" aria-labelledby="lead-detail-title">
      <header className="lead-detail-head">
        <div>
          <h3 id="lead-detail-title">{title}</h3>
          <p className="muted">{[lead.company, lead.email].filter(Boolean).join(' · ') || lead.externalId}</p>
        </div>
        <button type="button" className="icon-button" onClick={close} aria-label="Close the lead">
          <Icon name="close" size={18} />
        </button>
      </header>
      <p className="status-line" data-testid="lead-status">
        <span className={`status status-${lead.status} status-large`}>
          <Icon name={status.icon} size={20} />
          {status.label}
        </span>
        {lead.elapsedHours !== null ? (
          <span className="muted">
            {' '}
            · waited {formatHours(lead.elapsedHours)} of {formatHours(lead.limitHours)}
          </span>
        ) : null}
      </p>
      <dl className="facts">
        <dt>Owner</dt>
        <dd>{none(lead.owner, 'owner')}</dd>
        <dt>Grade</dt>
        <dd>{lead.grade ?? '–'}</dd>
        <dt>Source</dt>
        <dd>{lead.source ?? '–'}</dd>
        {lead.campaign ? (
          <>
            <dt>Campaign</dt>
            <dd>{lead.campaign}</dd>
          </>
        ) : null}
        <dt>Id</dt>
        <dd className="mono">
          {lead.externalId} <span className="muted">({lead.sourceSystem})</span>
        </dd>
      </dl>
      <ol className="timeline" aria-label="Timeline">
        {lead.events.map((e, i) => (
          <li key={i} className={`event event-${e.kind}`}>
            <span className="event-when">{when(e.at, timeZone)}</span>
            <span className="event-what">
              {EVENT_LABEL[e.kind]}
              {e.detail ? <span className="muted"> · {e.detail}</span> : null}
            </span>
          </li>
        ))}
        {lead.events.length === 0 ? <li className="muted">No dated step.</li> : null}
      </ol>
      {lead.opportunityId && !lead.events.some((e) => e.kind === 'opportunity' || e.kind === 'won' || e.kind === 'lost') ? (
        <p className="muted">Converted into opportunity {lead.opportunityId}, which is not in this workspace.</p>
      ) : null}
      {lead.status === 'breached' ? (
        <AddToMeeting
          buttonLabel="Add to next meeting"
          draft={{
            title: `Follow up ${title}${lead.owner ? ` (${lead.owner})` : ''}: past its SLA`,
            owner: lead.owner ?? '',
            team: 'sales',
            notes: `Waited ${formatHours(lead.elapsedHours)} against a ${formatHours(lead.limitHours)} limit.`,
            link: { kind: 'lead', id: String(lead.id), label: [title, lead.company].filter(Boolean).join(', ') },
          }}
        />
      ) : null}
    </aside>
  )
}
