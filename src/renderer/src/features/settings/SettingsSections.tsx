import { useId, type JSX, type ReactNode } from 'react'
import type { Problem } from '@shared/result'
import { SLA_CLOCKS, SOURCED_BY, STAGE_CATEGORIES, type SourcedBy, type StageCategory } from '@shared/settings'
import { Icon } from '../../components/Icon'
import { problemsAt, type SettingsForm } from '../../store/settings-form'
import { TableHead } from '../../components/TableHead'

export type Edit = (update: (draft: SettingsForm) => SettingsForm) => void

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const WEEKDAY_LABELS: [number, string][] = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [7, 'Sun'],
]

const timeZones: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return []
  }
})()

export function FieldProblems({ problems }: { problems: Problem[] }): JSX.Element | null {
  if (problems.length === 0) return null
  return (
    <ul className="field-problems">
      {problems.map((p, i) => (
        <li key={`${p.path}-${i}`}>{p.message}</li>
      ))}
    </ul>
  )
}

/** `anchor` lets other views bring a section into view (see `settingsFocus`). */
function Section({
  title,
  description,
  children,
  anchor,
}: {
  title: string
  description: ReactNode
  children: ReactNode
  anchor?: string
}): JSX.Element {
  const id = useId()
  return (
    <section className="settings-section" aria-labelledby={id} id={anchor}>
      <div className="settings-section-head">
        <h2 id={id}>{title}</h2>
        <p>{description}</p>
      </div>
      <div className="settings-section-body">{children}</div>
    </section>
  )
}

function replaceAt<T>(list: T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item))
}

function removeAt<T>(list: T[], index: number): T[] {
  return list.filter((_, i) => i !== index)
}

function RemoveButton({ label, onClick }: { label: string; onClick(): void }): JSX.Element {
  return (
    <button type="button" className="icon-button" aria-label={label} title={label} onClick={onClick}>
      <Icon name="close" size={16} />
    </button>
  )
}

function AddButton({ children, onClick }: { children: ReactNode; onClick(): void }): JSX.Element {
  return (
    <button type="button" className="button subtle" onClick={onClick}>
      <Icon name="plus" size={16} />
      {children}
    </button>
  )
}

export function GeneralSection({ form, edit, problems }: { form: SettingsForm; edit: Edit; problems: Problem[] }): JSX.Element {
  return (
    <Section
      title="General"
      description="The home currency every amount is shown in, the time zone dates are read in, and when the fiscal year starts."
    >
      <div className="field-grid">
        <label className="field">
          <span className="field-label">Home currency</span>
          <input
            className="input narrow"
            value={form.currency}
            maxLength={3}
            aria-invalid={problemsAt(problems, 'currency').length > 0}
            onChange={(e) => edit((d) => ({ ...d, currency: e.target.value.toUpperCase() }))}
          />
          <FieldProblems problems={problemsAt(problems, 'currency')} />
        </label>
        <label className="field">
          <span className="field-label">Time zone</span>
          <input
            className="input"
            list="tz-list"
            value={form.timezone}
            aria-invalid={problemsAt(problems, 'timezone').length > 0}
            onChange={(e) => edit((d) => ({ ...d, timezone: e.target.value }))}
          />
          <datalist id="tz-list">
            {timeZones.map((tz) => (
              <option key={tz} value={tz} />
            ))}
          </datalist>
          <FieldProblems problems={problemsAt(problems, 'timezone')} />
        </label>
        <label className="field">
          <span className="field-label">Fiscal year starts in</span>
          <select
            className="input"
            value={form.fiscalYearStartMonth}
            onChange={(e) => edit((d) => ({ ...d, fiscalYearStartMonth: Number(e.target.value) }))}
          >
            {MONTHS.map((m, i) => (
              <option key={m} value={i + 1}>
                {m}
              </option>
            ))}
          </select>
        </label>
      </div>
    </Section>
  )
}

