import { useMemo, type JSX } from 'react'
import { fieldsOf, missingFields } from '@shared/import/fields'
import { createRowMapper, type CanonicalValue } from '@shared/import/map-row'
import type { FileInspection, ImportSettings } from '@shared/import/outcome'
import { DATE_ORDERS, IMPORT_KINDS, type FieldSource, type RowProblem } from '@shared/import/types'
import { formatBytes, formatMinor } from '../../format'
import { Icon } from '../../components/Icon'
import { useStore } from '../../store'
import { CRM_LABEL, DATE_ORDER_LABEL, KIND_LABEL, columnLabel } from './labels'
import { TableHead } from '../../components/TableHead'
import { ScrollArea } from '../../components/ScrollArea'

const PREVIEW_ROWS = 8
const NOT_IMPORTED = ''
const FIXED = 'fixed'

function showValue(v: CanonicalValue | undefined): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'object') return formatMinor(v.minor, v.currency)
  return String(v)
}

function FileFacts({ inspection }: { inspection: FileInspection }): JSX.Element {
  const parts = [
    inspection.format.toUpperCase(),
    inspection.encoding ? inspection.encoding.toUpperCase() : null,
    inspection.delimiter ? `separated by ${inspection.delimiter === '\t' ? 'tabs' : `"${inspection.delimiter}"`}` : null,
    formatBytes(inspection.sizeBytes),
  ].filter(Boolean)
  return (
    <p className="file-facts">
      <Icon name="file" size={18} /> <strong>{inspection.fileName}</strong> <span className="muted">· {parts.join(' · ')}</span>
    </p>
  )
}

