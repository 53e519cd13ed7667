import type { JSX } from 'react'
import { ACTION_STATUSES, ACTION_TEAMS, STATUS_LABEL, TEAM_LABEL, type ActionStatus, type ActionTeam } from '@shared/board'

/** An action item as its form edits it (the due date as the date input's text, '' for none). */
export interface ActionDraft {
  title: string
  owner: string
  team: ActionTeam
  dueDate: string
  notes: string
  status: ActionStatus
}

/** The team picker; with `anyLabel`, an extra first choice for "no team chosen" (a filter). */
export function TeamSelect({
  value,
  onChange,
  anyLabel,
}: {
  value: ActionTeam | null
  onChange(team: ActionTeam | null): void
  anyLabel?: string
}): JSX.Element {
  return (
    <label className="field">
      <span className="field-label">Team</span>
      <select className="input" value={value ?? ''} onChange={(e) => onChange((e.target.value || null) as ActionTeam | null)}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {ACTION_TEAMS.map((t) => (
          <option key={t} value={t}>
            {TEAM_LABEL[t]}
          </option>
        ))}
      </select>
    </label>
  )
}

/** The fields of an action item, shared by "Add to next meeting" and the board's edit dialog. */
export function ActionFields({
  value,
  onChange,
  withStatus,
}: {
  value: ActionDraft
  onChange(next: ActionDraft): void
  withStatus?: boolean
}): JSX.Element {
  const set = <K extends keyof ActionDraft>(key: K, v: ActionDraft[K]): void => onChange({ ...value, [key]: v })
  return (
    <>
      <label className="field">
        <span className="field-label">Action</span>
        <input className="input" value={value.title} maxLength={200} required onChange={(e) => set('title', e.target.value)} />
      </label>
      <div className="field-row">
        <label className="field">
          <span className="field-label">Owner</span>
          <input className="input" value={value.owner} maxLength={200} onChange={(e) => set('owner', e.target.value)} />
        </label>
        <TeamSelect value={value.team} onChange={(t) => set('team', t ?? 'joint')} />
        <label className="field">
          <span className="field-label">Due</span>
          <input className="input" type="date" value={value.dueDate} onChange={(e) => set('dueDate', e.target.value)} />
        </label>
        {withStatus ? (
          <label className="field">
            <span className="field-label">Status</span>
            <select className="input" value={value.status} onChange={(e) => set('status', e.target.value as ActionStatus)}>
              {ACTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <label className="field">
        <span className="field-label">Notes</span>
        <textarea className="input" rows={3} maxLength={5000} value={value.notes} onChange={(e) => set('notes', e.target.value)} />
      </label>
    </>
  )
}