export function FxSection({ form, edit, problems }: { form: SettingsForm; edit: Edit; problems: Problem[] }): JSX.Element {
  const home = form.currency || 'home currency'
  return (
    <Section
      anchor="settings-fx"
      title="Exchange rates"
      description={`How many ${home} one unit of each other currency is worth. Amounts in a currency without a rate are left out of every sum and counted.`}
    >
      <table className="edit-table">
        <TableHead cells={['Currency', `1 unit in ${home}`]} last="Remove" />
        <tbody>
          {form.fxRates.map((row, i) => {
            const rowProblems = problemsAt(problems, `fxRates.${row.code.trim().toUpperCase()}`)
            return (
              <tr key={i}>
                <td>
                  <input
                    className="input narrow"
                    aria-label={`Currency ${i + 1}`}
                    value={row.code}
                    maxLength={3}
                    onChange={(e) =>
                      edit((d) => ({ ...d, fxRates: replaceAt(d.fxRates, i, { ...row, code: e.target.value.toUpperCase() }) }))
                    }
                  />
                </td>
                <td>
                  <input
                    className="input number"
                    inputMode="decimal"
                    aria-label={`Rate for ${row.code || `currency ${i + 1}`}`}
                    value={row.rate}
                    aria-invalid={rowProblems.length > 0}
                    onChange={(e) => edit((d) => ({ ...d, fxRates: replaceAt(d.fxRates, i, { ...row, rate: e.target.value }) }))}
                  />
                  <FieldProblems problems={rowProblems} />
                </td>
                <td>
                  <RemoveButton
                    label={`Remove ${row.code || 'rate'}`}
                    onClick={() => edit((d) => ({ ...d, fxRates: removeAt(d.fxRates, i) }))}
                  />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <AddButton onClick={() => edit((d) => ({ ...d, fxRates: [...d.fxRates, { code: '', rate: '' }] }))}>Add currency</AddButton>
    </Section>
  )
}

export function StagesSection({ form, edit, problems }: { form: SettingsForm; edit: Edit; problems: Problem[] }): JSX.Element {
  return (
    <Section
      anchor="settings-stages"
      title="Deal stages"
      description="Which raw CRM stage means won, lost or still open, and the probability used for the weighted pipeline. Matching ignores case."
    >
      <table className="edit-table">
        <TableHead cells={['CRM stage', 'Means', 'Probability %']} last="Remove" />
        <tbody>
          {form.stages.map((row, i) => {
            const rowProblems = problemsAt(problems, `stages.${i + 1}`)
            return (
              <tr key={i}>
                <td>
                  <input
                    className="input"
                    aria-label={`Stage ${i + 1}`}
                    value={row.match}
                    aria-invalid={rowProblems.length > 0}
                    onChange={(e) => edit((d) => ({ ...d, stages: replaceAt(d.stages, i, { ...row, match: e.target.value }) }))}
                  />
                  <FieldProblems problems={rowProblems} />
                </td>
                <td>
                  <select
                    className="input"
                    aria-label={`Category of ${row.match || `stage ${i + 1}`}`}
                    value={row.category}
                    onChange={(e) =>
                      edit((d) => ({ ...d, stages: replaceAt(d.stages, i, { ...row, category: e.target.value as StageCategory }) }))
                    }
                  >
                    {STAGE_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    className="input number"
                    inputMode="decimal"
                    aria-label={`Probability of ${row.match || `stage ${i + 1}`}`}
                    placeholder={row.category === 'open' ? 'from export' : ''}
                    disabled={row.category !== 'open'}
                    value={row.category === 'open' ? row.probability : ''}
                    onChange={(e) => edit((d) => ({ ...d, stages: replaceAt(d.stages, i, { ...row, probability: e.target.value }) }))}
                  />
                </td>
                <td>
                  <RemoveButton
                    label={`Remove stage ${row.match}`}
                    onClick={() => edit((d) => ({ ...d, stages: removeAt(d.stages, i) }))}
                  />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <AddButton onClick={() => edit((d) => ({ ...d, stages: [...d.stages, { match: '', category: 'open', probability: '' }] }))}>
        Add stage
      </AddButton>
    </Section>
  )
}

export function SourcesSection({ form, edit, problems }: { form: SettingsForm; edit: Edit; problems: Problem[] }): JSX.Element {
  return (
    <Section
      anchor="settings-sources"
      title="Lead sources"
      description="Which team sourced a deal, by the raw lead source value of the CRM. Unmapped values count as unknown."
    >
      <table className="edit-table">
        <TableHead cells={['CRM lead source', 'Sourced by']} last="Remove" />
        <tbody>
          {form.sources.map((row, i) => {
            const rowProblems = problemsAt(problems, `sources.${i + 1}`)
            return (
              <tr key={i}>
                <td>
                  <input
                    className="input"
                    aria-label={`Lead source ${i + 1}`}
                    value={row.match}
                    aria-invalid={rowProblems.length > 0}
                    onChange={(e) => edit((d) => ({ ...d, sources: replaceAt(d.sources, i, { ...row, match: e.target.value }) }))}
                  />
                  <FieldProblems problems={rowProblems} />
                </td>
                <td>
                  <select
                    className="input"
                    aria-label={`Team for ${row.match || `source ${i + 1}`}`}
                    value={row.sourcedBy}
                    onChange={(e) =>
                      edit((d) => ({ ...d, sources: replaceAt(d.sources, i, { ...row, sourcedBy: e.target.value as SourcedBy }) }))
                    }
                  >
                    {SOURCED_BY.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <RemoveButton
                    label={`Remove source ${row.match}`}
                    onClick={() => edit((d) => ({ ...d, sources: removeAt(d.sources, i) }))}
                  />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <AddButton onClick={() => edit((d) => ({ ...d, sources: [...d.sources, { match: '', sourcedBy: 'marketing' }] }))}>
        Add source
      </AddButton>
    </Section>
  )
}

export function SlaSection({ form, edit, problems }: { form: SettingsForm; edit: Edit; problems: Problem[] }): JSX.Element {
  const sla = form.sla
  const setSla = (update: Partial<SettingsForm['sla']>): void => edit((d) => ({ ...d, sla: { ...d.sla, ...update } }))
  return (
    <Section
      title="Handoff SLA"
      description="How long sales has to touch a lead after marketing hands it over, by lead grade, and whether the clock counts all hours or only working hours."
    >
      <fieldset className="field">
        <legend className="field-label">SLA clock</legend>
        <div className="radio-row">
          {SLA_CLOCKS.map((c) => (
            <label key={c} className="radio">
              <input type="radio" name="sla-clock" value={c} checked={sla.clock === c} onChange={() => setSla({ clock: c })} />
              {c === 'calendar' ? 'Calendar hours (around the clock)' : 'Business hours only'}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="field">
        <legend className="field-label">Working days and hours</legend>
        <div className="day-row">
          {WEEKDAY_LABELS.map(([n, label]) => (
            <label key={n} className="day-toggle">
              <input
                type="checkbox"
                checked={sla.days.includes(n)}
                onChange={(e) => setSla({ days: e.target.checked ? [...sla.days, n] : sla.days.filter((x) => x !== n) })}
              />
              {label}
            </label>
          ))}
        </div>
        <FieldProblems problems={problemsAt(problems, 'sla.businessHours.days')} />
        <div className="time-row">
          <label>
            From <input className="input time" type="time" value={sla.start} onChange={(e) => setSla({ start: e.target.value })} />
          </label>
          <label>
            to <input className="input time" type="time" value={sla.end} onChange={(e) => setSla({ end: e.target.value })} />
          </label>
        </div>
        <FieldProblems problems={[...problemsAt(problems, 'sla.businessHours.start'), ...problemsAt(problems, 'sla.businessHours.end')]} />
      </fieldset>

      <fieldset className="field">
        <legend className="field-label">Holidays (no business hours)</legend>
        <div className="chip-list">
          {sla.holidays.map((h, i) => (
            <span className="chip" key={i}>
              <input
                className="input date"
                type="date"
                aria-label={`Holiday ${i + 1}`}
                value={h}
                onChange={(e) => setSla({ holidays: replaceAt(sla.holidays, i, e.target.value) })}
              />
              <RemoveButton label={`Remove holiday ${h}`} onClick={() => setSla({ holidays: removeAt(sla.holidays, i) })} />
            </span>
          ))}
          <AddButton onClick={() => setSla({ holidays: [...sla.holidays, ''] })}>Add holiday</AddButton>
        </div>
        <FieldProblems problems={problemsAt(problems, 'sla.holidays')} />
      </fieldset>

      <fieldset className="field">
        <legend className="field-label">First touch within (hours)</legend>
        <table className="edit-table compact">
          <TableHead cells={['Lead grade', 'Hours']} last="Remove" />
          <tbody>
            {sla.firstTouch.map((row, i) => {
              const isDefault = row.grade === '*'
              const rowProblems = problemsAt(problems, `sla.firstTouchHours.${row.grade.trim()}`)
              return (
                <tr key={i}>
                  <td>
                    {isDefault ? (
                      <span className="muted">Any other grade, or none</span>
                    ) : (
                      <input
                        className="input narrow"
                        aria-label={`Grade ${i + 1}`}
                        value={row.grade}
                        onChange={(e) => setSla({ firstTouch: replaceAt(sla.firstTouch, i, { ...row, grade: e.target.value }) })}
                      />
                    )}
                  </td>
                  <td>
                    <input
                      className="input number"
                      inputMode="decimal"
                      aria-label={isDefault ? 'Hours for any other grade' : `Hours for grade ${row.grade || i + 1}`}
                      value={row.hours}
                      aria-invalid={rowProblems.length > 0}
                      onChange={(e) => setSla({ firstTouch: replaceAt(sla.firstTouch, i, { ...row, hours: e.target.value }) })}
                    />
                    <FieldProblems problems={rowProblems} />
                  </td>
                  <td>
                    {isDefault ? null : (
                      <RemoveButton
                        label={`Remove grade ${row.grade}`}
                        onClick={() => setSla({ firstTouch: removeAt(sla.firstTouch, i) })}
                      />
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <FieldProblems problems={problems.filter((p) => p.path === 'sla.firstTouchHours')} />
        <AddButton
          onClick={() => {
            // New grades go above the fixed "any other grade" row.
            const star = sla.firstTouch.findIndex((r) => r.grade === '*')
            const next = [...sla.firstTouch]
            next.splice(star === -1 ? next.length : star, 0, { grade: '', hours: '' })
            setSla({ firstTouch: next })
          }}
        >
          Add grade
        </AddButton>
      </fieldset>
    </Section>
  )
}

export function RejectionSection({ form, edit, problems }: { form: SettingsForm; edit: Edit; problems: Problem[] }): JSX.Element {
  return (
    <Section title="Rejection reasons" description="The reasons sales may give when it sends a lead back: the words both teams agreed on.">
      <ul className="reason-list">
        {form.rejectionReasons.map((r, i) => (
          <li key={i}>
            <input
              className="input"
              aria-label={`Rejection reason ${i + 1}`}
              value={r}
              aria-invalid={problemsAt(problems, `rejectionReasons.${i + 1}`).length > 0}
              onChange={(e) => edit((d) => ({ ...d, rejectionReasons: replaceAt(d.rejectionReasons, i, e.target.value) }))}
            />
            <RemoveButton
              label={`Remove reason ${r}`}
              onClick={() => edit((d) => ({ ...d, rejectionReasons: removeAt(d.rejectionReasons, i) }))}
            />
            <FieldProblems problems={problemsAt(problems, `rejectionReasons.${i + 1}`)} />
          </li>
        ))}
      </ul>
      <AddButton onClick={() => edit((d) => ({ ...d, rejectionReasons: [...d.rejectionReasons, ''] }))}>Add reason</AddButton>
    </Section>
  )
}

export function BoardSection({ form, edit, problems }: { form: SettingsForm; edit: Edit; problems: Problem[] }): JSX.Element {
  const field = (key: keyof SettingsForm['board'], label: string, path: string, unit: string): JSX.Element => (
    <label className="field">
      <span className="field-label">
        {label} ({unit})
      </span>
      <input
        className="input narrow number"
        inputMode="decimal"
        value={form.board[key]}
        aria-invalid={problemsAt(problems, path).length > 0}
        onChange={(e) => edit((d) => ({ ...d, board: { ...d.board, [key]: e.target.value } }))}
      />
      <FieldProblems problems={problemsAt(problems, path)} />
    </label>
  )
  return (
    <Section
      anchor="settings-board"
      title="Meeting board"
      description="How often the joint meeting is held (the next one is proposed on this cadence, same weekday and time), and the goals at which an item linked to a metric counts as recovered."
    >
      <div className="field-grid">
        {field('cadenceDays', 'Meeting every', 'board.cadenceDays', 'days')}
        {field('slaAttainment', 'SLA attainment goal', 'board.goals.slaAttainment', '%')}
        {field('acceptanceRate', 'Acceptance rate goal', 'board.goals.acceptanceRate', '%')}
        {field('backlog', 'Backlog goal', 'board.goals.backlog', 'leads')}
      </div>
    </Section>
  )
}