export function MappingPanel(): JSX.Element | null {
  const inspection = useStore((s) => s.inspection)
  const draft = useStore((s) => s.importDraft)
  const settings = useStore((s) => s.settings)
  const dateOrderConfirmed = useStore((s) => s.dateOrderConfirmed)
  const edit = useStore((s) => s.editImport)
  const confirmDateOrder = useStore((s) => s.confirmDateOrder)
  const reinspect = useStore((s) => s.inspectImport)
  const preview = useStore((s) => s.previewImport)
  const chooseFile = useStore((s) => s.chooseImportFile)

  const mapped = useMemo(() => {
    if (!inspection || !draft || !settings) return null
    const mapRow = createRowMapper({
      kind: draft.kind,
      mapping: draft.mapping,
      headers: inspection.headers,
      wide: draft.wide,
      dateOrder: draft.dateOrder,
      decimal: draft.decimal,
      probabilityScale: draft.probabilityScale,
      timeZone: settings.settings.timezone,
      homeCurrency: settings.settings.currency,
      fiscalYearStartMonth: settings.settings.fiscalYearStartMonth,
    })
    return inspection.sample.slice(0, PREVIEW_ROWS).map((row) => ({ row: row.row, ...mapRow(row) }))
  }, [inspection, draft, settings])

  if (!inspection || !draft) return null
  const fields = fieldsOf(draft.kind)
  const missing = missingFields(draft.kind, draft.mapping, draft.wide !== null)
  const shownFields = draft.wide ? fields.filter((f) => f.name !== 'period' && f.name !== 'amount') : fields
  const previewFields = draft.wide
    ? ['period', 'amount', ...shownFields.map((f) => f.name)]
    : fields.filter((f) => f.name in draft.mapping).map((f) => f.name)
  const blocked =
    missing.length > 0
      ? `Map ${missing.map((m) => m.label).join(' and ')} first.`
      : !dateOrderConfirmed
        ? 'Choose the date order first.'
        : null

  const setSource = (field: string, src: FieldSource | null): void =>
    edit((d) => {
      const mapping = { ...d.mapping }
      if (src) mapping[field] = src
      else delete mapping[field]
      return { ...d, mapping }
    })

  return (
    <section className="panel" aria-labelledby="mapping-title">
      <h2 id="mapping-title" className="panel-title">
        How to read this file
      </h2>
      <FileFacts inspection={inspection} />
      <p className="detected">
        Looks like <strong>{KIND_LABEL[inspection.detected.kind].toLowerCase()}</strong> from{' '}
        <strong>{CRM_LABEL[inspection.detected.crm]}</strong>
        {inspection.remembered ? (
          <span className="badge">mapping remembered from the last file with these columns</span>
        ) : (
          <span className={`badge confidence-${inspection.detected.confidence}`}>{inspection.detected.confidence} confidence</span>
        )}
      </p>
      {inspection.detected.reasons.length > 0 && !inspection.remembered ? (
        <ul className="reasons">
          {inspection.detected.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}

      <div className="field-grid">
        <label className="field">
          <span className="field-label">The file holds</span>
          <select
            className="input"
            value={draft.kind}
            onChange={(e) =>
              void reinspect({
                kind: e.target.value as ImportSettings['kind'],
                headerRow: draft.headerRow,
                ...(draft.sheet ? { sheet: draft.sheet } : {}),
              })
            }
          >
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        {inspection.sheets.length > 0 ? (
          <label className="field">
            <span className="field-label">Sheet</span>
            <select className="input" value={draft.sheet ?? ''} onChange={(e) => void reinspect({ sheet: e.target.value })}>
              {inspection.sheets.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                  {s.state !== 'visible' ? ' (hidden)' : ''}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="field">
          <span className="field-label">Header row</span>
          <select
            className="input"
            value={draft.headerRow}
            onChange={(e) => void reinspect({ headerRow: Number(e.target.value), ...(draft.sheet ? { sheet: draft.sheet } : {}) })}
          >
            {inspection.topRows.map((r) => (
              <option key={r.row} value={r.row}>
                Row {r.row}:{' '}
                {r.cells
                  .filter((c) => c !== null && c !== '')
                  .slice(0, 4)
                  .join(', ')
                  .slice(0, 60)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Source system</span>
          <input
            className="input"
            value={draft.sourceSystem}
            onChange={(e) => edit((d) => ({ ...d, sourceSystem: e.target.value }))}
            aria-describedby="source-help"
          />
          <span id="source-help" className="field-help">
            Rows are matched by source system and ID: importing the same file again changes nothing.
          </span>
        </label>
      </div>

      <fieldset className={`field date-order${!dateOrderConfirmed ? ' needs-choice' : ''}`}>
        <legend className="field-label">Dates are written as</legend>
        {inspection.dateOrderAmbiguous ? (
          <p className="field-help" role={dateOrderConfirmed ? undefined : 'alert'}>
            <Icon name="alert" size={16} /> The dates in this file ({inspection.dateExamples.join(', ')}) could be read either way. Choose
            how they are written.
          </p>
        ) : null}
        <div className="radio-row">
          {DATE_ORDERS.map((o) => (
            <label key={o} className="radio">
              <input
                type="radio"
                name="date-order"
                checked={draft.dateOrder === o && dateOrderConfirmed}
                onChange={() => {
                  edit((d) => ({ ...d, dateOrder: o }))
                  confirmDateOrder()
                }}
              />
              {DATE_ORDER_LABEL[o]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field-grid">
        <label className="field">
          <span className="field-label">Decimal separator in amounts</span>
          <select className="input" value={draft.decimal} onChange={(e) => edit((d) => ({ ...d, decimal: e.target.value as '.' | ',' }))}>
            <option value=".">Point: 1,234.50</option>
            <option value=",">Comma: 1.234,50</option>
          </select>
        </label>
        {'probability' in draft.mapping ? (
          <label className="field">
            <span className="field-label">Probabilities are written as</span>
            <select
              className="input"
              value={draft.probabilityScale}
              onChange={(e) => edit((d) => ({ ...d, probabilityScale: e.target.value as 'fraction' | 'percent' }))}
            >
              <option value="fraction">Fractions: 0.6</option>
              <option value="percent">Percentages: 60</option>
            </select>
          </label>
        ) : null}
      </div>

      {draft.wide ? (
        <p className="wide-note">
          One column per month: {draft.wide.periodColumns.length} period columns ({draft.wide.periodColumns[0]?.period} …{' '}
          {draft.wide.periodColumns.at(-1)?.period}); each amount becomes one target
          {draft.wide.labelColumn !== null
            ? `, for the segment named in column ${columnLabel(draft.wide.labelColumn, inspection.headers[draft.wide.labelColumn] ?? '')}`
            : ''}
          .
        </p>
      ) : null}

      <table className="data-table mapping-table" aria-label="Field mapping">
        <TableHead cells={['Tandem field', 'Column in the file']} />
        <tbody>
          {shownFields.map((f) => {
            const src = draft.mapping[f.name]
            const value = !src ? NOT_IMPORTED : 'constant' in src ? FIXED : String(src.column)
            return (
              <tr key={f.name}>
                <th scope="row">
                  {f.label}
                  {f.required ? (
                    <span className="required" title="required">
                      {' '}
                      *
                    </span>
                  ) : null}
                  <span className="mono muted field-name"> {f.name}</span>
                </th>
                <td>
                  <select
                    className="input"
                    aria-label={`Column for ${f.label}`}
                    value={value}
                    aria-invalid={f.required && !src}
                    onChange={(e) => {
                      const v = e.target.value
                      if (v === NOT_IMPORTED) setSource(f.name, null)
                      else if (v === FIXED) setSource(f.name, { constant: '' })
                      else setSource(f.name, { column: Number(v), header: inspection.headers[Number(v)] ?? '' })
                    }}
                  >
                    <option value={NOT_IMPORTED}>— not imported —</option>
                    {inspection.headers.map((h, i) => (
                      <option key={i} value={i}>
                        {columnLabel(i, h)}
                      </option>
                    ))}
                    <option value={FIXED}>The same value for every row…</option>
                  </select>
                  {src && 'constant' in src ? (
                    <input
                      className="input constant"
                      aria-label={`Value of ${f.label} for every row`}
                      value={src.constant}
                      onChange={(e) => setSource(f.name, { constant: e.target.value })}
                    />
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>

      <h3 className="subhead">Preview of the first rows, as they will be imported</h3>
      {mapped ? <LivePreview fields={previewFields} rows={mapped} kind={draft.kind} /> : <p className="muted">Loading settings…</p>}

      <div className="button-row sticky-actions">
        <button
          type="button"
          className="button primary"
          disabled={blocked !== null}
          onClick={() => void preview()}
          title={blocked ?? undefined}
        >
          Check the whole file
        </button>
        <button type="button" className="button" onClick={() => void chooseFile()}>
          Choose another file…
        </button>
        {blocked ? <span className="muted">{blocked}</span> : <span className="muted">Nothing is written until you confirm.</span>}
      </div>
    </section>
  )
}

function LivePreview({
  fields,
  rows,
  kind,
}: {
  fields: string[]
  rows: { row: number; records: { key: string; values: Record<string, CanonicalValue> }[]; problems: RowProblem[] }[]
  kind: ImportSettings['kind']
}): JSX.Element {
  const labels = new Map(fieldsOf(kind).map((f) => [f.name, f.label]))
  if (fields.length === 0) return <p className="muted">Map at least one field to see the preview.</p>
  return (
    <ScrollArea label="Mapped preview (scrolls sideways)">
      <table className="data-table live-preview" aria-label="Mapped preview">
        <TableHead cells={['Row', ...fields.map((f) => labels.get(f) ?? f)]} />
        <tbody>
          {rows.flatMap((r) => {
            if (r.problems.length > 0) {
              return [
                <tr key={r.row} className="invalid-row">
                  <td>{r.row}</td>
                  <td colSpan={fields.length}>
                    <Icon name="alert" size={14} />{' '}
                    {r.problems.map((p) => `${p.column}${p.value ? ` "${p.value}"` : ''}: ${p.reason}`).join('; ')}
                  </td>
                </tr>,
              ]
            }
            return r.records.map((rec, i) => (
              <tr key={`${r.row}-${i}`}>
                <td>{r.row}</td>
                {fields.map((f) => (
                  <td key={f}>{showValue(rec.values[f])}</td>
                ))}
              </tr>
            ))
          })}
        </tbody>
      </table>
    </ScrollArea>
  )
}
